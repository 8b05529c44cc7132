import fs from 'node:fs';

/** This build's version, from package.json, recorded in every archive it writes. */
export const CANDOR_VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

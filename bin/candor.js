#!/usr/bin/env node
// Entry point of the `candor` command. It runs the compiled JavaScript in build/ when that was
// made from the sources as they are now (scripts/build.mjs, run by `npm ci`), and otherwise
// loads the TypeScript sources through tsx, which compiles each one as it is imported.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourcesFingerprint } from '../scripts/sources-fingerprint.mjs';

function builtFromCurrentSources() {
  try {
    const recorded = fs.readFileSync(new URL('../build/SOURCES', import.meta.url), 'utf8').trim();
    return recorded === sourcesFingerprint(fileURLToPath(new URL('../src', import.meta.url)));
  } catch {
    return false;
  }
}

let main;
if (process.env.CANDOR_RUN_SOURCES !== '1' && builtFromCurrentSources()) {
  ({ main } = await import('../build/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

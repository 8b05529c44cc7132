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

// A process that candor starts itself (an HTTP worker of `serve --workers`, the child that
// creates a new embedded database) runs the same code as its parent, even if the sources have
// changed since the parent started.
const inherited = process.env.CANDOR_RUNS;
const runBuild = inherited ? inherited === 'build' : process.env.CANDOR_RUN_SOURCES !== '1' && builtFromCurrentSources();
process.env.CANDOR_RUNS = runBuild ? 'build' : 'sources';

let main;
if (runBuild) {
  ({ main } = await import('../build/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// Compiles src/ to plain JavaScript in build/, so that `candor` starts without compiling
// TypeScript in a loader thread (tsx) at every start: measured on `candor serve`, that thread
// and what it keeps cost about 70 MB of resident memory and a second of CPU at each start.
// Each source file becomes one file at the same place under build/ (src/db/connect.ts →
// build/db/connect.js), so that paths relative to a module (../../package.json, bin/candor.js)
// lead where they did; the other files under src/ (messages, assets, lists) are copied beside
// them. build/SOURCES holds the fingerprint of the sources it was made from: bin/candor.js
// runs build/ only when src/ still has that fingerprint, and the sources through tsx otherwise.
// Runs from `npm ci` and `npm install` (the `prepare` script); `node scripts/build.mjs` by hand.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles, sourcesFingerprint } from './sources-fingerprint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
// `--out DIR` builds elsewhere (the tests do, so as not to replace the build in use).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'build');
const staging = `${out}.partial-${process.pid}`;

// esbuild comes with tsx, which compiles the same sources the same way when they run unbuilt.
const { build } = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');

const files = sourceFiles(src);
const isTest = (file) => file.endsWith('.test.ts') || file.endsWith('.test.tsx');
const isCode = (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts');
const entryPoints = files.filter((file) => isCode(file) && !isTest(file)).map((file) => path.join(src, file));
const fingerprint = sourcesFingerprint(src);

fs.rmSync(staging, { recursive: true, force: true });
try {
  await build({
    entryPoints,
    outdir: staging,
    outbase: src,
    // Each file on its own: every import stays an import, only the relative ones ending in .ts
    // or .tsx now name the .js file compiled beside them.
    bundle: true,
    plugins: [
      {
        name: 'keep-imports',
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            const relative = args.path.startsWith('./') || args.path.startsWith('../');
            return { path: relative ? args.path.replace(/\.tsx?$/, '.js') : args.path, external: true };
          });
        },
      },
    ],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: false,
    logLevel: 'warning',
  });
  for (const file of files) {
    if (isCode(file) || isTest(file) || file.endsWith('.d.ts')) continue;
    fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    fs.copyFileSync(path.join(src, file), path.join(staging, file));
  }
  fs.writeFileSync(path.join(staging, 'SOURCES'), `${fingerprint}\n`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(staging, out);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
process.stdout.write(`built ${entryPoints.length} modules into ${path.relative(root, out) || out}\n`);

#!/usr/bin/env node
// Runs every test file of the project with Node's test runner. Node 20 does not expand globs,
// so the files are found here; a file that looks like a test but does not end in `.test.ts`
// stops the run, so that no test is silently left out. One migrated template database is
// built first and every test clones it.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUFFIX = '.test.ts';
const LOOKS_LIKE_TEST = /(\.spec\.|[._-]tests?\.[cm]?[jt]sx?$|\.test\.(?!ts$)[a-z]+$)/;

function walk(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, found);
    } else found.push(full);
  }
  return found;
}

const args = process.argv.slice(2);
// Browser tests (test/browser/) drive Chromium and run apart: `--browser` runs them, and only them.
const browser = args.includes('--browser');
const only = args.filter((arg) => !arg.startsWith('--'));
const files = [];
const strays = [];
for (const folder of ['src', 'test']) {
  for (const file of walk(path.join(root, folder))) {
    const relative = path.relative(root, file);
    if (file.endsWith(SUFFIX)) files.push(relative);
    else if (LOOKS_LIKE_TEST.test(path.basename(file))) strays.push(relative);
    else if (relative.startsWith(`test${path.sep}`) && !relative.startsWith(path.join('test', 'helpers')) && !relative.startsWith(path.join('test', 'fixtures'))) {
      strays.push(relative);
    }
  }
}
if (strays.length > 0) {
  console.error(`these files look like tests but do not end in ${SUFFIX}, so they would never run:\n  ${strays.join('\n  ')}`);
  process.exit(1);
}
const inBrowserFolder = (file) => file.startsWith(path.join('test', 'browser') + path.sep);
const suite = files.filter((file) => inBrowserFolder(file) === browser);
const selected = only.length > 0 ? suite.filter((file) => only.some((wanted) => file.includes(wanted))) : suite;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// The template: migrated once per run (PostgreSQL) or once per set of migrations (PGlite, cached under .tmp).
const cli = path.join(root, 'bin', 'candor.js');
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
if (process.env.DATABASE_URL) {
  const migrate = spawnSync(process.execPath, [cli, 'migrate'], { env, stdio: 'inherit' });
  if (migrate.status !== 0) process.exit(migrate.status ?? 1);
  env.CANDOR_TEST_TEMPLATE_URL = process.env.DATABASE_URL;
} else {
  const migrations = fs.readdirSync(path.join(root, 'src/db/migrations')).sort();
  const digest = crypto.createHash('sha256');
  for (const name of migrations) digest.update(name).update(fs.readFileSync(path.join(root, 'src/db/migrations', name)));
  const template = path.join(root, '.tmp', `template-${digest.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(path.join(template, 'ready'))) {
    fs.rmSync(template, { recursive: true, force: true });
    const migrate = spawnSync(process.execPath, [cli, 'migrate'], { env: { ...env, DATA_DIR: template }, stdio: 'inherit' });
    if (migrate.status !== 0) process.exit(migrate.status ?? 1);
    fs.writeFileSync(path.join(template, 'ready'), new Date().toISOString());
  }
  env.CANDOR_TEST_TEMPLATE_DIR = template;
}

const concurrency = process.env.TEST_CONCURRENCY ?? '3';
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...args.filter((arg) => arg.startsWith('--') && arg !== '--browser'), ...selected],
  { cwd: root, env, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

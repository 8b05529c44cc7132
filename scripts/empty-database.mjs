#!/usr/bin/env node
// Makes build/empty-database: an embedded database created and migrated once, which `candor`
// copies where it needs a new database instead of creating one (src/db/empty-database.ts).
// Runs from `npm ci` and `npm install` (the `prepare` script, after scripts/build.mjs) and from
// `npm run build`; does nothing when the one there was made for the installed PGlite and the
// current migrations. Made by `candor migrate` itself, as an operator would make a database.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { makeEmptyDatabase } = await import(path.join(root, 'build', 'db', 'empty-database.js'));
try {
  const made = await makeEmptyDatabase(async (dataDir) => {
    const migrate = spawnSync(process.execPath, [path.join(root, 'bin', 'candor.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (migrate.status !== 0) throw new Error(`candor migrate ended with ${migrate.status ?? migrate.signal}`);
  });
  process.stdout.write(made === 'made' ? 'made the empty database (build/empty-database)\n' : 'the empty database is up to date\n');
} catch (error) {
  // Not a reason to fail the installation: without it, `candor serve` creates its database as it always could.
  process.stderr.write(`could not make the empty database (${error instanceof Error ? error.message : String(error)}); candor serve will create a new database itself\n`);
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.ts';
import { DatabaseInUseError } from '../../src/db/lock.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

// The lock guards the embedded database's folder; a PostgreSQL server is shared by design.
const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? 'the folder lock concerns only the embedded database (PGlite)' : false;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the embedded database has one owner at a time', { skip }, () => {
  let database: TestDatabase;
  let lockFile: string;

  before(async () => {
    database = await createTestDatabase();
    lockFile = path.join(database.config.dataDir, 'candor.lock');
  });
  after(async () => {
    await database?.drop();
  });

  it('refuses a second openDatabase on the same folder, and allows it once the first is closed', async () => {
    const first = await database.open();
    try {
      await assert.rejects(
        openDatabase(database.config, { holder: 'a second opener' }),
        (error: unknown) => error instanceof DatabaseInUseError && error.pid === process.pid && error.holder === 'a test',
      );
      // The refused opener changed nothing: the first still works and still holds the folder.
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(first.db);
      assert.deepEqual(rows, [{ one: 1 }]);
      assert.equal(JSON.parse(fs.readFileSync(lockFile, 'utf8')).holder, 'a test');
    } finally {
      await first.close();
    }
    assert.equal(fs.existsSync(lockFile), false, 'closing gives the folder back');
    const again = await database.open();
    await again.close();
  });

  it('takes over the lock of a process that died without giving it back', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(lockFile, JSON.stringify({ pid: dead, holder: 'the candor server' }));
    const handle = await database.open();
    try {
      assert.deepEqual(JSON.parse(fs.readFileSync(lockFile, 'utf8')), { pid: process.pid, holder: 'a test' });
    } finally {
      await handle.close();
    }
  });

  it('makes a command wait for nobody: it exits 3 naming the folder and the server while `candor serve` runs, and works once it stopped', async () => {
    const server = await startServer(database.env);
    let stopped = false;
    try {
      const owner = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; holder: string };
      assert.deepEqual(owner, { pid: server.process.pid, holder: 'the candor server' });

      const report = await runCli(['report', '2025'], database.env);
      assert.equal(report.status, 3, report.stderr);
      assert.equal(report.stdout, '');
      assert.match(report.stderr, new RegExp(`^candor: the database in ${escape(database.config.dataDir)} is in use by the candor server \\(process ${server.process.pid}\\)`));
      assert.match(report.stderr, /DATABASE_URL/, 'the message says how to share one database');
      assert.doesNotMatch(report.stderr, /\n\s+at /, 'no stack trace');

      const migrate = await runCli(['migrate'], database.env);
      assert.equal(migrate.status, 3, migrate.stderr);
      assert.match(migrate.stderr, /is in use by the candor server/);

      // The refused commands did not disturb the server or its lock.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.deepEqual(JSON.parse(fs.readFileSync(lockFile, 'utf8')), owner);

      assert.equal(await server.stop(), 0, 'the server stops cleanly on SIGTERM');
      stopped = true;
    } finally {
      if (!stopped) await server.stop();
    }
    assert.equal(fs.existsSync(lockFile), false, 'the stopped server gave the folder back');

    const report = await runCli(['report', '2025'], database.env);
    assert.equal(report.status, 0, report.stderr);
    assert.equal(JSON.parse(report.stdout).period.id, '2025');
    assert.equal(fs.existsSync(lockFile), false, 'the command gave the folder back too');
  });
});

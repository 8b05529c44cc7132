import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EMPTY_DATABASE_DIR, emptyDatabaseAvailable } from '../../src/db/empty-database.ts';
import { runCli } from '../helpers/cli.ts';
import { startServer } from '../helpers/server.ts';

/** The cluster's identifier, the first eight bytes of its control file: initdb draws a new one, a copy keeps it. */
const systemIdentifier = (pgdata: string) => fs.readFileSync(path.join(pgdata, 'global', 'pg_control')).subarray(0, 8).toString('hex');

describe('a new embedded database', () => {
  it('is, for candor serve, a copy of the migrated empty database npm ci made, and serves at once', async () => {
    assert.ok(emptyDatabaseAvailable(), `the installation has its empty database (${EMPTY_DATABASE_DIR}, made by npm ci and npm run build)`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-new-db-'));
    try {
      const server = await startServer({ DATA_DIR: dataDir }, ['--demo']);
      try {
        assert.equal(systemIdentifier(path.join(dataDir, 'pgdata')), systemIdentifier(path.join(EMPTY_DATABASE_DIR, 'pgdata')), 'the same cluster, copied');
        assert.deepEqual(fs.readdirSync(dataDir).filter((entry) => entry.includes('partial')), [], 'no partial copy left');
        const home = await fetch(`${server.url}/en/`);
        assert.equal(home.status, 200);
        assert.match(await home.text(), /<html/);
        const report = await (await fetch(`${server.url}/api/v1/transparency/${new Date().getUTCFullYear() - 1}`)).json() as { period: { id: string } };
        assert.equal(report.period.id, String(new Date().getUTCFullYear() - 1), 'the demo data is there');
      } finally {
        assert.equal(await server.stop(), 0);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is created by PGlite for the other commands, which may want it at another schema', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-new-db-'));
    try {
      const migrated = await runCli(['migrate'], { DATA_DIR: dataDir });
      assert.equal(migrated.status, 0, migrated.stderr);
      assert.match(migrated.stdout, /^applied \d+ migration\(s\)/);
      assert.notEqual(systemIdentifier(path.join(dataDir, 'pgdata')), systemIdentifier(path.join(EMPTY_DATABASE_DIR, 'pgdata')), 'a cluster of its own');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

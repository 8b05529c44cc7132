import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { useTestDatabase } from '../helpers/database.ts';
import { useServer } from '../helpers/server.ts';

const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'connections ended by the database server happen on PostgreSQL';

describe('candor serve when PostgreSQL ends its connections', { skip }, () => {
  const suite = useServer();

  it('goes on serving with new connections, and says what happened', async () => {
    assert.equal((await fetch(`${suite.server.url}/healthz`)).status, 200, 'the pool holds connections before');
    const admin = new pg.Client({ connectionString: suite.database.env.DATABASE_URL });
    await admin.connect();
    try {
      // As an administrator ending every other session of the database (or a restart) would.
      const { rows } = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      assert.ok(rows.length > 0 && rows.every((row) => row.ended), 'the server had connections to end');
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(suite.server.process.exitCode, null, 'the server is still running');
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await fetch(`${suite.server.url}/healthz`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(status, 200);
    assert.equal((await fetch(`${suite.server.url}/en/`)).status, 200);
    assert.ok(suite.server.stderr.some((line) => line.includes('the database closed a connection')), suite.server.stderr.join('\n'));
  });
});

describe('a pool of candor on PostgreSQL when the database ends a connection lent out', { skip }, () => {
  const suite = useTestDatabase();

  it('keeps the process alive: only the next query on that connection fails', async () => {
    const client = await suite.handle.pool!.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: suite.database.env.DATABASE_URL });
    await admin.connect();
    try {
      // Between two queries, as a transaction's connection is while its holder works.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    // Unheard, the connection's error event would have ended this process here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await assert.rejects(client.query('SELECT 1'));
    client.release(true);
    const again = await suite.handle.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(again.n) >= 0, true);
  });
});

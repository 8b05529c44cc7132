import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { useTestDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/mail.ts';
import { useServer } from '../helpers/server.ts';

const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'connections ended by the database server happen on PostgreSQL';

describe('candor serve when PostgreSQL ends its connections', { skip }, () => {
  const suite = useServer();

  it('goes on serving with new connections, and says what happened', async () => {
    const { server } = suite;
    const admin = new pg.Client({ connectionString: suite.database.env.DATABASE_URL });
    await admin.connect();
    try {
      // The server's connections carry its name; a loaded machine may have let them all rest and close.
      let held = 0;
      for (const deadline = Date.now() + 15_000; held === 0 && Date.now() < deadline; ) {
        assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the server answers before');
        const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'candor serve'");
        held = rows[0]!.n;
      }
      assert.ok(held > 0, 'the server holds connections to end');
      // As an administrator ending the server's sessions (or a restart) would.
      const { rows } = await admin.query<{ ended: boolean }>("SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'candor serve'");
      assert.ok(rows.length > 0 && rows.every((row) => row.ended), 'the server had connections to end');
    } finally {
      await admin.end();
    }
    const said = await waitFor(() => server.stderr.some((line) => line.includes('the database closed a connection')) || undefined, 15_000).catch(() => false);
    assert.ok(said, `the server says what happened; it wrote:\n${server.stderr.join('\n')}`);
    assert.equal(server.process.exitCode, null, `the server is still running; it wrote:\n${server.stderr.join('\n')}`);
    let last = { status: 0, body: '' };
    for (const deadline = Date.now() + 20_000; last.status !== 200 && Date.now() < deadline; ) {
      const response = await fetch(`${server.url}/healthz`);
      last = { status: response.status, body: await response.text() };
      if (last.status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(last.status, 200, `healthz answers again: ${last.body}\n${server.stderr.join('\n')}`);
    assert.equal((await fetch(`${server.url}/en/`)).status, 200);
    assert.equal(server.process.exitCode, null, 'the server is still running after serving again');
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

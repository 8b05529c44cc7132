import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { captureServer } from '../helpers/mail.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'several candor serve processes share a database only on a PostgreSQL server';

describe('two candor serve processes on one PostgreSQL database', { skip }, () => {
  let database: TestDatabase;
  let servers: RunningServer[] = [];
  const smtp = captureServer();
  let token: string;

  before(async () => {
    database = await createTestDatabase();
    token = (await runCli(['token', 'create', 'two servers', '--scope', 'submit'], database.env)).stdout.trim();
    const port = await smtp.listen();
    const env = { ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'legal@trust.example' };
    servers = await Promise.all([startServer(env), startServer(env)]);
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await smtp.close();
    await database?.drop();
  });

  it('sends each acknowledgement once, whichever process runs the delivery round', async () => {
    const references: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${servers[i % 2]!.url}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'preservation', requester: { email: `unit${i}@police.example` }, text: `Preserve ${i}`, targets: [{ account: `Someone${i}`, project: 'en.wikipedia.org' }] }),
      });
      assert.equal(response.status, 201);
      references.push(((await response.json()) as { reference: string }).reference);
    }
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM outbox WHERE status <> 'sent'`);
        if (rows[0]!.pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // Both processes stopped: any send still in flight has finished.
      await Promise.all(servers.map((server) => server.stop()));
      for (const reference of references) {
        assert.equal(smtp.received.filter((message) => message.subject?.includes(reference)).length, 1, reference);
      }
      const { rows } = await client.query<{ name: string; slots: number; jobs: number }>(
        `SELECT name, count(DISTINCT singleton_on)::int AS slots, count(*)::int AS jobs FROM pgboss.job WHERE name = 'outbox.deliver' GROUP BY name`,
      );
      assert.equal(rows[0]!.jobs, rows[0]!.slots, 'one delivery round per slot, though both processes offered each');
    } finally {
      await client.end();
    }
  });

  it('reports the job queue as failing in /healthz (503, degraded) when its tables do not answer', async () => {
    servers = [await startServer({ ...database.env })];
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      assert.equal((await fetch(`${servers[0]!.url}/healthz`)).status, 200);
      await client.query('ALTER SCHEMA pgboss RENAME TO pgboss_away');
      const response = await fetch(`${servers[0]!.url}/healthz`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { status: 'degraded', database: 'postgres', checks: { database: 'ok', jobs: 'failing' } });
      await client.query('ALTER SCHEMA pgboss_away RENAME TO pgboss');
      assert.equal((await fetch(`${servers[0]!.url}/healthz`)).status, 200);
    } finally {
      await client.end();
    }
  });
});

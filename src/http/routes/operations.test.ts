import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { startJobs, type JobQueue } from '../../jobs/queue.ts';
import { JobRegistry } from '../../jobs/registry.ts';
import { buildServer } from '../server.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/*
 * The embedded database lives inside the server's process, so no other process can take it away
 * from a running `candor serve` (on PostgreSQL, test/flows/observability.test.ts cuts a spawned
 * server's connections). Here the server runs in the test's process, on either backend, and the
 * test breaks the queue's tables and then closes the database under it.
 */
describe('/healthz when a check fails', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let jobs: JobQueue;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    jobs = await startJobs(handle.db, new JobRegistry(), { log: quiet });
    app = await buildServer(database.config, handle, { jobs });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await jobs?.stop().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await database?.drop();
  });

  const health = async () => {
    const response = await fetch(`${url}/healthz`);
    return { status: response.status, body: await response.json() };
  };

  it('reports the job queue as failing (503, degraded) while its tables do not answer', async () => {
    assert.deepEqual(await health(), { status: 200, body: { status: 'ok', database: database.backend, checks: { database: 'ok', jobs: 'ok' } } });
    await sql`ALTER SCHEMA pgboss RENAME TO pgboss_away`.execute(handle.db);
    try {
      assert.deepEqual(await health(), { status: 503, body: { status: 'degraded', database: database.backend, checks: { database: 'ok', jobs: 'failing' } } });
    } finally {
      await sql`ALTER SCHEMA pgboss_away RENAME TO pgboss`.execute(handle.db);
    }
    assert.equal((await health()).status, 200);
  });

  it('reports the database as failing (503, degraded) once it no longer answers', async () => {
    await handle.close();
    assert.deepEqual(await health(), { status: 503, body: { status: 'degraded', database: database.backend, checks: { database: 'failing', jobs: 'failing' } } });
  });
});

describe('/metrics when the cluster does not answer', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    // A worker of `serve --workers` whose primary does not gather the workers' metrics in time.
    app = await buildServer(database.config, handle, { clusterMetrics: () => Promise.reject(new Error('the primary process did not answer in time')) });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await handle?.close().catch(() => undefined);
    await database?.drop();
  });

  it('answers 503 with the reason in the reader’s language, not a server error', async () => {
    const response = await fetch(`${url}/metrics`, { headers: { 'accept-language': 'es' } });
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, 'metrics_error_unavailable');
    assert.match(body.message, /^No se pudieron reunir a tiempo las métricas/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { startJobs } from '../../jobs/queue.ts';
import { JobRegistry } from '../../jobs/registry.ts';
import type { ServerServices } from '../metrics.ts';
import { buildServer } from '../server.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Inside a describe block: a fresh database and the web application on it, in this process, listening on a loopback port. */
function useInProcessServer(services: (handle: DatabaseHandle) => Promise<ServerServices>) {
  const suite = {} as { database: TestDatabase; handle: DatabaseHandle; services: ServerServices; app: FastifyInstance; url: string };
  before(async () => {
    suite.database = await createTestDatabase();
    suite.handle = await suite.database.open();
    suite.services = await services(suite.handle);
    suite.app = await buildServer(suite.database.config, suite.handle, suite.services);
    suite.url = await suite.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await suite.app?.close();
    await suite.services?.jobs?.stop().catch(() => undefined);
    await suite.handle?.close().catch(() => undefined);
    await suite.database?.drop();
  });
  return suite;
}

/*
 * The embedded database lives inside the server's process, so no other process can take it away
 * from a running `candor serve` (on PostgreSQL, test/flows/observability.test.ts cuts a spawned
 * server's connections). Here the server runs in the test's process, on either backend, and the
 * test breaks the queue's tables and then closes the database under it.
 */
describe('/healthz when a check fails', () => {
  const suite = useInProcessServer(async (handle) => ({ jobs: await startJobs(handle.db, new JobRegistry(), { log: quiet }) }));

  const health = async () => {
    const response = await fetch(`${suite.url}/healthz`);
    return { status: response.status, body: await response.json() };
  };

  it('reports the job queue as failing (503, degraded) while its tables do not answer', async () => {
    assert.deepEqual(await health(), { status: 200, body: { status: 'ok', database: suite.database.backend, checks: { database: 'ok', jobs: 'ok' } } });
    await sql`ALTER SCHEMA pgboss RENAME TO pgboss_away`.execute(suite.handle.db);
    try {
      assert.deepEqual(await health(), { status: 503, body: { status: 'degraded', database: suite.database.backend, checks: { database: 'ok', jobs: 'failing' } } });
    } finally {
      await sql`ALTER SCHEMA pgboss_away RENAME TO pgboss`.execute(suite.handle.db);
    }
    assert.equal((await health()).status, 200);
  });

  it('reports the database as failing (503, degraded) once it no longer answers', async () => {
    await suite.handle.close();
    assert.deepEqual(await health(), { status: 503, body: { status: 'degraded', database: suite.database.backend, checks: { database: 'failing', jobs: 'failing' } } });
  });
});

describe('/metrics when the cluster does not answer', () => {
  // A worker of `serve --workers` whose primary does not gather the workers' metrics in time.
  const suite = useInProcessServer(async () => ({ clusterMetrics: () => Promise.reject(new Error('the primary process did not answer in time')) }));

  it('answers 503 with the reason in the reader’s language, not a server error', async () => {
    const response = await fetch(`${suite.url}/metrics`, { headers: { 'accept-language': 'es' } });
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, 'metrics_error_unavailable');
    assert.match(body.message, /^No se pudieron reunir a tiempo las métricas/);
  });
});

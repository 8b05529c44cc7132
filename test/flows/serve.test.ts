import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

describe('candor serve', () => {
  let database: TestDatabase;
  let server: RunningServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers /healthz with the backend it runs on', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: database.backend, checks: { database: 'ok', jobs: 'ok' } });
  });

  it('serves the transparency report of an empty period with every section at zero', async () => {
    const response = await fetch(`${server.url}/api/v1/transparency/2017-H1`);
    assert.equal(response.status, 200);
    const report = (await response.json()) as Record<string, any>;
    assert.deepEqual(report.period, { id: '2017-H1', start: '2017-01-01', end: '2017-06-30' });
    assert.equal(report.content_alteration.received, 0);
    assert.deepEqual(report.user_data.accounts, { potentially_affected: 0, actually_affected: 0, notified: 0 });
    assert.deepEqual(report.preservation, { received: 0 });
    assert.deepEqual(report.emergency, { received: 0, by_threat: [] });
  });

  it('answers a malformed period with 400 and a message in the reader\'s language', async () => {
    const english = await fetch(`${server.url}/api/v1/transparency/2017-H3`);
    assert.equal(english.status, 400);
    const body = (await english.json()) as { error: string; message: string };
    assert.equal(body.error, 'invalid_period');
    assert.match(body.message, /"2017-H3" is not a reporting period/);

    const spanish = await fetch(`${server.url}/api/v1/transparency/last-year`, { headers: { 'accept-language': 'es-ES,es;q=0.9' } });
    assert.equal(spanish.status, 400);
    assert.match(((await spanish.json()) as { message: string }).message, /no es un periodo del informe/);
  });

  it('answers an unknown path with a 404 in JSON', async () => {
    const response = await fetch(`${server.url}/api/v1/nothing-here`);
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { error: string }).error, 'not_found');
  });

  it('logs requests without client addresses', () => {
    const requestLogs = server.logs.filter((entry) => entry.req !== undefined);
    assert.ok(requestLogs.length > 0, 'requests are logged');
    for (const entry of requestLogs) {
      assert.deepEqual(Object.keys(entry.req as object).sort(), ['method', 'url']);
    }
    assert.doesNotMatch(JSON.stringify(server.logs), /remoteAddress|remotePort|user-agent/i);
  });

  it('finishes and exits 0 on SIGTERM', async () => {
    const code = await server.stop();
    assert.equal(code, 0);
    assert.ok(server.logs.some((entry) => entry.msg === 'shutting down: finishing requests in flight'));
  });
});

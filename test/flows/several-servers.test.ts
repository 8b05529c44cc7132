import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, useServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'several candor serve processes share a database only on a PostgreSQL server';

/** An empty Connect sign-up (refused as incomplete, counted by the form's rate limit) as forwarded by a proxy for `client`. */
function emptySignUp(server: RunningServer, client: string): Promise<Response> {
  return fetch(`${server.url}/en/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
    body: 'email=',
  });
}

describe('two candor serve processes on one PostgreSQL database behave as one system', { skip }, () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let submit: string;
  let read: string;
  let counsel: StaffLogin;

  before(async () => {
    database = await createTestDatabase();
    submit = (await runCli(['token', 'create', 'intake', '--scope', 'submit'], database.env)).stdout.trim();
    read = (await runCli(['token', 'create', 'reader', '--scope', 'read'], database.env)).stdout.trim();
    const env = { ...database.env, TRUST_PROXY: '127.0.0.1' };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    const handle = await database.open();
    try {
      counsel = await createStaffLogin(handle.db, 'counsel');
    } finally {
      await handle.close();
    }
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('shows a request created through one process through the other at once', async () => {
    const created = await fetch(`${a.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${submit}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'copyright', requester: { name: 'Harbour Photos Ltd', email: 'legal@harbour.example', type: 'company' }, text: 'Our photograph of the lighthouse.', targets: [{ url: 'https://en.wikipedia.org/wiki/Lighthouse' }] }),
    });
    assert.equal(created.status, 201);
    const { id, reference } = (await created.json()) as { id: number; reference: string };
    const seen = await fetch(`${b.url}/api/v1/requests/${id}`, { headers: { authorization: `Bearer ${read}` } });
    assert.equal(seen.status, 200);
    assert.equal(((await seen.json()) as { reference: string }).reference, reference);
    const queue = await (await getPage(`${b.url}/console/requests`, counsel)).text();
    assert.ok(queue.includes(reference), 'in the queue of the other process');
  });

  it('keeps a session valid on both, and ends it on both when it is signed out on one', async () => {
    assert.equal((await getPage(`${a.url}/console/sessions`, counsel)).status, 200);
    assert.equal((await getPage(`${b.url}/console/sessions`, counsel)).status, 200);
    const out = await postForm(`${b.url}/console/logout`, counsel, {});
    assert.equal(out.status, 303);
    const after = await getPage(`${a.url}/console/sessions`, counsel);
    assert.equal(after.status, 303);
    assert.match(after.headers.get('location') ?? '', /^\/console\/login/);
  });

  it('shares rate limits, counted for the client the proxy names', async () => {
    // Six tries an hour without a proof of work, from one client, whichever process answers.
    for (let i = 0; i < 6; i++) assert.equal((await emptySignUp(i % 2 === 0 ? a : b, '198.51.100.7')).status, 400, `try ${i + 1}`);
    assert.equal((await emptySignUp(a, '198.51.100.7')).status, 429);
    assert.equal((await emptySignUp(b, '198.51.100.7')).status, 429);
    assert.equal((await emptySignUp(b, '198.51.100.8')).status, 400, 'another client behind the same proxy is not limited');
  });

  it('runs each scheduled round once per slot, though both processes offer it', async () => {
    const { Client } = (await import('pg')).default;
    const client = new Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      // Wait until both processes have offered a few slots of the 15-second news round.
      for (let tries = 0; ; tries++) {
        const { rows } = await client.query<{ slots: number }>(`SELECT count(DISTINCT singleton_on)::int AS slots FROM pgboss.job WHERE name = 'news.publish-due'`);
        if (rows[0]!.slots >= 2 || tries > 120) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const { rows } = await client.query<{ slots: number; jobs: number }>(`SELECT count(DISTINCT singleton_on)::int AS slots, count(*)::int AS jobs FROM pgboss.job WHERE name = 'news.publish-due'`);
      assert.ok(rows[0]!.slots >= 2, `${rows[0]!.slots} slots`);
      assert.equal(rows[0]!.jobs, rows[0]!.slots, 'one job per slot');
    } finally {
      await client.end();
    }
  });
});

describe('TRUST_PROXY', () => {
  describe('unset', () => {
    const suite = useServer();
    it('ignores X-Forwarded-For: every client behind one address shares its limit', async () => {
      for (let i = 0; i < 6; i++) assert.equal((await emptySignUp(suite.server, `203.0.113.${i}`)).status, 400);
      assert.equal((await emptySignUp(suite.server, '203.0.113.99')).status, 429, 'a made-up address does not escape the limit');
    });
  });
  describe('set to the proxy', () => {
    const suite = useServer({ env: () => ({ TRUST_PROXY: '127.0.0.1' }) });
    it('counts each forwarded client apart', async () => {
      for (let i = 0; i < 6; i++) assert.equal((await emptySignUp(suite.server, '203.0.113.10')).status, 400);
      assert.equal((await emptySignUp(suite.server, '203.0.113.10')).status, 429);
      assert.equal((await emptySignUp(suite.server, '203.0.113.11')).status, 400);
    });
    it('lets /metrics see the client too: a reader from outside, through the proxy on loopback, is refused', async () => {
      assert.equal((await fetch(`${suite.server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.12' } })).status, 403);
      assert.equal((await fetch(`${suite.server.url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status, 200, 'a scraper on the machine itself');
    });
  });
});

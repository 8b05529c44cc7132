import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { captureServer, waitFor } from '../helpers/mail.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { addStaffByCli } from '../helpers/sign-in.ts';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const PASSWORD = 'Correct horse battery staple 42';
const WRONG_PASSWORD = 'not-the-password-Zq81x';
const BODY_SECRET = 'the body names Ms Quintessa Varga-Oyelaran';
const QUERY_TOKEN = 'QueryToken9x8y7zWvUtSrQpOnMl';
/** The client's address as the trusted proxy forwards it. */
const FORWARDED = '203.0.113.77';
const MAIL_SECRET = 'the letter names Mr Bartholomew Okonkwo-Lindqvist';
const MAIL_SENDER = 'b.okonkwo-lindqvist@rights.example';

/** Calls `check` until it gives something, for up to `timeoutMs`. */
async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('metrics, health and logs', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const smtp = captureServer();
  let apiToken: string;
  let welcomeToken: string;
  let admin: StaffLogin;
  let editor: StaffLogin;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      admin = await createStaffLogin(handle.db, 'admin');
      editor = await createStaffLogin(handle.db, 'editor');
    } finally {
      await handle.close();
    }
    apiToken = (await runCli(['token', 'create', 'observability', '--scope', 'submit'], database.env)).stdout.trim();
    welcomeToken = await addStaffByCli(database.env, 'ops@desk.example', 'admin');
    const port = await smtp.listen();
    // Behind a proxy on loopback, which names the client; and with the inbound SMTP listener.
    server = await startServer({ ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}`, METRICS_TOKEN, METRICS_ALLOW: 'none', TRUST_PROXY: '127.0.0.1', INBOUND_SMTP_PORT: '0' });
  });
  after(async () => {
    await server?.stop();
    await smtp.close();
    await database?.drop();
  });

  const metrics = (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });

  it('answers /healthz with the backend and each check', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: database.backend, checks: { database: 'ok', jobs: 'ok' } });
  });

  it('refuses /metrics without the token, or with a wrong one, in the reader’s language', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token-wrong-token' }, { authorization: METRICS_TOKEN }] as Record<string, string>[]) {
      const response = await metrics(headers);
      assert.equal(response.status, 403);
      assert.equal(((await response.json()) as { error: string }).error, 'metrics_error_forbidden');
    }
    const spanish = await metrics({ 'accept-language': 'es' });
    assert.match(((await spanish.json()) as { message: string }).message, /^Las métricas solo se pueden consultar/);
  });

  it('counts requests by route pattern, legal requests by state, the job queue and the database pool', async () => {
    const submitted = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'copyright', requester: { email: 'agent@rights.example' }, text: BODY_SECRET, targets: [{ url: 'https://commons.wikimedia.org/wiki/File:A.jpg' }] }),
    });
    assert.equal(submitted.status, 201);
    const { reference } = (await submitted.json()) as { reference: string };
    // The acknowledgement goes out through the outbox delivery job.
    await waitFor(() => smtp.received.find((message) => message.subject?.includes(reference)));
    assert.equal((await fetch(`${server.url}/api/v1/requests/${reference}`)).status, 401);

    const response = await metrics({ authorization: `Bearer ${METRICS_TOKEN}` });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^candor_http_requests_total\{method="POST",route="\/api\/v1\/requests",status="201"\} 1$/m);
    assert.match(text, /^candor_http_requests_total\{method="GET",route="\/api\/v1\/requests\/:id",status="401"\} 1$/m);
    assert.doesNotMatch(text, new RegExp(reference), 'a raw URL never becomes a label');
    assert.match(text, /^candor_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/requests"\} 1$/m);
    assert.match(text, /^candor_requests\{state="received"\} 1$/m);
    assert.match(text, /^candor_jobs\{name="outbox\.deliver",state="completed"\} [1-9]\d*$/m);
    assert.match(text, /^candor_db_pool_connections\{state="total"\} \d+$/m);
    assert.match(text, /^candor_db_pool_connections\{state="waiting"\} \d+$/m);
    assert.match(text, /^# TYPE candor_job_failures_total counter$/m);
  });

  it('never logs passwords, tokens, message bodies or client addresses', async () => {
    // Each request comes through the proxy, which names the client.
    const forwarded = { 'x-forwarded-for': FORWARDED };
    // A set-up link (token in the path) with a password, a sign-in with a wrong password, a token in a query string, a public form with a body.
    await (await fetch(`${server.url}/console/welcome/${welcomeToken}`, { headers: forwarded })).arrayBuffer();
    await (await postForm(`${server.url}/console/welcome/${welcomeToken}`, undefined, { password: PASSWORD, confirmation: PASSWORD }, { headers: forwarded })).arrayBuffer();
    await (await postForm(`${server.url}/console/login`, undefined, { email: 'ops@desk.example', password: WRONG_PASSWORD, code: '123456' }, { headers: forwarded })).arrayBuffer();
    await (await fetch(`${server.url}/en/?token=${QUERY_TOKEN}`, { headers: forwarded })).arrayBuffer();
    await (await postForm(`${server.url}/en/requests/new/copyright`, undefined, { text: BODY_SECRET, email: 'someone@example.org' }, { headers: forwarded })).arrayBuffer();
    await (await fetch(`${server.url}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json', ...forwarded }, body: '{"kind":' })).arrayBuffer();
    // The proxy's word for the client is believed: METRICS_ALLOW is none, so /metrics refuses it without the token.
    assert.equal((await metrics(forwarded)).status, 403);
    await (await metrics({ authorization: `Bearer ${METRICS_TOKEN}`, ...forwarded })).arrayBuffer();
    // A notice by e-mail, through the inbound SMTP listener.
    const smtpPort = Number(server.logs.find((entry) => entry.msg === 'inbound mail: listening')?.port);
    const sender = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      const sent = await sender.sendMail({
        from: `Bartholomew Okonkwo-Lindqvist <${MAIL_SENDER}>`,
        to: 'legal@trust.example',
        subject: 'Copyright notice for Okonkwo-Lindqvist',
        text: `${MAIL_SECRET}. Please remove https://commons.wikimedia.org/wiki/File:Okonkwo.jpg`,
      });
      assert.match(sent.response, /^250\b/);
    } finally {
      sender.close();
    }
    await waitFor(() => server.logs.find((entry) => entry.msg === 'inbound mail: stored'));
    // Stopping flushes the log; the server is started again for whatever runs after.
    await server.stop();
    const lines = [...server.logs.map((entry) => JSON.stringify(entry)), ...server.stderr];
    const requestLines = lines.filter((line) => line.includes('"req"'));
    assert.ok(requestLines.some((line) => line.includes('/console/welcome/…')), 'the set-up link is logged without its token');
    assert.ok(requestLines.some((line) => line.includes('"url":"/en/"')), 'the query string is left out');
    for (const secret of [PASSWORD, WRONG_PASSWORD, welcomeToken, apiToken, METRICS_TOKEN, QUERY_TOKEN, BODY_SECRET, 'Quintessa', FORWARDED, MAIL_SECRET, MAIL_SENDER, 'Okonkwo']) {
      assert.equal(lines.filter((line) => line.includes(secret)).length, 0, `the log holds ${secret}`);
    }
    // The server's own listening address is logged once at start; no client address ever is.
    const withAddress = lines.filter((line) => /127\.0\.0\.1|::1|::ffff:/.test(line));
    assert.deepEqual(
      withAddress.map((line) => (JSON.parse(line) as { msg: string }).msg),
      ['Server listening at ' + server.url, 'candor is serving'],
    );
    // A delivery round that failed for good, as the queue records one, for the console page below.
    const handle = await database.open();
    try {
      await sql`INSERT INTO pgboss.job (name, state, retry_count, completed_on, output) VALUES ('outbox.deliver', 'failed', 2, now(), '{"message":"connect ECONNREFUSED mail.example"}')`.execute(handle.db);
    } finally {
      await handle.close();
    }
    server = await startServer({ ...database.env, METRICS_TOKEN });
  });

  it('lets loopback read /metrics without a token by default, and still refuses a wrong token', async () => {
    assert.equal((await metrics()).status, 200);
    assert.equal((await metrics({ authorization: 'Bearer wrong-token-wrong-token-wrong-token' })).status, 403);
  });

  it('shows administrators the jobs by kind and state, and those that failed for good; no one else', async () => {
    const page = await getPage(`${server.url}/console/jobs`, admin);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<h1>Background jobs<\/h1>/);
    assert.match(html, /<tr data-kind="outbox\.deliver">.*?<td data-state="completed">[1-9]/s);
    assert.match(html, /<td data-state="failed">1<\/td>/);
    assert.match(html, /connect ECONNREFUSED mail\.example/);
    const spanish = await (await getPage(`${server.url}/console/jobs`, admin, { 'accept-language': 'es' })).text();
    assert.match(spanish, /<h1>Tareas en segundo plano<\/h1>/);
    assert.equal((await getPage(`${server.url}/console/jobs`, editor)).status, 403);
    assert.equal((await getPage(`${server.url}/console/jobs`, undefined)).status, 303);
  });

  it('counts the jobs waiting for a retry, and the runs that failed, by kind', async () => {
    // The hourly purge of unconfirmed sign-ups fails while its table is away; it runs as the
    // server starts once the slot of this hour is free again.
    await server.stop();
    const handle = await database.open();
    try {
      await sql`ALTER TABLE subscribers RENAME TO subscribers_away`.execute(handle.db);
      await sql`DELETE FROM pgboss.job WHERE name = 'connect.purge-unconfirmed'`.execute(handle.db);
    } finally {
      await handle.close();
    }
    server = await startServer({ ...database.env, METRICS_TOKEN });
    const text = await poll('the failed purge in /metrics', async () => {
      const scraped = await (await metrics()).text();
      return /^candor_job_failures_total\{name="connect\.purge-unconfirmed"\}/m.test(scraped) ? scraped : undefined;
    });
    // One failure, and the job waits its retry (a minute or more away for an hourly round).
    assert.match(text, /^candor_job_failures_total\{name="connect\.purge-unconfirmed"\} 1$/m);
    assert.match(text, /^candor_jobs\{name="connect\.purge-unconfirmed",state="retry"\} 1$/m);
    assert.match(text, /^candor_jobs\{name="outbox\.deliver",state="failed"\} 1$/m);
    assert.doesNotMatch(text, /^candor_job_failures_total\{name="(?!connect\.purge-unconfirmed)/m, 'no other kind failed');
    assert.ok(server.logs.some((entry) => entry.msg === 'job failed' && entry.job === 'connect.purge-unconfirmed'));
  });
});

describe('/healthz when the database stops answering', { skip: process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'the embedded database lives in the server process: see src/http/routes/operations.test.ts' }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let admin: pg.Client;
  let name: string;

  before(async () => {
    database = await createTestDatabase();
    server = await startServer(database.env);
    name = new URL(database.env.DATABASE_URL!).pathname.slice(1);
    admin = new pg.Client({ connectionString: Object.assign(new URL(database.env.DATABASE_URL!), { pathname: '/postgres' }).toString() });
    await admin.connect();
  });
  after(async () => {
    await admin?.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await server?.stop();
    await database?.drop();
  });

  it('reports the database and the job queue as failing (503, degraded), and recovers once the database is back', async () => {
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    // The server's connections are cut and no new one is let in.
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: 'degraded', database: 'postgres', checks: { database: 'failing', jobs: 'failing' } });
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    const back = await poll('/healthz to answer 200 again', async () => {
      const again = await fetch(`${server.url}/healthz`);
      return again.status === 200 ? again : undefined;
    });
    assert.deepEqual(await back.json(), { status: 'ok', database: 'postgres', checks: { database: 'ok', jobs: 'ok' } });
    assert.equal(server.process.exitCode, null, 'the server kept running');
  });
});

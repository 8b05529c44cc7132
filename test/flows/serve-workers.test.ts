import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { WORKER_HEAP_GROWING_PERCENT, WORKER_SEMI_SPACE_MB } from '../../src/cli/commands/serve-workers.ts';
import { runCli } from '../helpers/cli.ts';
import { CLI, createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { nodeChildren } from '../helpers/processes.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'HTTP workers share a database only on a PostgreSQL server';

/** A GET on a connection of its own (no keep-alive), so that the port's next worker takes it. */
function getFresh(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers, timeout: 30_000 }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer from ${url}`));
      })
      .on('error', reject);
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean, timeoutMs = 60_000, poll?: () => Promise<void>): Promise<void> {
  const started = Date.now();
  for (await poll?.(); !check(); await poll?.()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, poll ? 500 : 100));
  }
}

describe('candor serve --workers, refused where it cannot work', () => {
  it('refuses --workers on the embedded database, with the usage exit code', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-workers-'));
    try {
      const result = await runCli(['serve', '--workers', '2'], { DATA_DIR: dataDir }, undefined, 60_000);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /^candor: --workers needs a PostgreSQL server \(DATABASE_URL\): the embedded database belongs to one process/m);
      assert.equal(fs.readdirSync(dataDir).length, 0, 'no database was created');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names a bad number of workers', async () => {
    for (const value of ['0', 'two', '65', '-1']) {
      const result = await runCli(['serve', `--workers=${value}`], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, undefined, 60_000);
      assert.equal(result.status, 2, value);
      assert.match(result.stderr, new RegExp(`^candor: --workers takes a number of processes from 1 to 64, got "${value}"`, 'm'));
    }
  });
});

describe('candor serve --workers 2 on PostgreSQL', { skip }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let readToken: string;
  let submitToken: string;
  const workerPids = () => new Set(server.logs.filter((entry) => entry.msg === 'candor is serving').map((entry) => Number(entry.pid)));

  before(async () => {
    database = await createTestDatabase();
    submitToken = (await runCli(['token', 'create', 'intake', '--scope', 'submit'], database.env)).stdout.trim();
    readToken = (await runCli(['token', 'create', 'reporting', '--scope', 'read'], database.env)).stdout.trim();
    server = await startServer(database.env, ['--workers', '2']);
    await until('both workers', () => server.logs.some((entry) => entry.msg === 'every HTTP worker is serving'));
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers on one port from two processes, each seeing what the other stored', async () => {
    assert.equal(workerPids().size, 2);
    assert.ok(!workerPids().has(server.process.pid!), 'the primary serves no HTTP');
    // Each worker runs with its heap's settings (serve-workers.ts); the primary with Node.js's defaults.
    const flags = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const pid of workerPids()) {
      assert.ok(flags(pid).includes(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`), `worker ${pid}: ${flags(pid).join(' ')}`);
      assert.ok(flags(pid).includes(`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`), `worker ${pid}: ${flags(pid).join(' ')}`);
    }
    assert.ok(!flags(server.process.pid!).some((flag) => flag.startsWith('--max-semi-space-size') || flag.startsWith('--heap-growing-percent')));
    const created = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${submitToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'preservation', requester: { email: 'unit@police.example' }, text: 'Preserve the records', targets: [{ account: 'Someone', project: 'en.wikipedia.org' }] }),
    });
    assert.equal(created.status, 201);
    const { reference } = (await created.json()) as { reference: string };
    for (let n = 0; n < 10; n += 1) {
      const seen = await getFresh(`${server.url}/api/v1/requests/${reference}`, { authorization: `Bearer ${readToken}` });
      assert.equal(seen.status, 200);
      assert.equal((JSON.parse(seen.body) as { reference: string }).reference, reference);
    }
    // Which process answered each: the request log of each worker names its own pid.
    const answered = new Set(
      server.logs.filter((entry) => entry.msg === 'request completed' && (entry.req as { url?: string } | undefined)?.url === `/api/v1/requests/${reference}`).map((entry) => Number(entry.pid)),
    );
    assert.deepEqual(answered, workerPids());
    const health = await getFresh(`${server.url}/healthz`);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok', database: 'postgres', checks: { database: 'ok', jobs: 'ok' } });
    // The background jobs run in the primary alone.
    const queues = server.logs.filter((entry) => entry.msg === 'job queue started');
    assert.deepEqual(queues.map((entry) => entry.pid), [server.process.pid]);
  });

  it('answers /metrics for the whole cluster, whichever worker takes the scrape', async () => {
    const counted = (text: string, route: string) => Number(new RegExp(`^candor_http_requests_total\\{method="GET",route="${route}",status="200"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    const pids = (url: string) => server.logs.filter((entry) => entry.msg === 'request completed' && (entry.req as { url?: string } | undefined)?.url === url).map((entry) => Number(entry.pid));
    // Two requests and a scrape at a time: the port's next worker takes each connection in turn,
    // so each worker answers requests, and the scrapes alternate between them.
    let sent = 0;
    for (let round = 1; round <= 5; round += 1) {
      for (let n = 0; n < 2; n += 1, sent += 1) assert.equal((await getFresh(`${server.url}/api/v1/openapi.json`)).status, 200);
      // Each scrape sees every request so far, though each worker answered only some of them.
      const scrape = await getFresh(`${server.url}/metrics`);
      assert.equal(scrape.status, 200);
      assert.equal(counted(scrape.body, '/api/v1/openapi.json'), sent, `after ${sent} requests`);
    }
    assert.deepEqual(new Set(pids('/api/v1/openapi.json')), workerPids(), 'both workers answered the requests');
    assert.deepEqual(new Set(pids('/metrics')), workerPids(), 'both workers answered the scrapes');
    // Figures read from the database are given once, not once per worker; the pools are added up.
    const text = (await getFresh(`${server.url}/metrics`)).body;
    assert.match(text, /^candor_requests\{state="received"\} 1$/m);
    assert.equal(text.match(/^candor_requests\{state="received"\}/gm)?.length, 1);
    assert.ok(Number(/^candor_db_pool_connections\{state="total"\} (\d+)$/m.exec(text)?.[1]) >= 3, 'the pools of the primary and both workers');
    // A round that throws in the primary (which runs the jobs) is counted in the cluster's metrics.
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('ALTER TABLE news_translations RENAME TO news_translations_away');
      let failures = 0;
      await until('a failed news round in /metrics', () => failures > 0, 60_000, async () => {
        const scrape = await getFresh(`${server.url}/metrics`);
        failures = Number(/^candor_job_failures_total\{name="news\.publish-due"\} (\d+)$/m.exec(scrape.body)?.[1] ?? 0);
      });
    } finally {
      await client.query('ALTER TABLE news_translations_away RENAME TO news_translations');
      await client.end();
    }
    // The access rules are each worker's, as before.
    assert.equal((await getFresh(`${server.url}/metrics`, { authorization: 'Bearer wrong-token-wrong-token-wrong-token' })).status, 403);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const before = workerPids();
    const [victim] = [...before];
    process.kill(victim!, 'SIGKILL');
    // A connection handed to the worker at the moment it died is lost with it; once the primary knows, the other takes them all.
    await until('the primary to see it', () => server.logs.some((entry) => entry.msg === 'an HTTP worker stopped: starting another' && entry.signal === 'SIGKILL'));
    for (let n = 0; n < 6; n += 1) assert.equal((await getFresh(`${server.url}/en/`)).status, 200);
    await until('a third worker', () => workerPids().size === 3);
    assert.ok([...workerPids()].some((pid) => !before.has(pid) && isAlive(pid)), 'a new process serves');
    for (let n = 0; n < 6; n += 1) assert.equal((await getFresh(`${server.url}/healthz`)).status, 200);
  });

  it('stops, with the failure exit code, when its workers cannot serve', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      const result = await runCli(['serve', '--workers', '2'], { ...database.env, PORT: String(port), LOG_LEVEL: 'info' }, undefined, 90_000);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /^candor: unexpected error: .*EADDRINUSE/m);
      assert.match(result.stdout, /"msg":"an HTTP worker stopped before serving: stopping"/);
    } finally {
      taken.close();
    }
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const pids = [...workerPids()].filter(isAlive);
    assert.equal(pids.length, 2);
    assert.equal(await server.stop(), 0);
    for (const pid of pids) assert.equal(isAlive(pid), false, `worker ${pid} still runs`);
    const stopped = server.logs.filter((entry) => entry.msg === 'shutting down: finishing requests in flight').map((entry) => Number(entry.pid));
    assert.deepEqual(new Set(stopped), new Set(pids));
    assert.equal(server.stderr.filter((line) => line.trim() !== '').length, 0, server.stderr.join('\n'));
  });
});

describe('candor serve --workers, a worker lost while the database is prepared', { skip }, () => {
  it('stops with the failure exit code, and says why', async () => {
    const database = await createTestDatabase();
    try {
      // The workers start at once and wait for the database; --demo on a new one keeps the primary preparing it for a second or more.
      const child = spawn(process.execPath, [CLI, 'serve', '--workers', '2', '--demo'], {
        env: { ...process.env, DATA_DIR: '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...database.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.resume();
      const status = new Promise<number | null>((resolve) => child.on('close', resolve));
      await until('a worker', () => nodeChildren(child.pid!).length > 0, 30_000);
      assert.doesNotMatch(stdout, /"msg":"job queue started"/, 'the database is still being prepared');
      process.kill(Number(nodeChildren(child.pid!)[0]), 'SIGKILL');
      assert.equal(await status, 1, stdout);
      assert.match(stdout, /"signal":"SIGKILL","msg":"an HTTP worker stopped before serving: stopping"/);
      assert.doesNotMatch(stdout, /"msg":"candor is serving"/);
    } finally {
      await database.drop();
    }
  });
});

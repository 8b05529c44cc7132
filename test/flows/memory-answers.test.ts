import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, postForm, type StaffLogin } from '../helpers/staff.ts';

/** One GET with exactly these headers, the body as it came over the wire. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The headers of an answer but its date, which is the time it was sent. */
function withoutDate(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
  const { date: _date, ...rest } = headers;
  return rest;
}

/** A series' value in the Prometheus text the server exposes (0 when absent). */
async function metric(base: string, series: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('kept public pages answered again from memory', () => {
  let editor: StaffLogin;
  const suite = useServer({
    prepare: async (db) => {
      editor = await createStaffLogin(db, 'editor');
    },
  });
  const year = new Date().getUTCFullYear() - 1;

  it('answers a second request exactly as the first: status, headers and body, for every encoding and kind of kept page', async () => {
    const pages = [
      ['/en/', '/:lang/'],
      ['/es/topics/privacy', '/:lang/topics/:slug'],
      ['/ar/news', '/:lang/news'],
      ['/en/feed.atom', '/:lang/feed.atom'],
      ['/en/notices?q=biography', '/:lang/notices'],
      [`/es/transparency/${year}`, '/:lang/transparency/:period'],
    ] as const;
    for (const [path, route] of pages) {
      for (const encoding of [undefined, 'gzip', 'gzip, deflate, br']) {
        const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
        const fromMemory = `candor_http_answers_from_memory_total{route="${route}"}`;
        const before = await metric(suite.server.url, fromMemory);
        const first = await rawGet(`${suite.server.url}${path}`, headers);
        assert.equal(first.status, 200, path);
        const second = await rawGet(`${suite.server.url}${path}`, headers);
        assert.deepEqual(withoutDate(second.headers), withoutDate(first.headers), `${path} with ${encoding ?? 'no encoding'}`);
        assert.ok(second.body.equals(first.body), `${path}: the same bytes`);
        assert.equal(await metric(suite.server.url, fromMemory), before + 1, `${path} with ${encoding ?? 'no encoding'}: the second answer came from memory`);
      }
    }
  });

  it('answers 304 to a reader holding the version, and counts and logs every answer as the application does', async () => {
    const first = await rawGet(`${suite.server.url}/en/topics/copyright`);
    const etag = String(first.headers.etag);
    const counted = 'candor_http_requests_total{method="GET",route="/:lang/topics/:slug",status="304"}';
    const before = await metric(suite.server.url, counted);
    const logged = suite.server.logs.length;
    // A request the application answers, whose line the answers from memory are written like.
    assert.equal((await rawGet(`${suite.server.url}/healthz`)).status, 200);
    const answers = [await rawGet(`${suite.server.url}/en/topics/copyright`, { 'if-none-match': etag }), await rawGet(`${suite.server.url}/en/topics/copyright`, { 'if-none-match': etag })];
    for (const answer of answers) {
      assert.equal(answer.status, 304);
      assert.equal(answer.body.length, 0);
      assert.equal(answer.headers['content-length'], undefined);
      assert.equal(answer.headers.etag, etag);
    }
    assert.deepEqual(withoutDate(answers[1]!.headers), withoutDate(answers[0]!.headers));
    assert.equal(await metric(suite.server.url, counted), before + 2);
    // Each answer: one line, with a request id of its own, the method, path and status.
    const lines = suite.server.logs.slice(logged).filter((line) => line.msg === 'request completed' && (line.req as { url?: string } | undefined)?.url === '/en/topics/copyright');
    assert.equal(lines.length, 2);
    assert.equal(new Set(lines.map((line) => line.reqId)).size, 2, 'each answer has a request id of its own');
    for (const line of lines) {
      assert.deepEqual(Object.keys(line).sort(), ['hostname', 'level', 'msg', 'pid', 'reqId', 'req', 'res', 'responseTime', 'time'].sort());
      assert.deepEqual(line.req, { method: 'GET', url: '/en/topics/copyright' });
      assert.deepEqual(line.res, { statusCode: 304 });
      assert.equal(typeof line.responseTime, 'number');
    }
    // The same keys in the same order as the application's own line, with the same fields of the process.
    const application = suite.server.logs.slice(logged).find((line) => line.msg === 'request completed' && (line.req as { url?: string } | undefined)?.url === '/healthz');
    assert.ok(application, "the application's line for /healthz");
    for (const line of lines) {
      assert.deepEqual(Object.keys(line), Object.keys(application));
      assert.deepEqual([line.level, line.pid, line.hostname], [application.level, application.pid, application.hostname]);
      assert.ok(typeof line.time === 'number' && line.time >= (application.time as number), 'a time in milliseconds, after the earlier line');
    }
  });

  it('stops answering from memory once the page changes, and shows the change', async () => {
    const url = `${suite.server.url}/en/`;
    await rawGet(url);
    const kept = await rawGet(url);
    assert.doesNotMatch(kept.body.toString('utf8'), /data-share="BR:/);
    const response = await postForm(`${suite.server.url}/console/awareness`, editor, { country: 'BR', year: String(year), share: '47.3', sample_size: '', source: 'Test panel' });
    assert.equal(response.status, 303);
    await response.arrayBuffer();
    const changed = await rawGet(url);
    assert.match(changed.body.toString('utf8'), /data-share="BR:\d+">47\.3%</, 'the page rendered again with the new result');
    assert.notEqual(changed.headers.etag, kept.headers.etag);
    const again = await rawGet(url);
    assert.ok(again.body.equals(changed.body), 'and then kept again');
  });

  it('leaves to the application what it has not answered itself: other methods and requests with a body', async () => {
    const url = `${suite.server.url}/en/topics/privacy`;
    const fromMemory = 'candor_http_answers_from_memory_total{route="/:lang/topics/:slug"}';
    await rawGet(url);
    const before = await metric(suite.server.url, fromMemory);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const withBody = await new Promise<number>((resolve, reject) => {
      const request = http.request(url, { method: 'GET', agent: false, headers: { 'content-type': 'text/plain', 'content-length': '3' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      });
      request.on('error', reject);
      request.end('abc');
    });
    assert.ok(withBody < 500, `a GET with a body: ${withBody}`);
    assert.equal(await metric(suite.server.url, fromMemory), before, 'neither was answered from memory');
    assert.equal((await rawGet(url)).status, 200);
    assert.equal(await metric(suite.server.url, fromMemory), before + 1, 'a plain GET again was');
  });

  it('remembers an answer as it was written, even one compressed by the hooks after the page was sent', async () => {
    // x-gzip is gzip to the framework's compression, which then compresses the page itself, as a stream: not remembered.
    for (const encoding of ['x-gzip', 'deflate, x-gzip']) {
      const first = await rawGet(`${suite.server.url}/ar/topics/privacy`, { 'accept-encoding': encoding });
      const second = await rawGet(`${suite.server.url}/ar/topics/privacy`, { 'accept-encoding': encoding });
      assert.equal(first.status, 200);
      assert.equal(second.headers['content-encoding'], first.headers['content-encoding'], encoding);
      assert.equal(zlib.gunzipSync(second.body).toString('utf8'), zlib.gunzipSync(first.body).toString('utf8'));
    }
  });
});

import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { LumenRefusedError, postLumenNotice } from './lumen-client.ts';
import { buildLumenNotice } from './lumen-payload.ts';

const notice = buildLumenNotice({
  reference: 'CR-2026-000001', kind: 'content_alteration', category: 'defamation', requesterType: 'individual', title: 'Defamation complaint',
  dateReceived: new Date('2026-01-02T00:00:00Z'), jurisdictions: [], works: [], parties: [{ role: 'sender', kind: 'individual', name: 'Private Person', countryCode: 'ES' }],
});

async function lumen(answers: number[]) {
  const seen: { token: string | undefined; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ token: request.headers['x-authentication-token'] as string | undefined, body });
      const status = answers.shift() ?? 201;
      response.writeHead(status, status === 201 ? { location: 'https://lumen.example/notices/77' } : {}).end(status === 422 ? '{"title":["can\'t be blank"]}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Lumen client', () => {
  const retry = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
  it('posts with X-Authentication-Token, retries a 429 and a 503, and returns where Lumen filed it', async () => {
    const server = await lumen([429, 503, 201]);
    try {
      const result = await postLumenNotice({ url: server.url, token: 'lumen-token' }, notice, retry);
      assert.equal(result.location, 'https://lumen.example/notices/77');
      assert.equal(server.seen.length, 3);
      assert.ok(server.seen.every((call) => call.token === 'lumen-token'));
      assert.deepEqual(JSON.parse(server.seen[2]!.body), notice);
      assert.ok(!server.seen[2]!.body.includes('Private Person'));
    } finally {
      await server.stop();
    }
  });

  it('raises what Lumen answered when it refuses the notice, without retrying a 422', async () => {
    const server = await lumen([422]);
    try {
      await assert.rejects(postLumenNotice({ url: server.url, token: 't' }, notice, retry), (error: unknown) => error instanceof LumenRefusedError && /HTTP 422.*can't be blank/.test(error.message));
      assert.equal(server.seen.length, 1);
    } finally {
      await server.stop();
    }
  });
});

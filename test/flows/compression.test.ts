import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

/** One GET with exactly these headers, the body as it came over the wire (undecoded). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('compressed responses', () => {
  let admin: StaffLogin;
  const suite = useServer({
    async prepare(db) {
      admin = await createStaffLogin(db, 'admin');
    },
  });
  const year = String(new Date().getUTCFullYear() - 1);

  it('sends a report page with Brotli or gzip as the browser asks, the same page either way', async () => {
    const url = `${suite.server.url}/en/transparency/${year}`;
    const plain = await rawGet(url, {});
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, 'nothing asked, nothing compressed');
    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.match(String(brotli.headers.vary), /accept-encoding/i);
    assert.equal(zlib.brotliDecompressSync(brotli.body).toString('utf8'), plain.body.toString('utf8'));
    assert.ok(brotli.body.length * 4 < plain.body.length, `compressed ${brotli.body.length} of ${plain.body.length} bytes`);
    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gzip.body).toString('utf8'), plain.body.toString('utf8'));
  });

  it('sends the API and the sitemap compressed too', async () => {
    const api = await rawGet(`${suite.server.url}/api/v1/openapi.json`, { 'accept-encoding': 'gzip' });
    assert.equal(api.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(zlib.gunzipSync(api.body).toString('utf8')).openapi, 'the OpenAPI document');
    const sitemap = await rawGet(`${suite.server.url}/sitemap-pages.xml`, { 'accept-encoding': 'br' });
    assert.equal(sitemap.headers['content-encoding'], 'br');
    assert.match(zlib.brotliDecompressSync(sitemap.body).toString('utf8'), /<urlset /);
  });

  it("sends the site's kept pages compressed once, never twice, with Brotli when taken, else gzip", async () => {
    const home = await rawGet(`${suite.server.url}/en/`, { 'accept-encoding': 'gzip, br' });
    assert.equal(home.status, 200);
    assert.equal(home.headers['content-encoding'], 'br');
    assert.match(zlib.brotliDecompressSync(home.body).toString('utf8'), /^<!doctype html>/);
    const gzip = await rawGet(`${suite.server.url}/en/`, { 'accept-encoding': 'gzip, br;q=0' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(gzip.body).toString('utf8'), /^<!doctype html>/);
    const search = await rawGet(`${suite.server.url}/en/notices?q=biography`, { 'accept-encoding': 'gzip' });
    assert.equal(search.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(search.body).toString('utf8'), /^<!doctype html>/);
  });

  it('never compresses a console page, which carries the CSRF token beside what the reader typed', async () => {
    const queue = await rawGet(`${suite.server.url}/console/requests?q=${'a'.repeat(50)}`, { cookie: admin.cookie, 'accept-encoding': 'gzip, br' });
    assert.equal(queue.status, 200);
    assert.equal(queue.headers['content-encoding'], undefined);
    assert.ok(queue.body.length > 1024, 'large enough that it would otherwise be compressed');
    assert.ok(queue.body.toString('utf8').includes(admin.csrf));
  });
});

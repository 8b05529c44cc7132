import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../db/connect.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { fetchFeeds, plainTitle, safeLink, syncFeeds } from './fetch-feeds.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sister news</title><link>https://sister.example/</link>
<item><title>Court upholds the right to quote</title><link>https://sister.example/quote</link><pubDate>Tue, 10 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>A library opens its archive</title><link>https://sister.example/archive</link><pubDate>Mon, 09 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sister blog</title><id>urn:sister-blog</id><updated>2026-11-12T10:00:00Z</updated>
<entry><title>Why mirrors matter</title><id>urn:1</id><link href="https://blog.sister.example/mirrors"/><updated>2026-11-12T10:00:00Z</updated></entry>
</feed>`;

const HOSTILE = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Hostile</title>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Breaking &lt;b&gt;news&lt;/b&gt;</title><link>https://hostile.example/ok</link></item>
<item><title>Click me</title><link>javascript:alert(document.cookie)</link></item>
<item><title>Data link</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
</channel></rss>`;

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>Bomb</title><item><title>&lol3;</title><link>https://bomb.example/</link></item></channel></rss>`;

describe('fetching the Elsewhere feeds from real HTTP servers', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let server: http.Server;
  let base = '';
  const hits = new Map<string, number>();
  let slowResponses: http.ServerResponse[] = [];

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    server = http.createServer((request, response) => {
      const path = request.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/rss') {
        if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
        return response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
      }
      if (path === '/atom') {
        if (request.headers['if-modified-since'] === 'Thu, 12 Nov 2026 10:00:00 GMT') return response.writeHead(304).end();
        return response.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': 'Thu, 12 Nov 2026 10:00:00 GMT' }).end(ATOM);
      }
      if (path === '/broken') return response.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel><item><title>unclosed');
      if (path === '/slow') {
        // Sends the headers and then nothing: the fetch must give up on its own.
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
        slowResponses.push(response);
        return;
      }
      if (path === '/huge') {
        // No content-length: the size is only known by counting what streams in.
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = `<item><title>${'x'.repeat(1000)}</title><link>https://huge.example/</link></item>`;
        let sent = 0;
        const pump = () => {
          while (sent < 5_000) {
            sent++;
            if (!response.write(chunk)) return response.once('drain', pump);
          }
          response.end('</channel></rss>');
        };
        response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
        return pump();
      }
      if (path === '/hostile') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(HOSTILE);
      if (path === '/bomb') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(BOMB);
      if (path === '/gone') return response.writeHead(500).end('oops');
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await syncFeeds(handle.db, ['rss', 'atom', 'broken', 'slow', 'huge', 'hostile', 'bomb', 'gone'].map((name) => ({ name: `Feed ${name}`, url: `${base}/${name}` })));
  });
  after(async () => {
    for (const response of slowResponses) response.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await handle?.close();
    await database?.drop();
  });

  const items = () => handle.db.selectFrom('elsewhere_items as i').innerJoin('elsewhere_feeds as f', 'f.id', 'i.feed_id').select(['f.name', 'i.title', 'i.link', 'i.published_at']).orderBy('i.link').execute();
  const feed = (name: string) => handle.db.selectFrom('elsewhere_feeds').selectAll().where('name', '=', `Feed ${name}`).executeTakeFirstOrThrow();

  it('stores the good items of RSS and Atom, records every bad feed’s error, and goes on past each', async () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const outcomes = await fetchFeeds(handle.db, now, fetch, { timeoutMs: 5_000, maxBytes: 256 * 1024 });
    const byName = Object.fromEntries(outcomes.map((outcome) => [outcome.name.slice(5), outcome]));
    assert.equal(outcomes.length, 8, 'every feed was tried');
    assert.deepEqual([byName.rss!.status, byName.rss!.items], ['ok', 2]);
    assert.deepEqual([byName.atom!.status, byName.atom!.items], ['ok', 1]);
    assert.equal(byName.hostile!.status, 'ok');
    assert.match(byName.broken!.error!, /not well-formed XML/);
    assert.match(byName.slow!.error!, /no answer within 5000 ms/);
    assert.match(byName.huge!.error!, /larger than 262144 bytes/);
    assert.match(byName.bomb!.error!, /document type/);
    assert.equal(byName.gone!.error, 'HTTP 500');
    assert.equal((await feed('slow')).last_status, 'error');
    assert.match((await feed('huge')).last_error!, /larger than/);

    const stored = await items();
    assert.deepEqual(
      stored.map((item) => [item.name, item.title, item.link]),
      [
        ['Feed atom', 'Why mirrors matter', 'https://blog.sister.example/mirrors'],
        ['Feed hostile', 'alert(1) Breaking news', 'https://hostile.example/ok'],
        ['Feed rss', 'A library opens its archive', 'https://sister.example/archive'],
        ['Feed rss', 'Court upholds the right to quote', 'https://sister.example/quote'],
      ],
      'only http(s) links, titles as plain text',
    );
    assert.equal(stored.find((item) => item.link.endsWith('/quote'))!.published_at!.toISOString(), '2026-11-10T09:00:00.000Z');
    assert.equal((await feed('rss')).etag, '"v1"');
  });

  it('asks again with ETag and Last-Modified, keeping the items when nothing changed, and skips feeds fetched moments ago', async () => {
    const soon = await fetchFeeds(handle.db, new Date('2026-11-20T12:01:00Z'), fetch, { timeoutMs: 5_000 });
    assert.deepEqual(soon, [], 'fetched a minute ago: left alone');
    const later = new Date('2026-11-20T13:00:00Z');
    const before = hits.get('/rss');
    const outcomes = await fetchFeeds(handle.db, later, fetch, { timeoutMs: 5_000, maxBytes: 256 * 1024 });
    assert.equal(hits.get('/rss'), before! + 1);
    assert.equal(outcomes.find((o) => o.name === 'Feed rss')!.status, 'not_modified');
    assert.equal(outcomes.find((o) => o.name === 'Feed atom')!.status, 'not_modified');
    assert.equal((await items()).length, 4, 'nothing lost, nothing doubled');
  });

  it('lets only one of two rounds at once take a feed', async () => {
    const at = new Date('2026-11-21T12:00:00Z');
    const stub = (async () => new Response(RSS, { status: 200 })) as typeof fetch;
    const [first, second] = await Promise.all([fetchFeeds(handle.db, at, stub), fetchFeeds(handle.db, at, stub)]);
    const taken = [...first, ...second].map((outcome) => outcome.feedId).sort();
    assert.equal(taken.length, new Set(taken).size, 'no feed fetched twice');
    assert.equal(taken.length, 8);
  });

  it('keeps only the newest items of a feed', async () => {
    const many = `<rss version="2.0"><channel><title>Many</title>${Array.from({ length: 30 }, (_, i) => `<item><title>Item ${i}</title><link>https://many.example/${i}</link><pubDate>${new Date(Date.UTC(2026, 0, i + 1)).toUTCString()}</pubDate></item>`).join('')}</channel></rss>`;
    await syncFeeds(handle.db, [{ name: 'Many', url: 'https://many.example/feed' }]);
    const outcomes = await fetchFeeds(handle.db, new Date('2026-11-22T12:00:00Z'), (async () => new Response(many)) as typeof fetch, { keep: 5 });
    assert.deepEqual(outcomes.map((o) => [o.name, o.items]), [['Many', 30]]);
    const kept = await handle.db.selectFrom('elsewhere_items').select('title').orderBy('published_at', 'desc').execute();
    assert.deepEqual(kept.map((row) => row.title), ['Item 29', 'Item 28', 'Item 27', 'Item 26', 'Item 25']);
  });

  it('accepts only http and https links and plain one-line titles', () => {
    assert.equal(safeLink('javascript:alert(1)'), undefined);
    assert.equal(safeLink('//evil.example/x', 'https://sister.example/feed'), 'https://evil.example/x');
    assert.equal(safeLink('/post', 'https://sister.example/feed'), 'https://sister.example/post');
    assert.equal(plainTitle('<img src=x onerror=alert(1)>Hello\n  world'), 'Hello world');
    assert.equal(plainTitle('   '), undefined);
  });
});

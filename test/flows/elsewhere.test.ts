import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetchFeeds, syncFeeds } from '../../src/elsewhere/fetch-feeds.ts';
import { waitFor } from '../helpers/mail.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Sister</title>
<item><title>Open archives win in court</title><link>https://sister.example/archives</link><pubDate>Tue, 10 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:b</id><updated>2026-11-12T10:00:00Z</updated>
<entry><title>مرايا المعرفة</title><id>urn:1</id><link href="https://blog.sister.example/mirrors"/><updated>2026-11-12T10:00:00Z</updated></entry></feed>`;
const HOSTILE = `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src="https://tracker.example/p.gif"&gt;Free &amp; open</title><link>https://hostile.example/ok</link></item>
<item><title>Click me</title><link>javascript:alert(document.cookie)</link></item>
</channel></rss>`;

describe('Elsewhere on the public site', () => {
  let feeds: http.Server;
  let base = '';
  const held: http.ServerResponse[] = [];

  before(async () => {
    feeds = http.createServer((request, response) => {
      if (request.url === '/rss') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      if (request.url === '/atom') return response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
      if (request.url === '/hostile') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(HOSTILE);
      if (request.url === '/broken') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item>');
      // Never finishes: the round must give up on it and go on.
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      held.push(response);
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const response of held) response.destroy();
    feeds.closeAllConnections();
    await new Promise((resolve) => feeds.close(resolve));
  });

  const configured = () => [
    { name: 'Sister News', url: `${base}/rss` },
    { name: 'Sister Blog', url: `${base}/atom` },
    { name: 'Hostile Feed', url: `${base}/hostile` },
    { name: 'Broken Feed', url: `${base}/broken` },
    { name: 'Slow Feed', url: `${base}/slow` },
  ];

  const staff = {} as Record<'editor' | 'reviewer', StaffLogin>;
  const suite = useServer({
    async prepare(db) {
      staff.editor = await createStaffLogin(db, 'editor');
      staff.reviewer = await createStaffLogin(db, 'reviewer');
      await syncFeeds(db, configured());
      // An hour ago, so that the server's own first round is due at once.
      await fetchFeeds(db, new Date(Date.now() - 3_600_000), fetch, { timeoutMs: 1_000 });
    },
    env: () => ({ ELSEWHERE_FEEDS: JSON.stringify(configured()) }),
  });

  it('shows the gathered links with their source, safely, in English, Spanish and Arabic', async () => {
    for (const [lang, dir] of [['en', 'ltr'], ['es', 'ltr'], ['ar', 'rtl']] as const) {
      const response = await fetch(`${suite.server.url}/${lang}/elsewhere`);
      assert.equal(response.status, 200, lang);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      assert.ok(html.includes(`<html lang="${lang}" dir="${dir}">`));
      assert.ok(html.includes('<a href="https://sister.example/archives" rel="noopener noreferrer" dir="auto">Open archives win in court</a>'), lang);
      assert.ok(html.includes('<a href="https://blog.sister.example/mirrors" rel="noopener noreferrer" dir="auto">مرايا المعرفة</a>'));
      assert.ok(html.includes('Sister News') && html.includes('Sister Blog') && html.includes('Hostile Feed'), 'each link names its source');
      assert.ok(html.includes('>alert(1) Free &amp; open</a>'), 'a hostile title is plain, escaped text');
      assert.ok(!html.includes('javascript:'), 'no javascript: link');
      assert.ok(!html.includes('<script'), 'no script');
      assert.ok(!html.includes('tracker.example') && !/<img[^>]+src="(https?:)?\/\//.test(html), 'nothing loads from another host');
    }
  });

  it('has an Elsewhere section on the home page, linking to the full list', async () => {
    const html = await (await fetch(`${suite.server.url}/en/`)).text();
    assert.ok(html.includes('<h2 id="elsewhere" class="bilingual">Elsewhere'));
    assert.ok(html.includes('<a href="https://sister.example/archives" rel="noopener noreferrer" dir="auto">Open archives win in court</a>'));
    assert.ok(html.includes('href="/en/elsewhere"'));
  });

  it('keeps fetching in serve: a broken or slow feed is logged and the pages still render', async () => {
    const warned = await waitFor(() => {
      const names = suite.server.logs.filter((entry) => entry.msg === 'an elsewhere feed could not be read').map((entry) => String(entry.feed));
      return names.includes('Broken Feed') && names.includes('Slow Feed') ? names : undefined;
    }, 60_000);
    assert.ok(!warned.includes('Sister News'));
    assert.equal((await fetch(`${suite.server.url}/es/elsewhere`)).status, 200);
    assert.equal((await fetch(`${suite.server.url}/ar/`)).status, 200);
    assert.equal((await fetch(`${suite.server.url}/healthz`)).status, 200);
  });

  it('lets an editor see each feed’s last fetch and error, add a feed and remove one; a reviewer may not', async () => {
    const page = async () => (await getPage(`${suite.server.url}/console/elsewhere`, staff.editor)).text();
    const html = await page();
    assert.ok(html.includes(`<td class="ltr">${base}/broken</td>`));
    assert.match(html, /data-feed="[^"]*\/broken"[\s\S]*?failed[\s\S]*?not well-formed XML/);
    assert.match(html, /data-feed="[^"]*\/rss"[\s\S]*?read<\/span>/);
    assert.equal((await getPage(`${suite.server.url}/console/elsewhere`, staff.reviewer)).status, 403);

    const bad = await postForm(`${suite.server.url}/console/elsewhere/feeds`, staff.editor, { name: 'Evil', url: 'javascript:alert(1)' });
    assert.equal(bad.status, 400);
    assert.ok((await bad.text()).includes('give an http or https address'));
    const added = await postForm(`${suite.server.url}/console/elsewhere/feeds`, staff.editor, { name: 'Another Sister', url: 'https://another.example/feed.xml' });
    assert.equal(added.status, 303);
    const after = await page();
    assert.ok(after.includes('Another Sister') && after.includes('not yet'));
    const id = /data-feed="https:\/\/another\.example\/feed\.xml"[\s\S]*?feeds\/(\d+)\/remove/.exec(after)?.[1];
    assert.ok(id, 'a remove button for the new feed');
    assert.equal((await postForm(`${suite.server.url}/console/elsewhere/feeds/${id}/remove`, staff.editor, {})).status, 303);
    assert.ok(!(await page()).includes('Another Sister'));
    assert.equal((await postForm(`${suite.server.url}/console/elsewhere/feeds/${id}/remove`, staff.reviewer, {})).status, 403);
  });
});

import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { PageCache, STALE_WHILE_RENDERING_MS } from './page-cache.ts';

describe('the page cache', () => {
  it('renders a page once and serves it again until it expires', async () => {
    let clock = 1_000;
    let renders = 0;
    const cache = new PageCache(() => clock);
    const render = () => `<p>${++renders}</p>`;
    const first = await cache.get('en /', 60_000, render);
    assert.equal(first.hit, false);
    const again = await cache.get('en /', 60_000, render);
    assert.equal(again.hit, true);
    assert.equal(again.page.html.toString(), '<p>1</p>');
    assert.equal(gunzipSync(again.page.gzip).toString(), '<p>1</p>');
    clock += 60_000;
    // Expired: shown while its successor renders, which then replaces it.
    const meanwhile = await cache.get('en /', 60_000, render);
    assert.equal(meanwhile.page, first.page);
    await new Promise((resolve) => setImmediate(resolve));
    const later = await cache.get('en /', 60_000, render);
    assert.equal(later.page.html.toString(), '<p>2</p>');
    assert.notEqual(later.page.etag, first.page.etag);
    assert.equal(renders, 2);
  });

  it('shows an expired page while the next is rendered, for a while at most', async () => {
    let clock = 1_000;
    const cache = new PageCache(() => clock);
    const first = (await cache.get('en /', 60_000, () => '<p>1</p>')).page;
    clock += 60_000;
    assert.equal(cache.current('en /'), undefined, 'expired, and nothing renders it yet');
    let release!: () => void;
    const slow = () => new Promise<string>((resolve) => (release = () => resolve('<p>2</p>')));
    const readers = [cache.get('en /', 60_000, slow), cache.get('en /', 60_000, slow)];
    assert.deepEqual(
      (await Promise.all(readers)).map(({ page }) => page),
      [first, first],
      'both readers are shown the page before, and do not wait',
    );
    assert.equal(cache.current('en /'), first);
    // Past the time an expired page may be shown, readers wait for the rendering under way.
    clock += STALE_WHILE_RENDERING_MS;
    assert.equal(cache.current('en /'), undefined);
    const waiting = cache.get('en /', 60_000, slow);
    release();
    const { page, hit } = await waiting;
    assert.equal(hit, false);
    assert.equal(page.html.toString(), '<p>2</p>');
    assert.equal(cache.current('en /'), page);
  });

  it('shows the page before while renderings fail, for a while, then gives readers the failure', async () => {
    let clock = 1_000;
    const cache = new PageCache(() => clock);
    const first = (await cache.get('en /', 60_000, () => '<p>1</p>')).page;
    clock += 60_000;
    const failing = () => Promise.reject(new Error('database gone'));
    assert.equal((await cache.get('en /', 60_000, failing)).page, first);
    await new Promise((resolve) => setImmediate(resolve));
    // Each reader tries again, and is shown the page before while the try is under way.
    assert.equal((await cache.get('en /', 60_000, failing)).page, first);
    clock += STALE_WHILE_RENDERING_MS;
    await assert.rejects(cache.get('en /', 60_000, failing), /database gone/);
  });

  it('keeps languages apart and shares one rendering between concurrent requests', async () => {
    let renders = 0;
    const cache = new PageCache();
    const render = async () => `<p>${++renders}</p>`;
    const [a, b] = await Promise.all([cache.get('es /', Infinity, render), cache.get('es /', Infinity, render)]);
    assert.equal(renders, 1);
    assert.equal(a.page, b.page);
    assert.equal((await cache.get('ar /', Infinity, render)).page.html.toString(), '<p>2</p>');
  });
});

describe('clearing the page cache', () => {
  it('renders every page again after a clear', async () => {
    let renders = 0;
    const cache = new PageCache();
    await cache.get('en /', Infinity, () => `<p>${++renders}</p>`);
    await cache.get('es /', Infinity, () => `<p>${++renders}</p>`);
    cache.clear();
    assert.equal((await cache.get('en /', Infinity, () => `<p>${++renders}</p>`)).page.html.toString(), '<p>3</p>');
    assert.equal((await cache.get('es /', Infinity, () => `<p>${++renders}</p>`)).hit, false);
  });
});

describe('invalidating the page cache', () => {
  it('renders again the pages that match, and keeps the others', async () => {
    let renders = 0;
    const cache = new PageCache();
    const render = () => `<p>${++renders}</p>`;
    await cache.get('en /news', Infinity, render);
    await cache.get('en /litigation', Infinity, render);
    cache.invalidate((key) => key.endsWith('/news'));
    assert.equal((await cache.get('en /news', Infinity, render)).hit, false);
    assert.equal((await cache.get('en /litigation', Infinity, render)).hit, true);
  });

  it('does not keep a page whose rendering began before the invalidation', async () => {
    let release!: () => void;
    const cache = new PageCache();
    const slow = cache.get('en /news', Infinity, () => new Promise<string>((resolve) => (release = () => resolve('<p>old</p>'))));
    await new Promise((resolve) => setImmediate(resolve));
    cache.invalidate(() => true);
    release();
    assert.equal((await slow).page.html.toString(), '<p>old</p>');
    const fresh = await cache.get('en /news', Infinity, () => '<p>new</p>');
    assert.equal(fresh.hit, false);
    assert.equal(fresh.page.html.toString(), '<p>new</p>');
  });

  it('takes the time to live a rendering gives with its page', async () => {
    let clock = 0;
    const cache = new PageCache(() => clock);
    await cache.get('en /news', 60_000, () => ({ html: '<p>a</p>', ttlMs: 5_000 }));
    clock = 4_999;
    assert.equal((await cache.get('en /news', 60_000, () => '<p>b</p>')).hit, true);
    // Its content changes then (a post scheduled for that time): the reader waits for the new page.
    clock = 5_000;
    assert.equal(cache.current('en /news'), undefined);
    assert.equal((await cache.get('en /news', 60_000, () => '<p>b</p>')).page.html.toString(), '<p>b</p>');
  });
});

describe('a bounded page cache', () => {
  it('drops the page kept longest once it holds more than its bound', async () => {
    let renders = 0;
    const cache = new PageCache(Date.now, 2);
    const render = () => `<p>${++renders}</p>`;
    await cache.get('en /notices?q=a', 60_000, render);
    await cache.get('en /notices?q=b', 60_000, render);
    await cache.get('en /notices?q=c', 60_000, render);
    assert.equal((await cache.get('en /notices?q=b', 60_000, render)).hit, true);
    assert.equal((await cache.get('en /notices?q=c', 60_000, render)).hit, true);
    assert.equal((await cache.get('en /notices?q=a', 60_000, render)).hit, false, 'the first page was dropped');
    assert.equal(renders, 4);
  });
});

describe('the current page of a key', () => {
  it('is the kept page until it expires or is dropped, and its Brotli form is the page', async () => {
    let clock = 1_000;
    const cache = new PageCache(() => clock);
    const { page } = await cache.get('en /', 60_000, () => '<p>kept</p>');
    assert.equal(cache.current('en /'), page);
    assert.equal(brotliDecompressSync(page.br).toString(), '<p>kept</p>');
    clock += 60_000;
    assert.equal(cache.current('en /'), undefined, 'expired');
    await cache.get('en /', 60_000, () => '<p>again</p>');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cache.current('en /')?.html.toString(), '<p>again</p>');
    cache.clear();
    assert.equal(cache.current('en /'), undefined, 'dropped');
  });
});

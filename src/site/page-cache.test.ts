import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { PageCache } from './page-cache.ts';

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
    const later = await cache.get('en /', 60_000, render);
    assert.equal(later.hit, false);
    assert.equal(later.page.html.toString(), '<p>2</p>');
    assert.notEqual(later.page.etag, first.page.etag);
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
    clock = 5_000;
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
    const again = await cache.get('en /', 60_000, () => '<p>again</p>');
    assert.equal(cache.current('en /'), again.page);
    cache.clear();
    assert.equal(cache.current('en /'), undefined, 'dropped');
  });
});

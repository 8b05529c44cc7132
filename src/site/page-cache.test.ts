import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
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
  it('renders every page again after a clear, and does not keep a rendering begun before it', async () => {
    let renders = 0;
    const cache = new PageCache();
    await cache.get('en /', Infinity, () => `<p>${++renders}</p>`);
    cache.clear();
    assert.equal((await cache.get('en /', Infinity, () => `<p>${++renders}</p>`)).page.html.toString(), '<p>2</p>');
    let release!: () => void;
    const slow = cache.get('es /', Infinity, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return '<p>old</p>';
    });
    await new Promise((resolve) => setImmediate(resolve));
    cache.clear();
    release();
    assert.equal((await slow).page.html.toString(), '<p>old</p>');
    const after = await cache.get('es /', Infinity, () => '<p>new</p>');
    assert.equal(after.hit, false);
    assert.equal(after.page.html.toString(), '<p>new</p>');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageEncoding } from './site-pages.ts';

describe('the encoding of a kept page', () => {
  it('is Brotli, else gzip, when the reader takes it, and nothing otherwise', () => {
    assert.equal(pageEncoding(undefined), undefined);
    assert.equal(pageEncoding(''), undefined);
    assert.equal(pageEncoding('identity'), undefined);
    assert.equal(pageEncoding('deflate'), undefined);
    assert.equal(pageEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(pageEncoding('gzip'), 'gzip');
    assert.equal(pageEncoding('GZIP'), 'gzip');
    assert.equal(pageEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(pageEncoding('br; q=0.0, gzip; q=0'), undefined);
    assert.equal(pageEncoding('*'), 'br');
    assert.equal(pageEncoding('*, br;q=0'), 'gzip');
    assert.equal(pageEncoding('*;q=0, gzip'), 'gzip');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicationIssues, readImageMetadata, slugFromFilename } from './metadata.ts';

describe('an image’s metadata', () => {
  it('makes a slug from a file name', () => {
    assert.equal(slugFromFilename('Sala de Lectura 2.JPG'), 'sala-de-lectura-2');
    assert.equal(slugFromFilename('Ñandú — río.png'), 'nandu-rio');
    assert.equal(slugFromFilename('صورة.png'), 'image');
  });

  it('reads the fields, and names each problem', () => {
    const good = readImageMetadata({ slug: 'River-Bank', alt_en: '  A river  ', alt_ar: 'نهر', author: 'Ana Ruiz', licence: 'CC-BY-SA-4.0', source_url: 'https://example.org/river' }, 'x');
    assert.deepEqual(good.issues, []);
    assert.deepEqual(good.metadata, { slug: 'river-bank', alt: { en: 'A river', ar: 'نهر' }, author: 'Ana Ruiz', licence: 'CC-BY-SA-4.0', sourceUrl: 'https://example.org/river' });
    const bad = readImageMetadata({ slug: '-bad slug', licence: 'All rights reserved', source_url: 'javascript:alert(1)' }, 'x');
    assert.deepEqual(bad.issues.map((issue) => issue.code), ['media-error-slug', 'media-error-licence', 'media-error-source-url']);
  });

  it('asks for author, licence, source and an English description before publishing', () => {
    assert.deepEqual(publicationIssues({ author: null, licence: null, source_url: null, alt_text: {} }).map((issue) => issue.field), ['author', 'licence', 'source_url', 'alt_en']);
    assert.deepEqual(publicationIssues({ author: 'A', licence: 'CC0-1.0', source_url: 'https://example.org/', alt_text: { en: 'x' } }), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newsFeed } from './atom.ts';
import type { NewsItem } from './visibility.ts';

const item: NewsItem = {
  postId: 7,
  lang: 'es',
  slug: 'nuestro-informe',
  title: 'Informe «anual» & <más>',
  summary: 'Resumen',
  body: 'Texto',
  publishedAt: new Date('2026-03-01T10:00:00Z'),
  updatedAt: new Date('2026-03-02T10:00:00Z'),
};

const text = {
  lang: 'es',
  title: 'Noticias',
  subtitle: 'Lo que hacemos',
  author: 'Free Knowledge Trust',
  selfUrl: 'https://trust.example/es/feed.atom',
  pageUrl: 'https://trust.example/es/news',
  postUrl: (slug: string) => `https://trust.example/es/news/${slug}`,
  html: () => '<p>Texto con <a href="/es/notices">un enlace</a> &amp; más</p>',
};

describe('the Atom feed of news', () => {
  it('has what RFC 4287 requires of a feed and of each entry, every text escaped', () => {
    const xml = newsFeed([item], text, 'trust.example');
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es" xml:base="https://trust.example/">'));
    for (const part of [
      '<id>https://trust.example/es/feed.atom</id>',
      '<updated>2026-03-02T10:00:00.000Z</updated>',
      '<author><name>Free Knowledge Trust</name></author>',
      '<link rel="self" type="application/atom+xml" href="https://trust.example/es/feed.atom"/>',
      '<link rel="alternate" type="text/html" href="https://trust.example/es/news"/>',
      '<id>tag:trust.example,2026:news/7/es</id>',
      '<title type="text">Informe «anual» &amp; &lt;más&gt;</title>',
      '<link rel="alternate" type="text/html" hreflang="es" href="https://trust.example/es/news/nuestro-informe"/>',
      '<published>2026-03-01T10:00:00.000Z</published>',
      '<content type="html">&lt;p&gt;Texto con &lt;a href=&quot;/es/notices&quot;&gt;un enlace&lt;/a&gt; &amp;amp; más&lt;/p&gt;</content>',
    ])
      assert.ok(xml.includes(part), part);
    assert.ok(!/<content[^>]*>[^<]*<[a-z]/.test(xml), 'no markup left unescaped in the content');
  });

  it('is valid with no entry yet', () => {
    const xml = newsFeed([], { ...text, selfUrl: '/es/feed.atom' }, 'candor.invalid');
    assert.ok(xml.includes('<updated>1970-01-01T00:00:00.000Z</updated>'));
    assert.ok(!xml.includes('xml:base'), 'no base without an absolute address');
    assert.ok(!xml.includes('<entry>'));
  });
});

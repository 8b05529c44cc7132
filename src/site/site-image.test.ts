import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import type { PublishedImage } from '../media/published.ts';
import { Layout, pageContext, renderPage } from './layout.tsx';
import { SiteImage } from './site-image.tsx';

const river: PublishedImage = {
  slug: 'river',
  url: '/media/river.0123456789ab.png',
  width: 640,
  height: 360,
  alt: { en: 'A river between hills', es: 'Un río entre colinas' },
  author: 'Ana Ruiz',
  licence: { id: 'CC-BY-SA-4.0', name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  sourceUrl: 'https://example.org/river',
};

function page(lang: string, slugs: string[]): string {
  const context = pageContext(lang, '/', { images: new Map([[river.slug, river]]) });
  return renderPage(h(Layout, { context, title: 'T', children: slugs.map((slug) => h(SiteImage, { context, slug, key: slug })) }) as preact.VNode);
}

describe('images on a page and their credits', () => {
  it('shows a published image lazily with its size, and lists its credit once, generated from its metadata', () => {
    const html = page('es', ['river', 'river']);
    assert.match(html, /<img src="\/media\/river\.0123456789ab\.png" width="640" height="360" alt="Un río entre colinas" loading="lazy"/);
    assert.equal(html.match(/data-credit="river"/g)?.length, 1);
    const credit = /<li data-credit="river">(.*?)<\/li>/.exec(html)![1]!;
    assert.match(credit, /Autoría: Ana Ruiz/);
    assert.match(credit, /<a href="https:\/\/creativecommons.org\/licenses\/by-sa\/4.0\/" rel="license noreferrer" dir="ltr">CC BY-SA 4.0<\/a>/);
    assert.match(credit, /<a href="https:\/\/example.org\/river" rel="noreferrer">origen<\/a>/);
  });

  it('falls back to the English description, marked as English', () => {
    assert.match(page('ar', ['river']), /alt="A river between hills" lang="en"/);
  });

  it('leaves out an image that is not published, and then has no credits at all', () => {
    const html = page('en', ['draft-image']);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /Image credits/);
  });
});

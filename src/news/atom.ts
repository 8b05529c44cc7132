import { xmlEscape } from '../notices/atom.ts';
import type { NewsItem } from './visibility.ts';

export interface NewsFeedText {
  lang: string;
  title: string;
  subtitle: string;
  author: string;
  /** Absolute URLs of the feed itself and of the news list it follows. */
  selfUrl: string;
  pageUrl: string;
  postUrl: (slug: string) => string;
  /** A post's text as sanitised HTML, escaped here once more as Atom's `type="html"` requires. */
  html: (item: NewsItem) => string;
}

/**
 * An Atom 1.0 feed (RFC 4287) of one language's visible posts, newest first. Each entry's id is
 * a tag URI of the post and language, so that changing a slug does not make readers see the post
 * as new; `updated` is its last change, `published` the day it went out.
 */
export function newsFeed(items: NewsItem[], text: NewsFeedText, authority: string): string {
  const updated = items.reduce((latest, item) => (item.updatedAt > latest ? item.updatedAt : latest), new Date(0));
  const entries = items.map((item) => {
    const url = text.postUrl(item.slug);
    return [
      '  <entry>',
      `    <id>${xmlEscape(`tag:${authority},2026:news/${item.postId}/${item.lang}`)}</id>`,
      `    <title type="text">${xmlEscape(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" hreflang="${xmlEscape(item.lang)}" href="${xmlEscape(url)}"/>`,
      `    <published>${item.publishedAt.toISOString()}</published>`,
      `    <updated>${item.updatedAt.toISOString()}</updated>`,
      `    <author><name>${xmlEscape(text.author)}</name></author>`,
      item.summary ? `    <summary type="text">${xmlEscape(item.summary)}</summary>` : null,
      `    <content type="html">${xmlEscape(text.html(item))}</content>`,
      '  </entry>',
    ]
      .filter((line) => line !== null)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    // The posts' own links are paths on this site: xml:base says which site.
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(text.lang)}"${/^https?:\/\//.test(text.selfUrl) ? ` xml:base="${xmlEscape(new URL('/', text.selfUrl).href)}"` : ''}>`,
    `  <id>${xmlEscape(text.selfUrl)}</id>`,
    `  <title type="text">${xmlEscape(text.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(text.subtitle)}</subtitle>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${xmlEscape(text.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(text.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(text.pageUrl)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

import type { NoticeView } from './presenter.ts';

/** Characters XML 1.0 does not allow anywhere, even escaped. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface FeedText {
  lang: string;
  title: string;
  subtitle: string;
  author: string;
  /** The absolute URL of the feed itself and of the search page it follows. */
  selfUrl: string;
  pageUrl: string;
  noticeUrl: (reference: string) => string;
  summary: (notice: NoticeView) => string;
}

/** An Atom 1.0 feed (RFC 4287) of published notices, every text escaped. */
export function noticeFeed(notices: NoticeView[], text: FeedText): string {
  const updated = notices[0]?.published_at ?? new Date(0).toISOString();
  const entries = notices.map((notice) => {
    const url = text.noticeUrl(notice.reference);
    return [
      '  <entry>',
      `    <id>${xmlEscape(url)}</id>`,
      `    <title type="text">${xmlEscape(`${notice.reference}: ${notice.title}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <published>${notice.published_at}</published>`,
      `    <updated>${notice.published_at}</updated>`,
      `    <summary type="text">${xmlEscape(text.summary(notice))}</summary>`,
      `    <content type="text">${xmlEscape(notice.body)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(text.lang)}">`,
    `  <id>${xmlEscape(text.selfUrl)}</id>`,
    `  <title type="text">${xmlEscape(text.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(text.subtitle)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlEscape(text.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(text.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(text.pageUrl)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

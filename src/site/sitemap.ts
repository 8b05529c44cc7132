import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/translate.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The most URLs one sitemap file may list (sitemaps.org); a child of the index lists no more. */
export const SITEMAP_URLS_MAX = 50_000;

/** A page that exists in some languages only, at its own path in each: language → path with its language prefix. */
export type LocalizedPage = Record<string, string>;

/**
 * A set of public pages too large for one file (a page per published notice): listed in child
 * sitemaps of `size` keys each, each child read from its first key on (keyset paging, so that a
 * late child costs what the first does).
 */
export interface PagedSitemap {
  /** Names the children: `/sitemap-NAME-1.xml`, `/sitemap-NAME-2.xml`… */
  name: string;
  /** The first key of each child of `size` keys, in key order. */
  starts(size: number): Promise<string[]>;
  /** The paths (without the language prefix) of up to `size` keys from `start` on, in key order. */
  paths(start: string, size: number): Promise<string[]>;
  /** Calls `listener` whenever the keys change in this process, so that the children are listed again. */
  onChange(listener: () => void): void;
}

/**
 * A sitemap (sitemaps.org) of public pages: each page in each language, listing its alternates
 * in every language and the x-default one, as search engines read hreflang. `paths` are without
 * the language prefix (`/`, `/litigation`…); `origin` is the public address.
 */
export function renderSitemap(origin: string, paths: string[], localized: LocalizedPage[] = []): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'];
  for (const path of paths) {
    const alternates = [
      ...LANGUAGES.map((code) => `    <xhtml:link rel="alternate" hreflang="${code}" href="${escape(`${origin}/${code}${path}`)}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${escape(path === '/' ? `${origin}/` : `${origin}/${DEFAULT_LANGUAGE}${path}`)}"/>`,
    ];
    for (const code of LANGUAGES) lines.push('  <url>', `    <loc>${escape(`${origin}/${code}${path}`)}</loc>`, ...alternates, '  </url>');
  }
  // A page in some languages only (a news post): listed in those, with alternates in those alone.
  for (const page of localized) {
    const codes = LANGUAGES.filter((code) => page[code]);
    const alternates = codes.map((code) => `    <xhtml:link rel="alternate" hreflang="${code}" href="${escape(`${origin}${page[code]}`)}"/>`);
    if (page[DEFAULT_LANGUAGE]) alternates.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${escape(`${origin}${page[DEFAULT_LANGUAGE]}`)}"/>`);
    for (const code of codes) lines.push('  <url>', `    <loc>${escape(`${origin}${page[code]}`)}</loc>`, ...alternates, '  </url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** A sitemap index (sitemaps.org): the child sitemaps, by their paths on this site. */
export function renderSitemapIndex(origin: string, children: string[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const child of children) lines.push('  <sitemap>', `    <loc>${escape(`${origin}${child}`)}</loc>`, '  </sitemap>');
  lines.push('</sitemapindex>', '');
  return lines.join('\n');
}

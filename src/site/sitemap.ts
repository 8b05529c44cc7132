import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/translate.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The sitemap (sitemaps.org) of the public pages: each page in each language, listing its
 * alternates in every language and the x-default one, as search engines read hreflang.
 * `paths` are without the language prefix (`/`, `/litigation`…); `origin` is the public address.
 */
/** A page that exists in some languages only, at its own path in each: language → path with its language prefix. */
export type LocalizedPage = Record<string, string>;

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

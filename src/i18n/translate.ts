import Banana from 'banana-i18n';
import { loadCatalogs } from './catalogs.ts';

/**
 * The message catalogs (banana JSON, translatewiki's format). A language is supported as soon as
 * it has a catalog here; missing messages fall back to English.
 */
const { qqq: _documentation, ...CATALOGS } = loadCatalogs();

const FIRST = ['en', 'es', 'ar'];

/** English, Spanish and Arabic first, then any other language with a catalog, by code. */
export const LANGUAGES = [...FIRST.filter((code) => CATALOGS[code]), ...Object.keys(CATALOGS).filter((code) => !FIRST.includes(code)).sort()];
export const DEFAULT_LANGUAGE = 'en';

/** A function that renders one message in one language. */
export type Translate = (key: string, ...params: (string | number)[]) => string;

const translators = new Map<string, Translate>();

/** The translator for a language: one banana instance per language, since banana's locale is stateful. */
export function translator(language: string): Translate {
  const lang = CATALOGS[language] ? language : DEFAULT_LANGUAGE;
  let translate = translators.get(lang);
  if (!translate) {
    const banana = new Banana(lang, { finalFallback: DEFAULT_LANGUAGE });
    for (const [code, messages] of Object.entries(CATALOGS)) banana.load(messages, code);
    translate = (key, ...params) => banana.i18n(key, ...params);
    translators.set(lang, translate);
  }
  return translate;
}

/** Picks the best supported language from an Accept-Language header (RFC 9110 weights). */
export function negotiateLanguage(header: string | undefined, available: readonly string[] = LANGUAGES): string {
  if (!header) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (available.includes(tag)) return tag;
    const base = tag.split('-')[0]!;
    if (available.includes(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

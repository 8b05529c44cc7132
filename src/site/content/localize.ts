import { ar } from './ar/content.ts';
import { en } from './en/content.ts';
import { es } from './es/content.ts';
import type { HomeText, SiteContent } from './types.ts';

const CONTENT: Record<string, SiteContent> = { en, es, ar };

/** A piece of content and the language it is actually written in. */
export interface Localized<T> {
  value: T;
  lang: string;
}

/**
 * The piece of content `pick` selects in the reader's language, or the English one when that
 * language lacks it; `undefined` when English lacks it too (an unknown id).
 */
export function localize<T>(lang: string, pick: (content: SiteContent) => T | undefined): Localized<T> | undefined {
  const own = CONTENT[lang] ? pick(CONTENT[lang]) : undefined;
  if (own !== undefined) return { value: own, lang };
  const english = pick(en);
  return english === undefined ? undefined : { value: english, lang: 'en' };
}

/** The home page's prose; English always has it. */
export function homeText(lang: string): Localized<HomeText> {
  return localize(lang, (content) => content.home)!;
}

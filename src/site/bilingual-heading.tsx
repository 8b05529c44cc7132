import { translator } from '../i18n/translate.ts';
import type { PageContext } from './layout.tsx';
import { direction } from './layout.tsx';
import { secondLanguageFor } from './settings.ts';

/**
 * A section heading in the reader's language with the same words in a second language beside
 * it, as in "News — Noticias". The second part carries its own `lang` and `dir`, so screen
 * readers pronounce it and Arabic beside English (or the reverse) keeps its direction.
 * `text` gives the heading in any language: a catalog message, or a content title.
 * `within`: the language of the block the heading stands in, when that block is content shown
 * in another language than the page's (a missing translation); the heading then says it is in
 * the reader's language.
 */
export function BilingualHeading({ context, level = 2, id, text, within }: { context: PageContext; level?: 1 | 2 | 3; id?: string; text: (lang: string) => string; within?: string }) {
  const Tag = `h${level}` as 'h2';
  const second = secondLanguageFor(context.lang);
  const own = text(context.lang);
  const other = second ? text(second) : undefined;
  const marked = within !== undefined && within !== context.lang;
  return (
    <Tag id={id} class="bilingual" lang={marked ? context.lang : undefined} dir={marked ? direction(context.lang) : undefined}>
      {own}
      {other && other !== own ? (
        <>
          <span aria-hidden="true"> — </span>
          <span class="second" lang={second} dir={direction(second!)}>
            {other}
          </span>
        </>
      ) : null}
    </Tag>
  );
}

/** The `text` of a BilingualHeading for a catalog message, with its parameters (the same in every language). */
export function message(key: string, ...params: (string | number)[]): (lang: string) => string {
  return (lang) => translator(lang)(key, ...params);
}

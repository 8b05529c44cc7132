import { translator } from '../i18n/translate.ts';
import type { PageContext } from './layout.tsx';
import { direction } from './layout.tsx';
import { secondLanguageFor } from './settings.ts';

/**
 * A section heading in the reader's language with the same words in a second language beside
 * it, as in "News — Noticias". The second part carries its own `lang` and `dir`, so screen
 * readers pronounce it and Arabic beside English (or the reverse) keeps its direction.
 * `text` gives the heading in any language: a catalog message, or a content title.
 */
export function BilingualHeading({ context, level = 2, id, text }: { context: PageContext; level?: 1 | 2 | 3; id?: string; text: (lang: string) => string }) {
  const Tag = `h${level}` as 'h2';
  const second = secondLanguageFor(context.lang);
  const own = text(context.lang);
  const other = second ? text(second) : undefined;
  return (
    <Tag id={id} class="bilingual">
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

/** The `text` of a BilingualHeading for a catalog message. */
export function message(key: string): (lang: string) => string {
  return (lang) => translator(lang)(key);
}

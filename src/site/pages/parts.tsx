import type { ComponentChildren } from 'preact';
import { localize } from '../content/localize.ts';
import type { CaseFacts, CaseStatus } from '../content/types.ts';
import { direction, type PageContext } from '../layout.tsx';

/**
 * A block of content written in `lang`; when that is not the page's language (a missing
 * translation shown in English), the block says so with its own `lang` and `dir`.
 */
export function Part({ context, lang, tag = 'div', id, class: className, children }: { context: PageContext; lang: string; tag?: 'div' | 'article' | 'section' | 'blockquote' | 'h2' | 'p' | 'dd'; id?: string; class?: string; children: ComponentChildren }) {
  const Tag = tag as 'div';
  const foreign = lang !== context.lang;
  return (
    <Tag id={id} class={className} lang={foreign ? lang : undefined} dir={foreign ? direction(lang) : undefined}>
      {children}
    </Tag>
  );
}

/** `lang` and `dir` for an element whose words are in `lang`, when that is not the page's language. */
export function foreign(context: PageContext, lang: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  return lang === context.lang ? {} : { lang, dir: direction(lang) };
}

/** One case in a short list: its title linking to the litigation page, its court and status. */
export function CaseBrief({ context, facts }: { context: PageContext; facts: CaseFacts }) {
  const words = localize(context.lang, (content) => content.cases[facts.id])!;
  const marks = foreign(context, words.lang);
  return (
    <li>
      <a href={`/${context.lang}/litigation#${facts.id}`} {...marks}>
        {words.value.title}
      </a>
      <span>
        <span {...marks}>{words.value.court}</span> · {context.t(CASE_STATUS_KEYS[facts.status])}
      </span>
    </li>
  );
}

/** A calendar date (`YYYY-MM-DD`) in the reader's language. */
export function DateText({ context, date }: { context: PageContext; date: string }) {
  const text = new Intl.DateTimeFormat(context.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  return <time dateTime={date}>{text}</time>;
}

/** A whole number in the reader's language's digits and grouping. */
export function formatNumber(lang: string, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** The catalog message naming each state a case can be in. */
export const CASE_STATUS_KEYS: Record<CaseStatus, string> = {
  pending: 'site-case-status-pending',
  on_appeal: 'site-case-status-on-appeal',
  won: 'site-case-status-won',
  lost: 'site-case-status-lost',
  settled: 'site-case-status-settled',
};

import type { Translate } from '../../i18n/translate.ts';

/** A message if the catalogs have it, else the fallback (e.g. an audit action no catalog names yet). */
export function optionalMessage(t: Translate, key: string, fallback: string, ...params: (string | number)[]): string {
  const text = t(key, ...params);
  return text === key ? fallback : text;
}

/** The time left before a deadline, or past it, in words of the reader's language. */
export function timeLeft(lang: string, t: Translate, deadline: Date, now = new Date()): string {
  const ms = deadline.getTime() - now.getTime();
  const hours = Math.round(Math.abs(ms) / 3_600_000);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const span = hours >= 48 ? format.format(Math.sign(ms) * Math.round(hours / 24), 'day') : format.format(Math.sign(ms) * hours, 'hour');
  return t(ms < 0 ? 'desk-deadline-passed' : 'desk-deadline-left', span);
}

/** A request's category in words: a contact message's topic, else the ground, instrument or threat. */
export function categoryLabel(t: Translate, kind: string, category: string): string {
  return t(kind === 'contact' ? `contact-topic-${category}` : `desk-category-${category}`);
}

import type { Translate } from '../../i18n/translate.ts';

/** A date and time in the reader's language, in UTC, said as such. */
export function formatTime(lang: string, value: Date | null | undefined): string {
  if (!value) return '—';
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(value)} UTC`;
}

/** `datetime` attribute of a <time>. */
export function isoTime(value: Date): string {
  return value.toISOString();
}

/** A country's name in the reader's language, or "unknown". */
export function countryName(lang: string, t: Translate, code: string | null): string {
  if (!code) return t('desk-unknown');
  return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
}

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

/** A number of bytes, in the reader's language. */
export function formatBytes(lang: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

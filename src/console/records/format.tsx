import type { ConsoleContext } from '../layout.tsx';

/** A moment as the console shows it: in the reader's language, in UTC (the audit log's own clock), with the exact instant in `datetime`. */
export function Time({ context, value }: { context: ConsoleContext; value: Date | null }) {
  if (!value) return <span class="muted">—</span>;
  const text = new Intl.DateTimeFormat(context.lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(value);
  return <time dateTime={value.toISOString()}>{`${text} UTC`}</time>;
}

/** A query string of the given values, leaving out blank ones; `?` included when there is any. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A size in bytes, in the reader's language. */
export function Bytes({ context, value }: { context: ConsoleContext; value: number }) {
  return <span>{new Intl.NumberFormat(context.lang, { style: 'unit', unit: value >= 1024 ? 'kilobyte' : 'byte', maximumFractionDigits: 1 }).format(value >= 1024 ? value / 1024 : value)}</span>;
}

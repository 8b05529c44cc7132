/** How the console writes times, sizes and countries: one way everywhere, in the reader's language. */

/** A moment in the reader's language, in UTC (the audit log's own clock), saying so. */
export function formatTime(lang: string, value: Date): string {
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(value)} UTC`;
}

/** A moment as a <time> element, with the exact instant machine-readable; a dash when there is none. */
export function Time({ lang, value }: { lang: string; value: Date | null | undefined }) {
  if (!value) return <span class="muted">—</span>;
  return <time dateTime={value.toISOString()}>{formatTime(lang, value)}</time>;
}

/** A country's name in the reader's language. */
export function countryName(lang: string, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
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

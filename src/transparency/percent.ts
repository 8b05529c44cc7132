/**
 * A share as a whole number of tenths of a percent, rounded half up, in integer arithmetic so
 * that a share sitting exactly on .x5 (1 of 8 is 12.5 %, 1 of 16 is 6.25 %) rounds the way the
 * page says it does, never by the accident of a binary fraction. Null when there is no whole.
 */
export function percentTenths(part: number, whole: number): number | null {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || whole < 0) {
    throw new RangeError(`a share needs two whole counts, got ${part} of ${whole}`);
  }
  if (whole === 0) return null;
  // tenths = part × 1000 / whole, rounded half up: floor((2 × part × 1000 + whole) / (2 × whole)).
  const numerator = 2n * BigInt(part) * 1000n + BigInt(whole);
  return Number(numerator / (2n * BigInt(whole)));
}

/** The share formatted in the page's language with one decimal (`12.5 %`, `12,5 %`), or null. */
export function formatPercent(part: number, whole: number, lang: string): string | null {
  const tenths = percentTenths(part, whole);
  if (tenths === null) return null;
  // The value is already rounded to one decimal; Intl only writes it, so its own rounding never applies.
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 1000);
}

/** A count formatted in the page's language. */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

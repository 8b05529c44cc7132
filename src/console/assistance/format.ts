/** A calendar date (`YYYY-MM-DD`) in the reader's language, as written on the day itself (no time zone moves it). */
export function formatDate(lang: string, date: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** An amount (decimal text, never a float) in its currency, as the reader's language writes money. */
export function formatMoney(lang: string, amount: string, currency: string): string {
  // Intl formats a decimal string exactly; the cast is for TypeScript's ES2022 library, which types only numbers.
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 4 }).format(amount as unknown as number);
}

/** Days from today (UTC) to a calendar date: negative once it has passed. */
export function daysUntil(date: string, today = new Date().toISOString().slice(0, 10)): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

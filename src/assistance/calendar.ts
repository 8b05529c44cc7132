/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The UTC calendar date of an instant shifted by some hours, as `YYYY-MM-DD`. */
function dateAt(now: Date, offsetHours: number): string {
  return new Date(now.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The earliest date that is still today somewhere on Earth (UTC−12). A contributor anywhere may
 * give their local today as a deadline; only a date that has passed everywhere is in the past.
 */
export function earliestToday(now = new Date()): string {
  return dateAt(now, -12);
}

/** The latest date that is already today somewhere on Earth (UTC+14): nothing done can be dated after it. */
export function latestToday(now = new Date()): string {
  return dateAt(now, 14);
}

/** Adds whole years to a `YYYY-MM-DD` date (29 February becomes 1 March where needed). */
export function addYears(date: string, years: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCFullYear(value.getUTCFullYear() + years);
  return value.toISOString().slice(0, 10);
}

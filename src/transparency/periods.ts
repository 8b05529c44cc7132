import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { COUNTED_KINDS } from './compute-report.ts';
import { parsePeriod, type Period } from './period.ts';

/** The period of the same length just before this one: 2026-H1 → 2025-H2, 2026-H2 → 2026-H1, 2026 → 2025. */
export function previousPeriod(period: Period): Period {
  const year = Number(period.id.slice(0, 4));
  if (period.id.endsWith('-H2')) return parsePeriod(`${year}-H1`);
  if (period.id.endsWith('-H1')) return parsePeriod(`${year - 1}-H2`);
  return parsePeriod(String(year - 1));
}

/** Whether a period is over, so that its figures can be published. */
export function isComplete(period: Period, now = new Date()): boolean {
  return period.until.getTime() <= now.getTime();
}

/** The last calendar year that is over: the year the headline speaks of. */
export function lastFullYear(now = new Date()): Period {
  return parsePeriod(String(now.getUTCFullYear() - 1));
}

/**
 * Every half-year and year from the one holding the first request to the one holding `now`,
 * newest first, each year followed by its halves (2026, 2026-H2, 2026-H1, 2025, …). Half-years
 * not yet begun are left out.
 */
export function periodsBetween(first: Date, now = new Date()): Period[] {
  const periods: Period[] = [];
  const start = Math.min(first.getUTCFullYear(), now.getUTCFullYear());
  for (let year = now.getUTCFullYear(); year >= start; year--) {
    periods.push(parsePeriod(String(year)));
    for (const half of ['H2', 'H1']) {
      const period = parsePeriod(`${year}-${half}`);
      if (period.from.getTime() <= now.getTime() && period.until.getTime() > first.getTime()) periods.push(period);
    }
  }
  return periods;
}

/** The periods that have figures: from the first request counted (duplicates aside) to now. */
export async function listPeriods(db: Kysely<Database>, now = new Date()): Promise<Period[]> {
  const { rows } = await sql<{ first: Date | null }>`SELECT min(received_at) AS first FROM requests WHERE duplicate_of_id IS NULL AND ${COUNTED_KINDS}`.execute(db);
  const first = rows[0]?.first;
  return first ? periodsBetween(new Date(first), now) : [];
}

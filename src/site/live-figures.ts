import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { computeReport } from '../transparency/compute-report.ts';
import { parsePeriod } from '../transparency/period.ts';

/** Requests received, and how many were granted (for user data: answered with data) in full or in part. */
export interface Counts {
  received: number;
  full: number;
  partial: number;
}

/** The headline numbers of one year's transparency report, as the home page shows them. */
export interface YearFigures {
  /** The report's period id, e.g. `2025`. */
  period: string;
  /** Whether the year is still running (figures so far). */
  partial: boolean;
  removal: Counts;
  copyright: Counts;
  userData: Counts;
}

/**
 * The figures for the last full year and the current year, from the same computation as the
 * published report, so the home page never disagrees with it.
 */
export async function liveFigures(db: Kysely<Database>, now: Date = new Date()): Promise<YearFigures[]> {
  const year = now.getUTCFullYear();
  const figures: YearFigures[] = [];
  for (const [period, partial] of [[String(year - 1), false], [String(year), true]] as const) {
    const report = await computeReport(db, parsePeriod(period));
    figures.push({
      period,
      partial,
      removal: { received: report.content_alteration.received, full: report.content_alteration.granted, partial: report.content_alteration.partially_granted },
      copyright: { received: report.copyright.received, full: report.copyright.granted, partial: report.copyright.partially_granted },
      userData: { received: report.user_data.received, full: report.user_data.produced_full, partial: report.user_data.produced_partial },
    });
  }
  return figures;
}

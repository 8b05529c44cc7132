import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { MAX_CHART_COUNTRIES } from './chart.ts';

/** A survey result as the public pages show it: these fields and no others. */
export interface PublicSurvey {
  country: string;
  year: number;
  shareTenths: number;
  sampleSize: number | null;
  source: string | null;
}

/** Every survey result, by country and year, for the public pages. */
export async function loadPublicSurveys(db: Kysely<Database>): Promise<PublicSurvey[]> {
  const rows = await db.selectFrom('awareness_surveys').select(['country', 'year', 'share_tenths', 'sample_size', 'source']).orderBy('country').orderBy('year').execute();
  return rows.map((row) => ({ country: row.country, year: row.year, shareTenths: row.share_tenths, sampleSize: row.sample_size, source: row.source }));
}

/**
 * The countries the chart draws, in the legend's order: those surveyed most often, then those
 * surveyed most recently, then by code; at most as many as the chart has colours. The table
 * lists every country.
 */
export function chartCountries(surveys: PublicSurvey[]): string[] {
  const byCountry = new Map<string, { count: number; latest: number }>();
  for (const survey of surveys) {
    const entry = byCountry.get(survey.country) ?? { count: 0, latest: 0 };
    entry.count += 1;
    entry.latest = Math.max(entry.latest, survey.year);
    byCountry.set(survey.country, entry);
  }
  return [...byCountry.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || y.latest - x.latest || a.localeCompare(b))
    .slice(0, MAX_CHART_COUNTRIES)
    .map(([country]) => country);
}

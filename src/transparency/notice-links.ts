import type { Breakdown, ReportKind } from './report-tables.ts';

/** Which figure of a row a link is for: everything received, or the requests granted in full or in part. */
export type Measure = 'received' | 'full' | 'partial';

/** The notice database's facet for each breakdown of the report. */
const FACET: Partial<Record<Breakdown, string>> = {
  country: 'country',
  project: 'project',
  requester_type: 'requester_type',
  category: 'category',
  instrument: 'category',
  threat: 'category',
};

/**
 * The address of the list of public notices that a figure counts, in the notice database's
 * facets: `/en/notices?period=2026-H1&kind=copyright&country=US&outcome=granted`. An unknown
 * key (country, project, type) is the facet value `unknown`.
 */
export function noticesHref(lang: string, periodId: string, kind: ReportKind | 'all', breakdown: Breakdown, key: string | null, measure: Measure): string {
  const query = new URLSearchParams({ period: periodId });
  if (kind === 'counter_notice') {
    query.set('kind', 'copyright');
    query.set('category', 'counter_notice');
  } else if (kind !== 'all') {
    query.set('kind', kind);
  }
  const facet = FACET[breakdown];
  if (facet) query.set(facet, key ?? 'unknown');
  if (measure === 'full') query.set('outcome', 'granted');
  if (measure === 'partial') query.set('outcome', 'partially_granted');
  return `/${lang}/notices?${query.toString()}`;
}

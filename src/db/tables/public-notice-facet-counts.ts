import type { Generated } from 'kysely';

/**
 * How many published notices have each facet value, without a filter (`filter` '') or within
 * one filter value; kept by triggers on public_notices, never written by Candor's code.
 */
export interface PublicNoticeFacetCountsTable {
  id: Generated<number>;
  filter: string;
  filter_key: string | null;
  /** kind, country, year, outcome, project, or total. */
  facet: string;
  key: string | null;
  notices: number;
}

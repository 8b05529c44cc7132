import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { filtered, type NoticeQuery } from './search.ts';

export const FACETS = ['kind', 'country', 'year', 'outcome', 'project'] as const;
export type Facet = (typeof FACETS)[number];
/** How many notices of the current search have each value; `key` null is an unknown country. */
export type Facets = Record<Facet, { key: string | null; count: number }[]>;

/**
 * How many matches a search counts one by one before it stops: past this, the total and the
 * facet counts are of the first COUNT_LIMIT matches found, lower bounds of the true figures.
 * Counting every match of a common word costs a second and more at a million notices.
 */
export const COUNT_LIMIT = 1_000;

/** The counts of a search: `exact` false when it matched more than COUNT_LIMIT notices and the figures are lower bounds. */
export interface NoticeCounts {
  total: number;
  exact: boolean;
  facets: Facets;
}

type Row = { facet: Facet | 'total'; key: string | null; count: string };

function collect(rows: Row[]): { total: number; facets: Facets } {
  const facets: Facets = { kind: [], country: [], year: [], outcome: [], project: [] };
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = Number(row.count);
    else facets[row.facet].push({ key: row.key, count: Number(row.count) });
  }
  return { total, facets };
}

/** The five facets and the total over the matches `m`, in one statement: most frequent first, then by value. */
const GROUPED = sql.raw(`
  SELECT facet, key, count FROM (
    SELECT CASE WHEN grouping(kind) = 0 THEN 'kind' WHEN grouping(country) = 0 THEN 'country' WHEN grouping(year) = 0 THEN 'year'
                WHEN grouping(outcome) = 0 THEN 'outcome' ELSE 'total' END AS facet,
           coalesce(kind, country, year::text, outcome) AS key, count(*) AS count
      FROM m GROUP BY GROUPING SETS ((kind), (country), (year), (outcome), ())
    UNION ALL
    -- A notice counts once under each of its projects.
    SELECT 'project', p.key, count(*) FROM m CROSS JOIN LATERAL unnest(m.projects) AS p(key) GROUP BY p.key
  ) counted ORDER BY facet, count DESC, key`);

/** The one filter of a search that public_notice_facet_counts keeps counts for: '' for none; undefined when the search has others. */
function keptFilter(query: NoticeQuery): { filter: string; key: string | null } | undefined {
  if (query.q || query.period || query.requesterType !== undefined || query.category) return undefined;
  const given: { filter: string; key: string | null }[] = [];
  if (query.kind) given.push({ filter: 'kind', key: query.kind });
  if (query.country !== undefined) given.push({ filter: 'country', key: query.country });
  if (query.year !== undefined) given.push({ filter: 'year', key: String(query.year) });
  if (query.outcome) given.push({ filter: 'outcome', key: query.outcome });
  if (query.project) given.push({ filter: 'project', key: query.project });
  if (given.length > 1) return undefined;
  return given[0] ?? { filter: '', key: null };
}

/**
 * The total and the facet counts of a search (all its filters applied, not its cursor), counted
 * by the database. The search without filters, or with one of kind, country, year, outcome or
 * project, reads the counts public_notice_facet_counts keeps, exactly; any other counts its
 * matches one by one, up to `limit`, and says so when it stopped there.
 */
export async function noticeCounts(db: Kysely<Database>, query: NoticeQuery, limit = COUNT_LIMIT): Promise<NoticeCounts> {
  const kept = keptFilter(query);
  if (kept) {
    const rows = await db
      .selectFrom('public_notice_facet_counts')
      .select(['facet', 'key', sql<string>`notices::text`.as('count')])
      .where('filter', '=', kept.filter)
      .where(kept.key === null ? sql<boolean>`filter_key IS NULL` : sql<boolean>`filter_key = ${kept.key}`)
      .where('notices', '>', 0)
      .orderBy('facet')
      .orderBy('notices', 'desc')
      .orderBy('key')
      .execute();
    return { ...collect(rows as Row[]), exact: true };
  }
  const matches = filtered(
    db.selectFrom('public_notices').select(['public_notices.kind', 'public_notices.country', sql<number>`extract(year FROM public_notices.received_at AT TIME ZONE 'UTC')::integer`.as('year'), 'public_notices.outcome', 'public_notices.projects']),
    { ...query, cursor: undefined },
  ).limit(limit);
  const { rows } = await sql<Row>`WITH m AS MATERIALIZED (${matches}) ${GROUPED}`.execute(db);
  const counted = collect(rows);
  // Exactly `limit` matches are taken as possibly more: a lower bound, never an overstatement.
  return { ...counted, exact: counted.total < limit };
}

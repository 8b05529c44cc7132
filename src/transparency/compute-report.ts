import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { KINDS } from '../requests/model.ts';
import type { Period } from './period.ts';
import type { GrantCounts, TransparencyReport } from './report-shape.ts';

/**
 * The report's bucket for a request: its kind, except that copyright counter-notices are
 * counted apart from the takedown notices they answer. Duplicates never count.
 */
const BUCKET = sql<string>`CASE WHEN kind = 'copyright' AND category = 'counter_notice' THEN 'counter_notice' ELSE kind END`;

/**
 * Only legal demands are counted: messages sent through "Contact a human" share the requests
 * table and the desk's queue, never the report. Every query over requests for published
 * figures (the report, its periods, the DSA tables) filters with this.
 */
export const COUNTED_KINDS = sql<boolean>`kind IN (${sql.join(KINDS.map((kind) => sql.lit(kind)))})`;

interface AggregateRow {
  bucket: string;
  /** GROUPING(category, requester_country, requester_type): which breakdown this row belongs to. */
  grouping: number;
  category: string | null;
  country: string | null;
  requester_type: string | null;
  received: number;
  granted: number;
  partially_granted: number;
  potentially_affected: number;
  actually_affected: number;
  notified: number;
}

interface ProjectRow {
  bucket: string;
  project: string | null;
  received: number;
  granted: number;
  partially_granted: number;
}

const TOTAL = 0b111;
const BY_CATEGORY = 0b011;
const BY_COUNTRY = 0b101;
const BY_REQUESTER_TYPE = 0b110;

/** One pass over the period's requests, every breakdown at once (GROUPING SETS). */
async function aggregate(db: Kysely<Database>, period: Period): Promise<AggregateRow[]> {
  const result = await sql<AggregateRow>`
    SELECT bucket,
           GROUPING(category, country, requester_type) AS grouping,
           category,
           country,
           requester_type,
           count(*) AS received,
           count(*) FILTER (WHERE outcome = 'granted') AS granted,
           count(*) FILTER (WHERE outcome = 'partially_granted') AS partially_granted,
           coalesce(sum(accounts_potentially_affected), 0)::int8 AS potentially_affected,
           coalesce(sum(accounts_actually_affected), 0)::int8 AS actually_affected,
           coalesce(sum(accounts_notified), 0)::int8 AS notified
      FROM (SELECT ${BUCKET} AS bucket, category, requester_country AS country, requester_type, outcome,
                   accounts_potentially_affected, accounts_actually_affected, accounts_notified
              FROM requests
             WHERE received_at >= ${period.from} AND received_at < ${period.until}
               AND duplicate_of_id IS NULL AND ${COUNTED_KINDS}) AS r
     GROUP BY GROUPING SETS ((bucket), (bucket, category), (bucket, country), (bucket, requester_type))`.execute(db);
  return result.rows;
}

/** Requests per targeted project; a request naming several pages of one project counts once. */
async function aggregateProjects(db: Kysely<Database>, period: Period): Promise<ProjectRow[]> {
  const result = await sql<ProjectRow>`
    SELECT ${BUCKET} AS bucket,
           t.project,
           count(DISTINCT r.id) AS received,
           count(DISTINCT r.id) FILTER (WHERE outcome = 'granted') AS granted,
           count(DISTINCT r.id) FILTER (WHERE outcome = 'partially_granted') AS partially_granted
      FROM requests r
      LEFT JOIN request_targets t ON t.request_id = r.id AND t.project IS NOT NULL
     WHERE r.received_at >= ${period.from} AND r.received_at < ${period.until}
       AND r.duplicate_of_id IS NULL AND ${COUNTED_KINDS}
     GROUP BY bucket, t.project`.execute(db);
  return result.rows;
}

/** Sorts a breakdown by received, most first, then by its key, with the unknown (null) key last. */
function sorted<T extends { received: number }>(items: T[], key: (item: T) => string | null): T[] {
  return items.sort((a, b) => {
    if (b.received !== a.received) return b.received - a.received;
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return 0;
    if (ka === null) return 1;
    if (kb === null) return -1;
    return ka < kb ? -1 : 1;
  });
}

const grants = (row: { received: number; granted: number; partially_granted: number } | undefined): GrantCounts => ({
  received: row?.received ?? 0,
  granted: row?.granted ?? 0,
  partially_granted: row?.partially_granted ?? 0,
});

const production = (row: AggregateRow | undefined) => ({
  received: row?.received ?? 0,
  produced_full: row?.granted ?? 0,
  produced_partial: row?.partially_granted ?? 0,
});

/**
 * Computes the transparency report for a period from the stored requests. The database does the
 * counting; this function only arranges the grouped rows into the published shape.
 */
export async function computeReport(db: Kysely<Database>, period: Period): Promise<TransparencyReport> {
  const rows = await aggregate(db, period);
  const projects = await aggregateProjects(db, period);
  const pick = (bucket: string, grouping: number) => rows.filter((row) => row.bucket === bucket && row.grouping === grouping);
  const total = (bucket: string) => pick(bucket, TOTAL)[0];
  const byProject = (bucket: string) =>
    sorted(
      projects.filter((row) => row.bucket === bucket).map((row) => ({ project: row.project, ...grants(row) })),
      (item) => item.project,
    );
  const byCountry = (bucket: string) =>
    sorted(pick(bucket, BY_COUNTRY).map((row) => ({ country: row.country, ...grants(row) })), (item) => item.country);

  const userData = total('user_data');
  return {
    period: { id: period.id, start: period.start, end: period.end },
    content_alteration: {
      ...grants(total('content_alteration')),
      by_country: byCountry('content_alteration'),
      by_project: byProject('content_alteration'),
      by_requester_type: sorted(
        pick('content_alteration', BY_REQUESTER_TYPE).map((row) => ({ requester_type: row.requester_type, ...grants(row) })),
        (item) => item.requester_type,
      ),
      by_category: sorted(
        pick('content_alteration', BY_CATEGORY).map((row) => ({ category: row.category, ...grants(row) })),
        (item) => item.category,
      ),
    },
    copyright: {
      ...grants(total('copyright')),
      counter_notices: total('counter_notice')?.received ?? 0,
      by_country: byCountry('copyright'),
      by_project: byProject('copyright'),
    },
    user_data: {
      ...production(userData),
      by_instrument: sorted(
        pick('user_data', BY_CATEGORY).map((row) => ({ instrument: row.category, ...production(row) })),
        (item) => item.instrument,
      ),
      by_country: sorted(
        pick('user_data', BY_COUNTRY).map((row) => ({ country: row.country, ...production(row) })),
        (item) => item.country,
      ),
      accounts: {
        potentially_affected: userData?.potentially_affected ?? 0,
        actually_affected: userData?.actually_affected ?? 0,
        notified: userData?.notified ?? 0,
      },
    },
    preservation: { received: total('preservation')?.received ?? 0 },
    emergency: {
      received: total('emergency')?.received ?? 0,
      by_threat: sorted(
        pick('emergency', BY_CATEGORY).map((row) => ({ threat: row.category, ...grants(row) })),
        (item) => item.threat,
      ),
    },
  };
}

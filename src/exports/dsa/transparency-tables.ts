import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { GOVERNMENT_REQUESTER_TYPES } from '../../requests/model.ts';
import { COUNTED_KINDS } from '../../transparency/compute-report.ts';
import type { Period } from '../../transparency/period.ts';
import { STATEMENT_CATEGORY_OF } from './build-statement.ts';
import { EU_MEMBER_STATES } from './vocabulary.ts';

/** One line of the harmonised tables: a section, the member state (orders only), a category, counts and the median handling time. */
export interface DsaTableRow {
  section: 'orders_to_act' | 'orders_to_provide_information' | 'notices';
  member_state: string | null;
  category: string;
  received: number;
  granted: number;
  partially_granted: number;
  denied: number;
  not_actionable: number;
  withdrawn: number;
  decided: number;
  median_hours_to_decision: number | null;
}

export const DSA_TABLE_COLUMNS = [
  'section', 'member_state', 'category', 'received', 'granted', 'partially_granted', 'denied', 'not_actionable', 'withdrawn', 'decided', 'median_hours_to_decision',
] as const;

/**
 * Counts a period's requests as the DSA harmonised transparency report tables do:
 * - `orders_to_act` (Art. 9): demands to remove content (content alteration and copyright) from a
 *   government requester of an EU member state, by member state and category;
 * - `orders_to_provide_information` (Art. 10): user-data demands from the same, by member state and instrument;
 * - `notices` (Art. 16): demands to remove content from anyone else (or of unknown type) who is
 *   in an EU member state, or whose demand invokes a member state's law (jurisdiction), by category.
 * Counter-notices and duplicates are left out. The median is of the hours from receipt to
 * decision of the decided requests, computed by the database.
 */
export async function computeDsaTables(db: Kysely<Database>, period: Period): Promise<DsaTableRow[]> {
  const eu = sql.join(EU_MEMBER_STATES.map((code) => sql.lit(code)));
  const government = sql.join(GOVERNMENT_REQUESTER_TYPES.map((type) => sql.lit(type)));
  const dsaCategory = sql`CASE WHEN kind = 'copyright' THEN ${sql.lit(STATEMENT_CATEGORY_OF.copyright)} ${sql.join(
    Object.entries(STATEMENT_CATEGORY_OF).map(([ours, theirs]) => sql`WHEN category = ${sql.lit(ours)} THEN ${sql.lit(theirs)}`),
    sql` `,
  )} ELSE ${sql.lit(STATEMENT_CATEGORY_OF.other)} END`;
  const result = await sql<DsaTableRow>`
    WITH classified AS (
      SELECT
        CASE
          WHEN requester_type IN (${government}) AND requester_country IN (${eu}) AND kind IN ('content_alteration', 'copyright') THEN 'orders_to_act'
          WHEN requester_type IN (${government}) AND requester_country IN (${eu}) AND kind = 'user_data' THEN 'orders_to_provide_information'
          WHEN (requester_type IS NULL OR requester_type NOT IN (${government})) AND kind IN ('content_alteration', 'copyright')
            AND (requester_country IN (${eu}) OR upper(btrim(jurisdiction)) IN (${eu})) THEN 'notices'
        END AS section,
        CASE WHEN requester_type IN (${government}) THEN requester_country END AS member_state,
        CASE WHEN kind = 'user_data' THEN coalesce(category, 'unspecified') ELSE ${dsaCategory} END AS category,
        outcome, received_at, decided_at
      FROM requests
      WHERE received_at >= ${period.from} AND received_at < ${period.until}
        AND duplicate_of_id IS NULL AND ${COUNTED_KINDS}
        AND category IS DISTINCT FROM 'counter_notice'
    )
    SELECT section, member_state, category,
      count(*)::int AS received,
      (count(*) FILTER (WHERE outcome = 'granted'))::int AS granted,
      (count(*) FILTER (WHERE outcome = 'partially_granted'))::int AS partially_granted,
      (count(*) FILTER (WHERE outcome = 'denied'))::int AS denied,
      (count(*) FILTER (WHERE outcome = 'not_actionable'))::int AS not_actionable,
      (count(*) FILTER (WHERE outcome = 'withdrawn'))::int AS withdrawn,
      (count(*) FILTER (WHERE decided_at IS NOT NULL))::int AS decided,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - received_at) / 3600)
        FILTER (WHERE decided_at IS NOT NULL))::numeric, 2)::float8 AS median_hours_to_decision
    FROM classified
    WHERE section IS NOT NULL
    GROUP BY section, member_state, category
    ORDER BY section, member_state NULLS FIRST, category`.execute(db);
  return result.rows.map((row) => ({ ...row, median_hours_to_decision: row.median_hours_to_decision === null ? null : Number(row.median_hours_to_decision) }));
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The tables as CSV with a header row; an empty value is an unknown (no member state, no decided request). */
export function dsaTablesToCsv(rows: DsaTableRow[]): string {
  const lines = [DSA_TABLE_COLUMNS.join(',')];
  for (const row of rows) lines.push(DSA_TABLE_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

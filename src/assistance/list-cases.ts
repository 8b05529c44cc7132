import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { CASE_STATES, FINISHED_STATES, type CaseState, type ContributorRole, type Eligibility, type ThreatKind } from './model.ts';

/** Which cases the list shows: `open` is every state but closed and declined. */
export const STATE_FILTERS = ['open', 'all', ...CASE_STATES] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** Cases by their court deadline: passed, within a week or a month, with or without one. */
export const DEADLINE_FILTERS = ['any', 'overdue', 'week', 'month', 'set', 'none'] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export const CASES_PER_PAGE = 50;

/** A line of the console's list: what the case is about, never who asked. */
export interface CaseListItem {
  id: number;
  reference: string;
  received_at: Date;
  state: CaseState;
  threat_kind: ThreatKind;
  country: string;
  project: string;
  contributor_role: ContributorRole;
  court_case: boolean;
  court_deadline: string | null;
  eligibility: Eligibility;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The cases matching the filters, soonest court deadline first, cases without one after them,
 * oldest first among equals; a page at a time. `today` is the desk's date (UTC).
 */
export async function listCases(
  db: Kysely<Database>,
  filters: { state: StateFilter; deadline: DeadlineFilter; page: number },
  today = new Date().toISOString().slice(0, 10),
): Promise<{ items: CaseListItem[]; total: number }> {
  let query = db.selectFrom('assistance_cases');
  if (filters.state === 'open') query = query.where('state', 'not in', FINISHED_STATES);
  else if (filters.state !== 'all') query = query.where('state', '=', filters.state);
  if (filters.deadline === 'overdue') query = query.where('court_deadline', '<', today);
  else if (filters.deadline === 'week') query = query.where('court_deadline', '>=', today).where('court_deadline', '<=', addDays(today, 7));
  else if (filters.deadline === 'month') query = query.where('court_deadline', '>=', today).where('court_deadline', '<=', addDays(today, 30));
  else if (filters.deadline === 'set') query = query.where('court_deadline', 'is not', null);
  else if (filters.deadline === 'none') query = query.where('court_deadline', 'is', null);
  const [items, count] = await Promise.all([
    query
      .select(['id', 'reference', 'received_at', 'state', 'threat_kind', 'country', 'project', 'contributor_role', 'court_case', 'eligibility'])
      .select(sql<string | null>`court_deadline::text`.as('court_deadline'))
      .orderBy(sql`court_deadline ASC NULLS LAST`)
      .orderBy('received_at')
      .orderBy('id')
      .limit(CASES_PER_PAGE)
      .offset((filters.page - 1) * CASES_PER_PAGE)
      .execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

import { sql, type Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { COUNTRY_CODES } from '../requests/countries.ts';
import { CONTACT_TOPICS, DESK_KINDS, STATES, type DeskKind, type State } from '../requests/model.ts';
import { OPEN_STATES, deadlineSql, deadlineStatus, type DeadlineStatus } from './deadlines.ts';
import { visibleKinds } from './policy.ts';

export const QUEUE_PAGE = 50;

/** The queue's filters as the form sends them; empty means any. */
export interface QueueFilters {
  kind?: string;
  /** A contact message's topic (press, policy, legal, other); choosing one shows contact messages only. */
  topic?: string;
  /** A state, `open` (the default: not yet decided) or `all`. */
  state?: string;
  /** `me`, `none`, or a staff id. */
  assignee?: string;
  /** Alpha-2, or `unknown`. */
  country?: string;
  /** `overdue` or `soon`. */
  deadline?: string;
  page?: string;
}

export interface QueueItem {
  id: number;
  reference: string;
  kind: DeskKind;
  category: string | null;
  state: State;
  channel: string;
  received_at: Date;
  requester_country: string | null;
  requester_type: string | null;
  assignee: string | null;
  deadline: Date | null;
  deadlineStatus: DeadlineStatus;
}

/** Checks the filters, naming each one that holds something the queue does not know. */
export function parseQueueFilters(filters: QueueFilters): Required<QueueFilters> & { pageNumber: number } {
  const issues: FieldIssue[] = [];
  const value = (v: string | undefined) => (typeof v === 'string' ? v.trim() : '');
  const parsed = { kind: value(filters.kind), topic: value(filters.topic), state: value(filters.state) || 'open', assignee: value(filters.assignee), country: value(filters.country).toUpperCase(), deadline: value(filters.deadline), page: value(filters.page) || '1' };
  if (parsed.kind && !(DESK_KINDS as readonly string[]).includes(parsed.kind)) issues.push({ field: 'kind', message: 'is not a kind of request', code: 'desk-error-filter', params: ['kind'] });
  if (parsed.topic && !(CONTACT_TOPICS as readonly string[]).includes(parsed.topic)) issues.push({ field: 'topic', message: 'is not a topic of contact messages', code: 'desk-error-filter', params: ['topic'] });
  else if (parsed.topic && parsed.kind && parsed.kind !== 'contact') issues.push({ field: 'topic', message: 'only contact messages have a topic', code: 'contact-error-topic-filter' });
  if (!['open', 'all', ...STATES].includes(parsed.state)) issues.push({ field: 'state', message: 'is not a state', code: 'desk-error-filter', params: ['state'] });
  if (parsed.assignee && !['me', 'none'].includes(parsed.assignee) && !/^\d{1,12}$/.test(parsed.assignee)) issues.push({ field: 'assignee', message: 'is not a member of staff', code: 'desk-error-filter', params: ['assignee'] });
  if (parsed.country && parsed.country !== 'UNKNOWN' && !COUNTRY_CODES.has(parsed.country)) issues.push({ field: 'country', message: 'is not a country code', code: 'desk-error-filter', params: ['country'] });
  if (parsed.deadline && !['overdue', 'soon'].includes(parsed.deadline)) issues.push({ field: 'deadline', message: 'is not a deadline filter', code: 'desk-error-filter', params: ['deadline'] });
  if (!/^\d{1,6}$/.test(parsed.page) || Number(parsed.page) < 1) issues.push({ field: 'page', message: 'is not a page number', code: 'desk-error-filter', params: ['page'] });
  if (issues.length > 0) throw new ValidationError(issues);
  return { ...parsed, pageNumber: Number(parsed.page) };
}

/**
 * The desk's queue: the requests a member of staff may see, filtered, the nearest deadline first
 * (requests no longer open after, newest first). Deadlines are computed in the database from each
 * kind's hours and the time spent waiting on the requester.
 */
export async function listQueue(db: Kysely<Database>, staff: StaffSession, filters: QueueFilters, now = new Date()): Promise<{ items: QueueItem[]; hasMore: boolean; page: number }> {
  const f = parseQueueFilters(filters);
  const kinds = visibleKinds(staff, f.topic ? ['contact'] : f.kind ? [f.kind as DeskKind] : DESK_KINDS);
  if (kinds.length === 0) return { items: [], hasMore: false, page: f.pageNumber };
  const deadline = deadlineSql(now);
  const isOpen = sql<boolean>`r.state IN ('received', 'triage', 'in_review', 'waiting')`;
  let query = db
    .selectFrom('requests as r')
    .innerJoin('kind_deadlines as d', 'd.kind', 'r.kind')
    .leftJoin('staff_users as u', 'u.id', 'r.assignee_id')
    .select([
      'r.id', 'r.reference', 'r.kind', 'r.category', 'r.state', 'r.channel', 'r.received_at', 'r.requester_country', 'r.requester_type', 'd.hours',
      sql<string | null>`coalesce(u.display_name, u.email)`.as('assignee'),
      deadline.as('deadline'),
      isOpen.as('open'),
    ])
    .where('r.kind', 'in', kinds);
  if (f.topic) query = query.where('r.category', '=', f.topic);
  if (f.state === 'open') query = query.where('r.state', 'in', [...OPEN_STATES]);
  else if (f.state !== 'all') query = query.where('r.state', '=', f.state as State);
  if (f.assignee === 'me') query = query.where('r.assignee_id', '=', staff.userId);
  else if (f.assignee === 'none') query = query.where('r.assignee_id', 'is', null);
  else if (f.assignee) query = query.where('r.assignee_id', '=', Number(f.assignee));
  if (f.country === 'UNKNOWN') query = query.where('r.requester_country', 'is', null);
  else if (f.country) query = query.where('r.requester_country', '=', f.country);
  if (f.deadline) {
    query = query.where(isOpen);
    if (f.deadline === 'overdue') query = query.where(deadline, '<', now);
    else query = query.where(deadline, '>=', now).where(deadline, '<=', sql<Date>`${now}::timestamptz + greatest(interval '24 hours', make_interval(hours => d.hours) * 0.2)`);
  }
  const rows = await query
    .orderBy(sql`CASE WHEN r.state IN ('received', 'triage', 'in_review', 'waiting') THEN 0 ELSE 1 END`)
    .orderBy(sql`CASE WHEN r.state IN ('received', 'triage', 'in_review', 'waiting') THEN ${deadline} END`, 'asc')
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(QUEUE_PAGE + 1)
    .offset((f.pageNumber - 1) * QUEUE_PAGE)
    .execute();
  const items = rows.slice(0, QUEUE_PAGE).map((row) => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    category: row.category,
    state: row.state,
    channel: row.channel,
    received_at: row.received_at,
    requester_country: row.requester_country,
    requester_type: row.requester_type,
    assignee: row.assignee,
    deadline: row.open ? new Date(row.deadline) : null,
    deadlineStatus: deadlineStatus(row.open ? new Date(row.deadline) : null, row.hours, row.open, now),
  }));
  return { items, hasMore: rows.length > QUEUE_PAGE, page: f.pageNumber };
}

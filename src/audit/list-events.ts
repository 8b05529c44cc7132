import { sql, type Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { parseInstant } from '../intake/parse-instant.ts';
import type { Kind } from '../requests/model.ts';
import { canSeeEventPayload } from './policy.ts';

/** The filters of the audit trail, as the console and its exports take them from the query string. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: number;
  /** The earliest time, inclusive. */
  from?: Date;
  /** The latest time, exclusive (a date `to` covers that whole day). */
  until?: Date;
}

/** Filters as given, for filling the form again and for building links that keep them. */
export type FilterTexts = Partial<Record<'actor' | 'action' | 'subject_type' | 'subject' | 'from' | 'to', string>>;

/** One event as a member of staff may see it: the payload is null where policy withholds it. */
export interface AuditEventView {
  id: number;
  occurredAt: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: number | null;
  /** The public reference of the request the event concerns, when it concerns one. */
  subjectReference: string | null;
  requestKind: Kind | null;
  /** True when the payload exists but is withheld from this reader ("details restricted to counsel"). */
  restricted: boolean;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export const PAGE_SIZE = 50;
const MAX_TEXT = 200;
const REFERENCE = /^[A-Z][A-Z0-9]*-[0-9A-Za-z-]+$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** One value of a query string: absent, blank, or given once; a repeated parameter is a problem. */
export function queryText(query: unknown, name: string, issues: FieldIssue[]): string | undefined {
  const value = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    issues.push({ field: name, message: 'is given more than once', code: 'records-filter-repeated' });
    return undefined;
  }
  const text = value.trim();
  if (text.length > MAX_TEXT) {
    issues.push({ field: name, message: `is longer than ${MAX_TEXT} characters`, code: 'records-filter-too-long', params: [MAX_TEXT] });
    return undefined;
  }
  return text || undefined;
}

/** A keyset cursor (`before`): the id of the last event on the previous page. */
export function queryCursor(query: unknown, issues: FieldIssue[], name = 'before'): number | undefined {
  const text = queryText(query, name, issues);
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    issues.push({ field: name, message: 'is not a page of this list', code: 'records-filter-cursor' });
    return undefined;
  }
  return Number(text);
}

function instant(text: string | undefined, field: 'from' | 'to', issues: FieldIssue[]): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = parseInstant(text);
  if (!parsed) {
    issues.push({ field, message: `"${text}" is not a date such as 2026-03-31`, code: 'records-filter-date', params: [text] });
    return undefined;
  }
  // A date alone means the whole of that day (UTC): `to` ends where the next day begins.
  return field === 'to' && DATE_ONLY.test(text) ? new Date(parsed.getTime() + DAY_MS) : field === 'to' ? new Date(parsed.getTime() + 1) : parsed;
}

/**
 * Reads the audit trail's filters from a query string. An actor may be given as a member of
 * staff's e-mail address. A subject is a request's reference
 * (`CR-2026-000123`, which implies subject type `request`) or a numeric id; an unknown reference,
 * a malformed date or a range that ends before it starts is reported field by field.
 */
export async function parseAuditFilters(db: Kysely<Database>, query: unknown): Promise<{ filters: AuditFilters; texts: FilterTexts; before?: number }> {
  const issues: FieldIssue[] = [];
  const texts: FilterTexts = {};
  for (const name of ['actor', 'action', 'subject_type', 'subject', 'from', 'to'] as const) {
    const text = queryText(query, name, issues);
    if (text !== undefined) texts[name] = text;
  }
  const before = queryCursor(query, issues);
  const filters: AuditFilters = { actor: texts.actor, action: texts.action, subjectType: texts.subject_type };
  // Staff act as `user:ID`; their e-mail address is the name people know them by.
  if (texts.actor?.includes('@')) {
    const user = await db.selectFrom('staff_users').select('id').where('email', '=', texts.actor.toLowerCase()).executeTakeFirst();
    if (user) filters.actor = `user:${user.id}`;
    else issues.push({ field: 'actor', message: `no member of staff has the address ${texts.actor}`, code: 'records-filter-unknown-staff', params: [texts.actor] });
  }
  const subject = texts.subject;
  if (subject !== undefined) {
    if (/^\d{1,15}$/.test(subject)) {
      filters.subjectId = Number(subject);
    } else if (REFERENCE.test(subject.toUpperCase())) {
      const request = await db.selectFrom('requests').select('id').where('reference', '=', subject.toUpperCase()).executeTakeFirst();
      if (!request) issues.push({ field: 'subject', message: `no request has the reference ${subject}`, code: 'records-filter-unknown-reference', params: [subject] });
      else if (filters.subjectType && filters.subjectType !== 'request') {
        issues.push({ field: 'subject_type', message: 'a reference names a request: choose the subject type request or none', code: 'records-filter-reference-type' });
      } else {
        filters.subjectType = 'request';
        filters.subjectId = request.id;
      }
    } else {
      issues.push({ field: 'subject', message: 'give a reference such as CR-2026-000123 or a number', code: 'records-filter-subject' });
    }
  }
  filters.from = instant(texts.from, 'from', issues);
  filters.until = instant(texts.to, 'to', issues);
  if (filters.from && filters.until && filters.until <= filters.from) {
    issues.push({ field: 'to', message: 'ends before the range starts', code: 'records-filter-range' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { filters, texts, ...(before !== undefined ? { before } : {}) };
}

/**
 * The audit events matching the filters, each with the kind and reference of the request it
 * concerns: the request that is its subject, or the request of the outgoing message or of the
 * filed quarantined message that is.
 */
function matching(db: Kysely<Database>, filters: AuditFilters) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('outbox as o', (join) => join.on('e.subject_type', '=', 'outbox').onRef('o.id', '=', 'e.subject_id'))
    .leftJoin('mail_quarantine as q', (join) => join.on('e.subject_type', '=', 'mail_quarantine').onRef('q.id', '=', 'e.subject_id'))
    .leftJoin('requests as r', (join) =>
      join.on(sql<boolean>`r.id = CASE e.subject_type WHEN 'request' THEN e.subject_id WHEN 'outbox' THEN o.request_id WHEN 'mail_quarantine' THEN q.request_id END`),
    )
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor',
      'e.action',
      'e.subject_type',
      'e.subject_id',
      'e.payload',
      'e.prev_hash',
      'e.hash',
      'r.kind as request_kind',
      'r.reference as request_reference',
    ]);
  if (filters.actor !== undefined) query = query.where('e.actor', '=', filters.actor);
  if (filters.action !== undefined) query = query.where('e.action', '=', filters.action);
  if (filters.subjectType !== undefined) query = query.where('e.subject_type', '=', filters.subjectType);
  if (filters.subjectId !== undefined) query = query.where('e.subject_id', '=', filters.subjectId);
  if (filters.from !== undefined) query = query.where('e.occurred_at', '>=', filters.from);
  if (filters.until !== undefined) query = query.where('e.occurred_at', '<', filters.until);
  return query;
}

type MatchingRow = Awaited<ReturnType<ReturnType<typeof matching>['execute']>>[number];

/** An event row as one member of staff may see it, the payload withheld where policy says so. */
function present(staff: StaffSession, row: MatchingRow): AuditEventView {
  const requestKind = (row.request_kind as Kind | null) ?? null;
  const visible = canSeeEventPayload(staff, { subjectType: row.subject_type, requestKind });
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at),
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectReference: row.request_reference ?? null,
    requestKind,
    restricted: !visible,
    payload: visible ? row.payload : null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * One page of the audit trail, newest first, keyset-paged by id (the chain's own order), so a
 * page stays the same however many events are appended meanwhile. `nextBefore` is the cursor of
 * the next (older) page, or undefined on the last one.
 */
export async function listEvents(
  db: Kysely<Database>,
  staff: StaffSession,
  filters: AuditFilters,
  page: { before?: number; limit?: number } = {},
): Promise<{ events: AuditEventView[]; nextBefore?: number }> {
  const limit = page.limit ?? PAGE_SIZE;
  let query = matching(db, filters);
  if (page.before !== undefined) query = query.where('e.id', '<', page.before);
  const rows = await query.orderBy('e.id', 'desc').limit(limit + 1).execute();
  const events = rows.slice(0, limit).map((row) => present(staff, row));
  return rows.length > limit ? { events, nextBefore: events.at(-1)!.id } : { events };
}

/**
 * Every matching event in chain order (oldest first), read a chunk at a time by keyset, so that
 * an export of a long log never holds more than one chunk. Events appended after the export
 * started are left out: the export is the log as it stood when it began.
 */
export async function* eventsInChunks(db: Kysely<Database>, staff: StaffSession, filters: AuditFilters, chunk = 1_000): AsyncGenerator<AuditEventView[]> {
  const head = await db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const last = Number(head?.id ?? 0);
  let after = 0;
  while (after < last) {
    const rows = await matching(db, filters).where('e.id', '>', after).where('e.id', '<=', last).orderBy('e.id').limit(chunk).execute();
    if (rows.length === 0) return;
    yield rows.map((row) => present(staff, row));
    after = rows.at(-1)!.id;
    if (rows.length < chunk) return;
  }
}

/** The events of one subject (a request, an outgoing message…), oldest first: the subject's timeline, with the audit policy applied. */
export async function subjectEvents(db: Kysely<Database>, staff: StaffSession, subjectType: string, subjectId: number, limit = 500): Promise<AuditEventView[]> {
  const rows = await matching(db, { subjectType, subjectId }).orderBy('e.id').limit(limit).execute();
  return rows.map((row) => present(staff, row));
}

import type { Kysely } from 'kysely';
import { roleHolds } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { canSeeRequest, visibleKinds } from '../desk/policy.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { ForbiddenError } from '../errors.ts';
import { queryCursor, queryText } from '../audit/list-events.ts';
import { DESK_KINDS, type DeskKind } from '../requests/model.ts';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'held'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxFilters {
  status?: OutboxStatus;
  requestId?: number;
}

/** One outgoing message as the console lists it. */
export interface OutboxItem {
  id: number;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  requestReference: string | null;
}

/** One outgoing message in full: its headers and body as they are (or would be) sent. */
export interface OutboxMessage extends OutboxItem {
  requestId: number | null;
  requestKind: DeskKind | null;
  language: string;
  headers: Record<string, string>;
  bodyText: string;
  nextAttemptAt: Date;
}

export const OUTBOX_PAGE_SIZE = 50;

/** The message asked for does not exist (or is not for this reader's eyes, which is said the same way). */
export class OutboxMessageNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('records-outbox-not-found', [id]);
  }
}

/** Reads the outbox filters: a status, and a request's reference (one the reader may see). */
export async function parseOutboxFilters(db: Kysely<Database>, staff: StaffSession, query: unknown): Promise<{ filters: OutboxFilters; texts: { status?: string; reference?: string }; before?: number }> {
  const issues: FieldIssue[] = [];
  const status = queryText(query, 'status', issues);
  const reference = queryText(query, 'reference', issues);
  const before = queryCursor(query, issues);
  const filters: OutboxFilters = {};
  if (status !== undefined) {
    if ((OUTBOX_STATUSES as readonly string[]).includes(status)) filters.status = status as OutboxStatus;
    else issues.push({ field: 'status', message: `must be one of ${OUTBOX_STATUSES.join(', ')}`, code: 'records-filter-status', params: [OUTBOX_STATUSES.join(', ')] });
  }
  if (reference !== undefined) {
    const request = await db.selectFrom('requests').select(['id', 'kind']).where('reference', '=', reference.toUpperCase()).executeTakeFirst();
    // A request the reader may not see is answered as one that does not exist.
    if (!request || !canSeeRequest(staff, { kind: request.kind as DeskKind })) {
      issues.push({ field: 'reference', message: `no request has the reference ${reference}`, code: 'records-filter-unknown-reference', params: [reference] });
    } else filters.requestId = request.id;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { filters, texts: { status, reference }, ...(before !== undefined ? { before } : {}) };
}

/**
 * Mail to newsletter subscribers (their addresses, their confirmation links) is for those who
 * manage the subscribers; the desk's roles do not need it.
 */
export function canSeeSubscriberMail(staff: StaffSession): boolean {
  return roleHolds(staff.role, 'subscribers:manage');
}

function outboxQuery(db: Kysely<Database>, staff: StaffSession) {
  const kinds = visibleKinds(staff, DESK_KINDS);
  const query = db
    .selectFrom('outbox as o')
    .leftJoin('requests as r', 'r.id', 'o.request_id')
    .where((eb) => (kinds.length > 0 ? eb.or([eb('o.request_id', 'is', null), eb('r.kind', 'in', kinds)]) : eb('o.request_id', 'is', null)));
  return canSeeSubscriberMail(staff) ? query : query.where('o.subscriber_id', 'is', null);
}

/**
 * One page of the outbox, newest first, keyset-paged by id. Messages about requests the reader
 * may not see (user-data requests, for most roles) are left out in the database, not after it.
 */
export async function listOutbox(db: Kysely<Database>, staff: StaffSession, filters: OutboxFilters, page: { before?: number; limit?: number } = {}): Promise<{ items: OutboxItem[]; nextBefore?: number }> {
  const limit = page.limit ?? OUTBOX_PAGE_SIZE;
  let query = outboxQuery(db, staff).select([
    'o.id',
    'o.to_address',
    'o.subject',
    'o.status',
    'o.attempts',
    'o.last_error',
    'o.created_at',
    'o.sent_at',
    'r.reference',
  ]);
  if (filters.status) query = query.where('o.status', '=', filters.status);
  if (filters.requestId !== undefined) query = query.where('o.request_id', '=', filters.requestId);
  if (page.before !== undefined) query = query.where('o.id', '<', page.before);
  const rows = await query.orderBy('o.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(summaryOf);
  return rows.length > limit ? { items, nextBefore: items.at(-1)!.id } : { items };
}

/** The fields of an outbox row every view of it shows. */
function summaryOf(row: { id: number; to_address: string; subject: string; status: OutboxStatus; attempts: number; last_error: string | null; created_at: Date | string; sent_at: Date | string | null; reference: string | null }): OutboxItem {
  return {
    id: row.id,
    toAddress: row.to_address,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    requestReference: row.reference ?? null,
  };
}

/** A message id as the URL gives it; anything but a positive number names no message. */
export function outboxId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new OutboxMessageNotFoundError(text.slice(0, 40));
  return Number(text);
}

/**
 * One outgoing message in full. A message about a request the reader may not see is refused
 * as forbidden (the console's rule for such requests), one that does not exist as not found.
 */
export async function loadOutboxMessage(db: Kysely<Database>, staff: StaffSession, id: number): Promise<OutboxMessage> {
  const row = await db
    .selectFrom('outbox as o')
    .leftJoin('requests as r', 'r.id', 'o.request_id')
    .selectAll('o')
    .select(['r.reference', 'r.kind'])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row || (row.subscriber_id !== null && !canSeeSubscriberMail(staff))) throw new OutboxMessageNotFoundError(String(id));
  const kind = (row.kind as DeskKind | null) ?? null;
  if (kind && !canSeeRequest(staff, { kind })) throw new ForbiddenError('console-error-request-hidden');
  return {
    ...summaryOf(row),
    requestId: row.request_id,
    requestKind: kind,
    language: row.language,
    headers: (row.headers ?? {}) as Record<string, string>,
    bodyText: row.body_text,
    nextAttemptAt: new Date(row.next_attempt_at),
  };
}

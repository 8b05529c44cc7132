import { sql, type Kysely } from 'kysely';
import { queryCursor, queryText } from '../audit/list-events.ts';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { QuarantineRow } from '../db/tables/mail-quarantine.ts';
import { DomainError, NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { parseMessage } from './parse-message.ts';
import { createRequestFromMessage, lockMessage, messageKey } from './receive-message.ts';

export const QUARANTINE_VIEWS = ['open', 'resolved', 'all'] as const;
export type QuarantineView = (typeof QUARANTINE_VIEWS)[number];
export const QUARANTINE_PAGE_SIZE = 50;
const MAX_NOTE = 1_000;

/** A quarantined message as the list shows it (never its bytes). */
export type QuarantineItem = Omit<QuarantineRow, 'raw'> & { sizeBytes: number; requestReference: string | null };

export class QuarantinedMessageNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('records-quarantine-not-found', [id]);
  }
}

/** A message already filed or dismissed is not resolved a second time. */
export class AlreadyResolvedError extends DomainError {
  constructor(resolution: string) {
    super('records-quarantine-already-resolved', [resolution]);
  }
}

/** A message whose bytes cannot be read, or that names no usable sender, cannot become a request. */
export class CannotFileError extends DomainError {}

/** Reads the list's view (open, resolved, all; open by default) and cursor. */
export function parseQuarantineQuery(query: unknown): { view: QuarantineView; before?: number } {
  const issues: FieldIssue[] = [];
  const view = queryText(query, 'view', issues) ?? 'open';
  const before = queryCursor(query, issues);
  if (!(QUARANTINE_VIEWS as readonly string[]).includes(view)) {
    issues.push({ field: 'view', message: `must be one of ${QUARANTINE_VIEWS.join(', ')}`, code: 'records-filter-view', params: [QUARANTINE_VIEWS.join(', ')] });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { view: view as QuarantineView, ...(before !== undefined ? { before } : {}) };
}

function listed(db: Kysely<Database>) {
  return db
    .selectFrom('mail_quarantine as q')
    .leftJoin('requests as r', 'r.id', 'q.request_id')
    .select([
      'q.id',
      'q.source',
      'q.reason',
      'q.envelope_from',
      'q.envelope_to',
      'q.received_at',
      'q.resolved_at',
      'q.resolution',
      'q.resolution_note',
      'q.resolved_by',
      'q.request_id',
      'q.anonymised_at',
      sql<number>`octet_length(q.raw)`.as('size_bytes'),
      'r.reference as request_reference',
    ]);
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

function item(row: ListedRow): QuarantineItem {
  const { size_bytes, request_reference, ...rest } = row;
  return { ...rest, sizeBytes: Number(size_bytes), requestReference: request_reference ?? null };
}

/** One page of the quarantine, newest first, keyset-paged by id. */
export async function listQuarantine(db: Kysely<Database>, view: QuarantineView, page: { before?: number; limit?: number } = {}): Promise<{ items: QuarantineItem[]; nextBefore?: number }> {
  const limit = page.limit ?? QUARANTINE_PAGE_SIZE;
  let query = listed(db);
  if (view === 'open') query = query.where('q.resolved_at', 'is', null);
  if (view === 'resolved') query = query.where('q.resolved_at', 'is not', null);
  if (page.before !== undefined) query = query.where('q.id', '<', page.before);
  const rows = await query.orderBy('q.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(item);
  return rows.length > limit ? { items, nextBefore: items.at(-1)!.id } : { items };
}

/** A quarantine id as the URL gives it. */
export function quarantineId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new QuarantinedMessageNotFoundError(text.slice(0, 40));
  return Number(text);
}

/** One quarantined message with its raw bytes. */
export async function loadQuarantined(db: Kysely<Database>, id: number): Promise<QuarantineItem & { raw: Buffer }> {
  const row = await listed(db).select('q.raw').where('q.id', '=', id).executeTakeFirst();
  if (!row) throw new QuarantinedMessageNotFoundError(String(id));
  const { raw, ...rest } = row;
  return { ...item(rest), raw };
}

/**
 * Files a quarantined message as a new request, by the e-mail intake's own path and rules
 * (createRequestFromMessage): a person has judged it to be a request, so the judgements that
 * sent it to quarantine (an automatic message, one that threads nowhere) no longer hold it back,
 * but the message must still parse, name a usable sender and pass the request schema. An
 * automatic message gets no acknowledgement (it would answer a robot). The request, the
 * resolution and its audit event are written in one transaction.
 */
export async function fileQuarantined(db: Kysely<Database>, staff: StaffSession, id: number, now = new Date()): Promise<{ requestId: number; reference: string }> {
  const actor = `user:${staff.userId}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('mail_quarantine').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new QuarantinedMessageNotFoundError(String(id));
    if (row.resolved_at) throw new AlreadyResolvedError(row.resolution ?? 'resolved');
    const parsed = await parseMessage(row.raw);
    if (!parsed.ok) throw new CannotFileError('records-quarantine-cannot-file-unreadable', [parsed.detail]);
    const message = parsed.message;
    if (!message.sender) throw new CannotFileError('records-quarantine-cannot-file-no-sender', [message.senderProblem ?? '']);
    const key = messageKey(message);
    await lockMessage(trx, key);
    const earlier = await trx
      .selectFrom('request_messages')
      .innerJoin('requests', 'requests.id', 'request_messages.request_id')
      .select('requests.reference')
      .where('request_messages.message_id', '=', key)
      .executeTakeFirst();
    if (earlier) throw new CannotFileError('records-quarantine-cannot-file-stored', [earlier.reference]);
    const made = await createRequestFromMessage(trx, message, {
      key,
      receivedAt: new Date(row.received_at),
      now,
      actor,
      source: row.source,
      acknowledge: !message.automatic,
    });
    if (!made.ok) throw new ValidationError(made.issues);
    await trx
      .updateTable('mail_quarantine')
      .set({ resolved_at: now, resolution: 'filed', resolved_by: actor, request_id: made.requestId })
      .where('id', '=', id)
      .execute();
    await appendEvent(trx, {
      actor,
      action: 'mail.quarantine_filed',
      subjectType: 'mail_quarantine',
      subjectId: id,
      payload: { request: made.requestId, reference: made.reference, reason: row.reason.split(':')[0] },
    });
    return { requestId: made.requestId, reference: made.reference };
  });
}

/** Reads the reason a member of staff gives for dismissing a message: required, at most 1,000 characters. */
export function dismissalNote(body: unknown): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).reason : undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new ValidationError([{ field: 'reason', message: 'say why this message is dismissed', code: 'records-quarantine-reason-required' }]);
  if ([...text].length > MAX_NOTE) {
    throw new ValidationError([{ field: 'reason', message: `is longer than ${MAX_NOTE} characters`, code: 'records-filter-too-long', params: [MAX_NOTE] }]);
  }
  return text.replace(/\u0000/g, '');
}

/** Dismisses a quarantined message with the reason given; it stays stored, marked resolved, with its audit event. */
export async function dismissQuarantined(db: Kysely<Database>, staff: StaffSession, id: number, note: string, now = new Date()): Promise<void> {
  const actor = `user:${staff.userId}`;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('mail_quarantine').select(['id', 'resolution', 'resolved_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new QuarantinedMessageNotFoundError(String(id));
    if (row.resolved_at) throw new AlreadyResolvedError(row.resolution ?? 'resolved');
    await trx
      .updateTable('mail_quarantine')
      .set({ resolved_at: now, resolution: 'dismissed', resolution_note: note, resolved_by: actor })
      .where('id', '=', id)
      .execute();
    await appendEvent(trx, { actor, action: 'mail.quarantine_dismissed', subjectType: 'mail_quarantine', subjectId: id, payload: { note } });
  });
}

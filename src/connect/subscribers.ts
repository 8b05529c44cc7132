import { sql, type Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import { csvCell } from '../audit/export-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { SubscriberState } from './model.ts';

export const SUBSCRIBERS_PER_PAGE = 50;

/** A subscriber as the console shows and exports them: never their tokens. */
export interface SubscriberView {
  id: number;
  email: string;
  name: string | null;
  language: string;
  state: SubscriberState;
  createdAt: Date;
  confirmedAt: Date | null;
}

/** How many are pending and confirmed, and the confirmed by language. */
export interface SubscriberCounts {
  pending: number;
  confirmed: number;
  byLanguage: { language: string; confirmed: number }[];
}

/** The subscriber asked for does not exist (any more). */
export class SubscriberNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('connect-console-not-found', [id]);
  }
}

const actor = (staff: StaffSession) => `user:${staff.userId}`;

function view(row: { id: number; email: string; name: string | null; language: string; created_at: Date | string; confirmed_at: Date | string | null }): SubscriberView {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    language: row.language,
    state: row.confirmed_at ? 'confirmed' : 'pending',
    createdAt: new Date(row.created_at),
    confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
  };
}

const COLUMNS = ['id', 'email', 'name', 'language', 'created_at', 'confirmed_at'] as const;

/** The counts the console's page opens with, counted by the database. */
export async function countSubscribers(db: Kysely<Database>): Promise<SubscriberCounts> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['language', sql<number>`count(*) FILTER (WHERE confirmed_at IS NULL)`.as('pending'), sql<number>`count(*) FILTER (WHERE confirmed_at IS NOT NULL)`.as('confirmed')])
    .groupBy('language')
    .orderBy('language')
    .execute();
  return {
    pending: rows.reduce((sum, row) => sum + Number(row.pending), 0),
    confirmed: rows.reduce((sum, row) => sum + Number(row.confirmed), 0),
    byLanguage: rows.filter((row) => Number(row.confirmed) > 0).map((row) => ({ language: row.language, confirmed: Number(row.confirmed) })),
  };
}

/** One page of subscribers, newest first, optionally only those in one state. */
export async function listSubscribers(db: Kysely<Database>, filter: { state?: SubscriberState; page: number }): Promise<{ items: SubscriberView[]; total: number }> {
  let query = db.selectFrom('subscribers');
  if (filter.state === 'pending') query = query.where('confirmed_at', 'is', null);
  if (filter.state === 'confirmed') query = query.where('confirmed_at', 'is not', null);
  const [rows, total] = await Promise.all([
    query.select([...COLUMNS]).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(SUBSCRIBERS_PER_PAGE).offset((filter.page - 1) * SUBSCRIBERS_PER_PAGE).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(view), total: Number(total.n) };
}

/** Every subscriber, oldest first, a chunk at a time (keyset by id), for the exports. */
async function* subscribersInChunks(db: Kysely<Database>, chunk = 1_000): AsyncGenerator<SubscriberView[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('subscribers').select([...COLUMNS]).where('id', '>', after).orderBy('id').limit(chunk).execute();
    if (rows.length === 0) return;
    yield rows.map(view);
    after = Number(rows.at(-1)!.id);
    if (rows.length < chunk) return;
  }
}

/** Records that a member of staff exported the list (the event says how many, never who). */
export async function recordExport(db: Kysely<Database>, staff: StaffSession, format: 'csv' | 'json'): Promise<void> {
  const counts = await countSubscribers(db);
  await db.transaction().execute((trx) =>
    appendEvent(trx, { actor: actor(staff), action: 'subscribers.exported', subjectType: 'subscriber', subjectId: null, payload: { format, pending: counts.pending, confirmed: counts.confirmed } }),
  );
}

export const EXPORT_COLUMNS = ['id', 'email', 'name', 'language', 'state', 'signed_up_at', 'confirmed_at'] as const;

function cells(subscriber: SubscriberView): string[] {
  return [String(subscriber.id), subscriber.email, subscriber.name ?? '', subscriber.language, subscriber.state, subscriber.createdAt.toISOString(), subscriber.confirmedAt?.toISOString() ?? ''];
}

/** Every subscriber as CSV (cells a spreadsheet would run as formulas are defused, as in the audit export). */
export async function* subscribersCsv(db: Kysely<Database>): AsyncGenerator<string> {
  yield `${EXPORT_COLUMNS.map(csvCell).join(',')}\r\n`;
  for await (const chunk of subscribersInChunks(db)) yield chunk.map((subscriber) => `${cells(subscriber).map(csvCell).join(',')}\r\n`).join('');
}

/** Every subscriber as one JSON document, produced a chunk at a time. */
export async function* subscribersJson(db: Kysely<Database>, exportedAt = new Date()): AsyncGenerator<string> {
  yield `{"exported_at":${JSON.stringify(exportedAt.toISOString())},"subscribers":[`;
  let first = true;
  for await (const chunk of subscribersInChunks(db)) {
    const text = chunk
      .map((subscriber) => JSON.stringify({ id: subscriber.id, email: subscriber.email, name: subscriber.name, language: subscriber.language, state: subscriber.state, signed_up_at: subscriber.createdAt.toISOString(), confirmed_at: subscriber.confirmedAt?.toISOString() ?? null }))
      .join(',\n');
    yield first ? `\n${text}` : `,\n${text}`;
    first = false;
  }
  yield '\n]}\n';
}

/**
 * Deletes one subscriber and every message to them, for real (no flag, no copy), with an audit
 * event that names the row by its id and never by the address.
 */
export async function wipeSubscriber(db: Kysely<Database>, staff: StaffSession, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('subscribers').where('id', '=', id).returning(['id', 'confirmed_at']).executeTakeFirst();
    if (!row) throw new SubscriberNotFoundError(String(id));
    await appendEvent(trx, { actor: actor(staff), action: 'subscriber.wiped', subjectType: 'subscriber', subjectId: id, payload: { state: row.confirmed_at ? 'confirmed' : 'pending' } });
  });
}

/** Deletes every subscriber and their mail, with one audit event giving the count. Returns the count. */
export async function wipeAllSubscribers(db: Kysely<Database>, staff: StaffSession): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.deleteFrom('subscribers').returning('id').execute();
    await appendEvent(trx, { actor: actor(staff), action: 'subscribers.wiped_all', subjectType: 'subscriber', subjectId: null, payload: { count: rows.length } });
    return rows.length;
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import { KINDS, type Channel, type Kind, type State } from '../requests/model.ts';

/** A page cursor that this API did not give out. */
export class InvalidCursorError extends DomainError {}

/** Filters of the request list; all optional. */
export interface RequestFilter {
  channel?: Channel;
  state?: State;
  kind?: Kind;
  since?: Date;
}

function encodeCursor(row: RequestRow): string {
  return Buffer.from(`${row.received_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: number } {
  const [when, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const receivedAt = new Date(when ?? '');
  const year = receivedAt.getUTCFullYear();
  if (!id || !/^\d{1,15}$/.test(id) || Number.isNaN(receivedAt.getTime()) || year < 1 || year > 9999) {
    throw new InvalidCursorError('error-invalid-cursor');
  }
  return { receivedAt, id: Number(id) };
}

/**
 * Lists requests newest first, a page at a time. Pages are keyed on (received_at, id), so a page
 * deep in the list costs what the first one does and requests arriving meanwhile never shift it.
 */
export async function listRequests(
  db: Kysely<Database>,
  filter: RequestFilter,
  page: { cursor?: string; limit: number },
): Promise<{ rows: RequestRow[]; nextCursor: string | null }> {
  // The API speaks of legal demands only: messages to the desk through "Contact a human" stay in the console.
  let query = db.selectFrom('requests').selectAll().where('kind', 'in', [...KINDS]);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.since) query = query.where('received_at', '>=', filter.since);
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('received_at', '<', after.receivedAt), eb.and([eb('received_at', '=', after.receivedAt), eb('id', '<', after.id)])]),
    );
  }
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  return { rows: items, nextCursor: more ? encodeCursor(items[items.length - 1]!) : null };
}

/** One request (a legal demand, never a contact message) by its id or its reference. */
export async function findRequest(db: Kysely<Database>, idOrReference: string): Promise<RequestRow> {
  const query = db.selectFrom('requests').selectAll().where('kind', 'in', [...KINDS]);
  const row = /^\d{1,15}$/.test(idOrReference)
    ? await query.where('id', '=', Number(idOrReference)).executeTakeFirst()
    : await query.where('reference', '=', idOrReference).executeTakeFirst();
  if (!row) throw new NotFoundError('error-request-not-found', [idOrReference]);
  return row;
}

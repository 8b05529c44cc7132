import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NewAuditEventRow } from '../db/tables/audit-events.ts';
import { GENESIS_HASH, eventHash } from './hash.ts';

/** An event to record: who did what to which subject, with a payload describing the change. */
export interface AuditEventInput {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: number | null;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

// Any constant shared by every Candor process: the key of the advisory lock that serialises appends.
const CHAIN_LOCK_KEY = 7_204_311;
const INSERT_CHUNK = 2_000;

/**
 * Appends events to the audit chain inside the caller's transaction, so that an event exists
 * exactly when the change it records was committed. Appends from every process are serialised
 * by a transaction-scoped advisory lock; ids follow one another without gaps.
 */
export async function appendEvents(trx: Transaction<Database>, inputs: AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
  const head = await trx
    .selectFrom('audit_events')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let id = head?.id ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const now = new Date();
  const rows: NewAuditEventRow[] = inputs.map((input) => {
    id += 1;
    const event = {
      id,
      occurred_at: input.occurredAt ?? now,
      actor: input.actor,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      payload: input.payload,
      prev_hash: prevHash,
    };
    prevHash = eventHash(event);
    return { ...event, payload: JSON.stringify(event.payload), hash: prevHash };
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx.insertInto('audit_events').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  }
}

/** Appends one event inside the caller's transaction. */
export function appendEvent(trx: Transaction<Database>, input: AuditEventInput): Promise<void> {
  return appendEvents(trx, [input]);
}

/** Runs `work` in a transaction; the helper every state change goes through so its events commit with it. */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

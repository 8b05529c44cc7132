import { sql, type Kysely, type Transaction } from 'kysely';
import { bulkInsert, type BulkColumn } from '../db/bulk-insert.ts';
import type { Database } from '../db/database.ts';
import type { NewAuditEventRow } from '../db/tables/audit-events.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, eventHash, type HashedEvent } from './hash.ts';

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
const INSERT_CHUNK = 10_000;

const column = (name: keyof NewAuditEventRow & string, type: string): BulkColumn<NewAuditEventRow> => ({ name, type, value: (row) => row[name] ?? null });
/** The columns of an audit event, for callers that store the rows link() made in their own way (COPY). */
export const AUDIT_EVENT_COLUMNS = [
  column('id', 'bigint'), column('occurred_at', 'timestamptz'), column('actor', 'text'), column('action', 'text'), column('subject_type', 'text'),
  column('subject_id', 'bigint'), column('payload', 'jsonb'), column('prev_hash', 'text'), column('hash', 'text'),
];

/** The end of the audit chain inside a transaction that holds the append lock: links events to it. */
export interface AuditChain {
  /** The rows of the next events, each hashed over the one before; ids follow without gaps. */
  link(inputs: AuditEventInput[]): NewAuditEventRow[];
  /** Inserts rows that link() made, in one statement per slice. */
  insert(rows: NewAuditEventRow[]): Promise<void>;
}

/**
 * Takes the chain's append lock for the rest of the caller's transaction (appends from every
 * process are serialised by it) and reads the chain's last event. Linking events is done in
 * memory, so that a caller storing many rows can prepare the next ones while the database writes.
 */
export async function openAuditChain(trx: Transaction<Database>): Promise<AuditChain> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  let id = head?.id ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return {
    link(inputs) {
      const now = new Date();
      return inputs.map((input) => {
        id += 1;
        const row: NewAuditEventRow & HashedEvent = {
          id,
          occurred_at: input.occurredAt ?? now,
          actor: input.actor,
          action: input.action,
          subject_type: input.subjectType,
          subject_id: input.subjectId,
          payload: input.payload,
          prev_hash: prevHash,
          hash: '',
        };
        // Stored as the canonical text it was hashed over, which jsonb reads back as the same value.
        const payloadJson = canonicalJson(input.payload);
        prevHash = eventHash(row, payloadJson);
        row.payload = payloadJson;
        row.hash = prevHash;
        return row;
      });
    },
    async insert(rows) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await bulkInsert(trx, 'audit_events', AUDIT_EVENT_COLUMNS, rows.slice(i, i + INSERT_CHUNK));
    },
  };
}

/**
 * Appends events to the audit chain inside the caller's transaction, so that an event exists
 * exactly when the change it records was committed.
 */
export async function appendEvents(trx: Transaction<Database>, inputs: AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const chain = await openAuditChain(trx);
  await chain.insert(chain.link(inputs));
}

/** Appends one event inside the caller's transaction. */
export function appendEvent(trx: Transaction<Database>, input: AuditEventInput): Promise<void> {
  return appendEvents(trx, [input]);
}

/** Runs `work` in a transaction; the helper every state change goes through so its events commit with it. */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

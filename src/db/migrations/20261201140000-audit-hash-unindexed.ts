import { sql, type Kysely } from 'kysely';

/**
 * The audit chain's hashes lose their unique index. Nothing looks an event up by its hash, and
 * the chain itself makes every hash distinct (each covers its event's own id and the hash before
 * it); `audit verify` is what checks them. A SHA-256 is random, so each new event landed on a
 * random page of that index: on a million events, the index was a third of the time an import
 * spent writing the audit log (BENCHMARKS.md, P3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_events DROP CONSTRAINT audit_events_hash_key`.execute(db);
}

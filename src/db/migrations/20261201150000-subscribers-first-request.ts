import { sql, type Kysely } from 'kysely';

/**
 * A sign-up never confirmed is purged 30 days after it was first asked for, no longer after the
 * latest request: submitting a stranger's address again kept it stored for as long as someone
 * kept submitting it. `requested_at` now holds the first request; a pending sign-up's first
 * request is when its row was made (a row is deleted, never set back to pending), so the ones
 * moved forward by a repeat are set back to it. The purge's index (subscribers_unconfirmed_idx,
 * over requested_at) serves it as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE subscribers SET requested_at = created_at WHERE confirmed_at IS NULL AND requested_at > created_at`.execute(db);
}

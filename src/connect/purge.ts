import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { UNCONFIRMED_KEPT_MS } from './model.ts';

const BATCH = 1_000;

/**
 * One round of the purge: deletes sign-ups never confirmed whose first request is more than
 * 30 days old, however often the address was submitted since, and their mail, a batch at a
 * time, with an audit event giving only the count. Rows are claimed with FOR UPDATE SKIP
 * LOCKED, so several processes may run rounds at once; a round with nothing to do does nothing.
 * Returns how many were deleted.
 */
export async function purgeUnconfirmed(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_KEPT_MS);
  let total = 0;
  for (;;) {
    const deleted = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .deleteFrom('subscribers')
        .where('id', 'in', (eb) => eb.selectFrom('subscribers').select('id').where('confirmed_at', 'is', null).where('requested_at', '<', cutoff).orderBy('requested_at').limit(BATCH).forUpdate().skipLocked())
        .returning('id')
        .execute();
      if (rows.length > 0) {
        await appendEvent(trx, { actor: 'system', action: 'subscribers.purged', subjectType: 'subscriber', subjectId: null, occurredAt: now, payload: { count: rows.length, unconfirmed_before: cutoff.toISOString() } });
      }
      return rows.length;
    });
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

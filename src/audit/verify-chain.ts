import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { GENESIS_HASH, eventHash } from './hash.ts';

/** The outcome of checking the audit chain: how many events were sound, and the first that is not. */
export interface ChainVerdict {
  ok: boolean;
  checked: number;
  headHash: string;
  firstBad?: { id: number; reason: string };
}

const PAGE = 5_000;

/**
 * Walks the audit log in id order and recomputes every link. An altered row fails its own
 * hash, a deleted row leaves a gap in the ids, a reordered row no longer follows its predecessor.
 */
export async function verifyChain(db: Kysely<Database>): Promise<ChainVerdict> {
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      if (row.id !== expectedId) {
        const reason = `event ${expectedId}${row.id > expectedId + 1 ? `–${row.id - 1}` : ''} is missing (deleted)`;
        return { ok: false, checked, headHash: prevHash, firstBad: { id: expectedId, reason } };
      }
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          headHash: prevHash,
          firstBad: { id: row.id, reason: `does not follow event ${row.id - 1} (reordered, or its predecessor was replaced)` },
        };
      }
      if (eventHash({ ...row, occurred_at: new Date(row.occurred_at) }) !== row.hash) {
        return { ok: false, checked, headHash: prevHash, firstBad: { id: row.id, reason: 'its content was altered' } };
      }
      prevHash = row.hash;
      expectedId += 1;
      checked += 1;
    }
    if (rows.length < PAGE) return { ok: true, checked, headHash: prevHash };
  }
}

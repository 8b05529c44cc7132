import type { DatabaseHandle } from '../../db/connect.ts';
import { transactionWithCopy } from '../../db/copy-rows.ts';
import { createRequests } from '../../requests/create-requests.ts';
import type { ParsedLumenNotice } from './parse-lumen.ts';

/**
 * Stores notices read from Lumen as requests, in one transaction with their audit events,
 * skipping those imported before (the same `lumen:ID` external id). The rows go in with COPY,
 * as a request import's do.
 */
export async function importLumenNotices(handle: Pick<DatabaseHandle, 'db' | 'pool' | 'embedded'>, notices: ParsedLumenNotice[], actor = 'cli'): Promise<{ imported: number; skipped: number }> {
  if (notices.length === 0) return { imported: 0, skipped: 0 };
  return transactionWithCopy(handle, async (trx, copy) => {
    const known = new Set<string>();
    for (let start = 0; start < notices.length; start += 1_000) {
      const ids = notices.slice(start, start + 1_000).map((notice) => notice.externalId);
      for (const row of await trx.selectFrom('requests').select('external_id').where('external_id', 'in', ids).execute()) known.add(row.external_id!);
    }
    const fresh = notices.filter((notice) => !known.has(notice.externalId));
    if (fresh.length > 0) await createRequests(trx, fresh.map((notice) => notice.request), actor, 'request.imported', { copy });
    return { imported: fresh.length, skipped: notices.length - fresh.length };
  });
}

import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { changeRequest } from '../requests/change-request.ts';
import { applyWaitingPause } from './move-request.ts';

/**
 * The requester answered a request that was waiting on them: it goes back into review and its
 * deadline runs again from now. Called in the transaction that stores their message.
 */
export async function resumeOnAnswer(trx: Transaction<Database>, requestId: number, actor: string, now = new Date()): Promise<void> {
  const request = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
  if (!request || request.state !== 'waiting') return;
  await applyWaitingPause(trx, request, 'in_review', now);
  await changeRequest(trx, request.id, { state: 'in_review' }, actor, 'request.resumed');
}

import { sql, type Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { canSeeRequest } from '../desk/policy.ts';
import { DomainError } from '../errors.ts';
import { ForbiddenError } from '../errors.ts';
import type { Kind } from '../requests/model.ts';
import { OutboxMessageNotFoundError, canSeeSubscriberMail } from './list-messages.ts';

/** Only a message that has failed can be retried: a pending one will be tried anyway, a sent one is gone. */
export class NotRetryableError extends DomainError {
  constructor(status: string) {
    super('records-outbox-not-retryable', [status]);
  }
}

/**
 * Puts a failed message back in the queue, due at once, with its audit event, in one
 * transaction. Its attempts are kept, so a message that fails again returns to `failed`
 * after that one try instead of starting a new round of backoff.
 */
export async function retryMessage(db: Kysely<Database>, staff: StaffSession, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('outbox as o')
      .leftJoin('requests as r', 'r.id', 'o.request_id')
      .select(['o.id', 'o.status', 'o.attempts', 'o.request_id', 'o.subscriber_id', 'r.kind', 'r.reference'])
      .where('o.id', '=', id)
      .forUpdate('o')
      .executeTakeFirst();
    if (!row || (row.subscriber_id !== null && !canSeeSubscriberMail(staff))) throw new OutboxMessageNotFoundError(String(id));
    if (row.kind && !canSeeRequest(staff, { kind: row.kind as Kind })) throw new ForbiddenError('console-error-request-hidden');
    if (row.status !== 'failed') throw new NotRetryableError(row.status);
    await trx.updateTable('outbox').set({ status: 'pending', next_attempt_at: sql<Date>`now()` }).where('id', '=', id).execute();
    await appendEvent(trx, {
      actor: `user:${staff.userId}`,
      action: 'outbox.retried',
      subjectType: 'outbox',
      subjectId: id,
      payload: { from_status: 'failed', attempts: row.attempts, request: row.request_id, reference: row.reference ?? null },
    });
  });
}

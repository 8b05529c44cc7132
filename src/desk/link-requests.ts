import type { Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { changeRequest } from '../requests/change-request.ts';
import { staffActor, assertLegalDemand } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

const issue = (field: string, code: string, message: string) => new ValidationError([{ field, message, code }]);

/**
 * Marks a request as a repeated demand about the same matter: it points at the first request of
 * the matter (never at another duplicate), and its own duplicates move with it, so the report
 * counts the matter once and links never form a chain or a loop. `null` unlinks it.
 */
export async function linkDuplicate(db: Kysely<Database>, staff: StaffSession, reference: string, originalReference: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    assertLegalDemand(request, 'duplicate_of');
    const actor = staffActor(staff);
    if (originalReference === null) {
      await changeRequest(trx, request.id, { duplicate_of_id: null }, actor, 'request.duplicate_unlinked');
      return;
    }
    const original = await findRequestForStaff(trx, staff, originalReference.trim().toUpperCase(), { forUpdate: true }).catch(() => {
      throw issue('duplicate_of', 'desk-error-link-unknown', 'names no request you can see');
    });
    const root = original.duplicate_of_id ?? original.id;
    if (root === request.id) throw issue('duplicate_of', 'desk-error-link-self', 'cannot be the request itself');
    if (original.kind !== request.kind) throw issue('duplicate_of', 'desk-error-link-kind', 'must be a request of the same kind');
    await changeRequest(trx, request.id, { duplicate_of_id: root }, actor, 'request.duplicate_linked');
    const followers = await trx.selectFrom('requests').select('id').where('duplicate_of_id', '=', request.id).execute();
    for (const follower of followers) await changeRequest(trx, follower.id, { duplicate_of_id: root }, actor, 'request.duplicate_linked');
  });
}

/** Links a copyright counter-notice to the takedown notice it answers (`null` unlinks it). */
export async function linkCounterNotice(db: Kysely<Database>, staff: StaffSession, reference: string, noticeReference: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    if (request.kind !== 'copyright' || request.category !== 'counter_notice') throw issue('counter_notice_to', 'desk-error-not-counter-notice', 'only a counter-notice answers a notice');
    const actor = staffActor(staff);
    if (noticeReference === null) {
      await changeRequest(trx, request.id, { counter_notice_to_id: null }, actor, 'request.counter_notice_unlinked');
      return;
    }
    const notice = await findRequestForStaff(trx, staff, noticeReference.trim().toUpperCase()).catch(() => {
      throw issue('counter_notice_to', 'desk-error-link-unknown', 'names no request you can see');
    });
    if (notice.kind !== 'copyright' || notice.category === 'counter_notice') throw issue('counter_notice_to', 'desk-error-link-notice', 'must be a copyright takedown notice');
    await changeRequest(trx, request.id, { counter_notice_to_id: notice.id }, actor, 'request.counter_notice_linked');
  });
}

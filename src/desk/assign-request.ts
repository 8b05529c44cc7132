import type { Kysely } from 'kysely';
import { canSeeRequest } from './policy.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { changeRequest } from '../requests/change-request.ts';
import { isRole } from '../auth/permissions.ts';
import { RequestClosedError, staffActor } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

/** Staff who can work on requests, for the assignment list: active accounts of the desk's roles. */
export async function assignableStaff(db: Kysely<Database>): Promise<{ id: number; email: string; display_name: string | null; role: string }[]> {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role'])
    .where('role', 'in', ['admin', 'counsel', 'reviewer'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
}

/**
 * Gives a request to a member of staff (or to nobody), audited. The assignee must be able to
 * work on it: a reviewer cannot be given a user-data request.
 */
export async function assignRequest(db: Kysely<Database>, staff: StaffSession, reference: string, assigneeId: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    if (request.state === 'closed' || request.state === 'withdrawn') throw new RequestClosedError(request.reference);
    if (assigneeId !== null) {
      const assignee = await trx.selectFrom('staff_users').select(['id', 'email', 'display_name', 'role', 'disabled_at']).where('id', '=', assigneeId).executeTakeFirst();
      const able =
        assignee && !assignee.disabled_at && isRole(assignee.role) && ['admin', 'counsel', 'reviewer'].includes(assignee.role) &&
        canSeeRequest({ sessionId: 0, userId: assignee.id, email: assignee.email, displayName: assignee.display_name, role: assignee.role, csrfToken: '', createdAt: new Date(), steppedUpAt: null }, request);
      if (!able) throw new ValidationError([{ field: 'assignee', message: 'cannot work on this request', code: 'desk-error-assignee' }]);
    }
    await changeRequest(trx, request.id, { assignee_id: assigneeId }, staffActor(staff), 'request.assigned');
  });
}

import type { Kysely } from 'kysely';
import { roleMaySee } from './policy.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { changeRequest } from '../requests/change-request.ts';
import { CONSOLE_PERMISSIONS, isRole, roleHolds } from '../auth/permissions.ts';
import { RequestClosedError, staffActor } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

/** Staff who can work on requests, for the assignment list: active accounts of the desk's roles. */
export async function assignableStaff(db: Kysely<Database>): Promise<{ id: number; email: string; display_name: string | null; role: string }[]> {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role'])
    .where('role', 'in', [...CONSOLE_PERMISSIONS['requests:work']])
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
      const assignee = await trx.selectFrom('staff_users').select(['role', 'disabled_at']).where('id', '=', assigneeId).executeTakeFirst();
      const able = assignee && !assignee.disabled_at && isRole(assignee.role) && roleHolds(assignee.role, 'requests:work') && roleMaySee(assignee.role, request.kind);
      if (!able) throw new ValidationError([{ field: 'assignee', message: 'cannot work on this request', code: 'desk-error-assignee' }]);
    }
    await changeRequest(trx, request.id, { assignee_id: assigneeId }, staffActor(staff), 'request.assigned');
  });
}

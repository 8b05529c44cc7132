import { roleHolds } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * Who may see, export and wipe the newsletter's subscribers. The route table asks for
 * `subscribers:manage`; every handler asks again here.
 */
export function assertCanManageSubscribers(staff: StaffSession): void {
  if (!roleHolds(staff.role, 'subscribers:manage')) throw new ForbiddenError();
}

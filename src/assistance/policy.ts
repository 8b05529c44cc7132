import { roleHolds } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * Who may see and work on legal-help cases. The route table already asks for `assistance:read`
 * or `assistance:work`; every handler asks again here, so that a route given the wrong
 * permission by mistake still shows a case to no one else.
 */
export function canSeeCases(staff: StaffSession): boolean {
  return roleHolds(staff.role, 'assistance:read');
}

/** Whether a member of staff may record eligibility, counsel, funding, the outcome and states, and link requests. */
export function canWorkOnCases(staff: StaffSession): boolean {
  return canSeeCases(staff) && roleHolds(staff.role, 'assistance:work');
}

export function assertCanSeeCases(staff: StaffSession): void {
  if (!canSeeCases(staff)) throw new ForbiddenError();
}

export function assertCanWorkOnCases(staff: StaffSession): void {
  if (!canWorkOnCases(staff)) throw new ForbiddenError();
}

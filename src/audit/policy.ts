import { roleHolds } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { canSeeRequest } from '../desk/policy.ts';
import type { Kind } from '../requests/model.ts';

/**
 * What the audit trail knows about an event's subject when deciding who may read its payload:
 * its type, and the kind of the request it concerns (the request itself, or the request an
 * outgoing message or a filed quarantined message belongs to), if any.
 */
export interface EventSubject {
  subjectType: string;
  requestKind: Kind | null;
}

/** Subject types whose events are always about the most sensitive data: contributors' requests for legal help. */
const ASSISTANCE_SUBJECTS = ['assistance_case'];

/** Whether an event concerns a user-data request or an assistance case, whose details only counsel and admins may read. */
export function isRestrictedEvent(event: EventSubject): boolean {
  return event.requestKind === 'user_data' || ASSISTANCE_SUBJECTS.includes(event.subjectType);
}

/** Whether a member of staff may read the audit trail across the system (and export it). */
export function canReadAuditTrail(staff: StaffSession): boolean {
  return roleHolds(staff.role, 'audit:read');
}

/**
 * Whether a member of staff may read an event's payload. Everyone who may see an event sees its
 * time, actor, action and subject; the payload of an event about a user-data request follows the
 * desk's rule for that request (counsel and admins), and that of an assistance case needs
 * `assistance:read`. An auditor therefore sees that such an event happened, not its details.
 */
export function canSeeEventPayload(staff: StaffSession, event: EventSubject): boolean {
  if (ASSISTANCE_SUBJECTS.includes(event.subjectType)) return roleHolds(staff.role, 'assistance:read');
  if (event.requestKind === 'user_data') return canSeeRequest(staff, { kind: 'user_data' });
  return true;
}

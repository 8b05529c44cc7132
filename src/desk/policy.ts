import { roleHolds, type Role } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { DeskKind } from '../requests/model.ts';
import { NotAllowedError } from './errors.ts';

/** Kinds whose requests only counsel and admins may see: they are about users' private data. */
const RESTRICTED_KINDS: readonly DeskKind[] = ['user_data'];
const RESTRICTED_ROLES: readonly Role[] = ['admin', 'counsel'];

/** Whether a role may see requests of a kind at all (queue, page, attachments, audit). */
export function roleMaySee(role: Role, kind: DeskKind): boolean {
  if (!roleHolds(role, 'requests:read')) return false;
  return !RESTRICTED_KINDS.includes(kind) || RESTRICTED_ROLES.includes(role);
}

/** Whether a member of staff may see a request of this kind at all. */
export function canSeeRequest(staff: StaffSession, request: { kind: DeskKind }): boolean {
  return roleMaySee(staff.role, request.kind);
}

/** The kinds a member of staff may see, for filtering the queue in the database. */
export function visibleKinds(staff: StaffSession, kinds: readonly DeskKind[]): DeskKind[] {
  return kinds.filter((kind) => canSeeRequest(staff, { kind }));
}

/** Refuses a request the member of staff may not see (answered 403). */
export function assertCanSeeRequest(staff: StaffSession, request: { kind: DeskKind }): void {
  if (!canSeeRequest(staff, request)) throw new NotAllowedError();
}

/** Whether a member of staff may work on a request (notes, replies, evaluation) — seeing it, and the permission. */
export function canWorkOnRequest(staff: StaffSession, request: { kind: DeskKind }): boolean {
  return canSeeRequest(staff, request) && roleHolds(staff.role, 'requests:work');
}

/** Whether a member of staff may decide a request and notify its affected users. */
export function canDecideRequest(staff: StaffSession, request: { kind: DeskKind }): boolean {
  return canSeeRequest(staff, request) && roleHolds(staff.role, 'requests:decide');
}

import { AccessDeniedError, DomainError, ValidationError } from '../errors.ts';

/** A request cannot move from its current state to the one asked for. */
export class TransitionError extends DomainError {
  constructor(from: string, to: string) {
    super('desk-error-transition', [from, to], `a request in state ${from} cannot move to ${to}`);
  }
}

/** The request is decided, closed or withdrawn: it takes no more work until reopened. */
export class RequestClosedError extends DomainError {
  constructor(reference: string) {
    super('desk-error-closed', [reference], `${reference} is no longer open`);
  }
}

/** The member of staff may not do this to this request (e.g. a user-data request for a reviewer). */
export class NotAllowedError extends AccessDeniedError {
  constructor() {
    super('console-error-request-hidden');
  }
}

/** The actor of an audit event for something a member of staff did. */
export function staffActor(staff: { email: string }): string {
  return `staff:${staff.email}`;
}

/**
 * Refuses the work only a legal demand takes (evaluation, decision, notifying users, linking
 * duplicates) on a contact message, which is answered and closed instead; said beside the form.
 */
export function assertLegalDemand(request: { kind: string }, field = 'kind'): void {
  if (request.kind === 'contact') throw new ValidationError([{ field, message: 'a contact message is answered and closed, not evaluated or decided', code: 'contact-error-not-a-demand' }]);
}

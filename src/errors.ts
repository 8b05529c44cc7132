/**
 * The base of every error a capability raises on purpose. `code` names a message in the
 * catalogs (src/i18n/messages), `params` fill its placeholders; the edge (HTTP or CLI)
 * decides the status code or exit code, never the capability.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: readonly (string | number)[] = [],
    message?: string,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

/** A value given by a user is not acceptable; `field` names what is wrong. */
export class ValidationError extends DomainError {
  constructor(
    readonly issues: readonly FieldIssue[],
  ) {
    super('error-validation', [issues.length], issues.map(formatIssue).join('\n'));
  }
}

/**
 * One problem with one input field; `line` is set when the input came from a file. `message` is
 * English; `code` and `params`, when set, name the catalog message that says it in other languages.
 */
export interface FieldIssue {
  line?: number;
  field: string;
  message: string;
  code?: string;
  params?: (string | number)[];
}

/** Formats an issue the way every interface shows it: `line N: field: message`. */
export function formatIssue(issue: FieldIssue): string {
  return `${issue.line !== undefined ? `line ${issue.line}: ` : ''}${issue.field}: ${issue.message}`;
}

/** Something asked for does not exist. */
export class NotFoundError extends DomainError {}

/** Something the answer needs did not answer in time (answered 503: try again). */
export class UnavailableError extends DomainError {}

/** The actor is known but may not do this (answered 403 at the edge). */
export class AccessDeniedError extends DomainError {}

/** Signed in, but the role does not hold the permission this needs (answered 403). */
export class ForbiddenError extends AccessDeniedError {
  constructor(code = 'console-error-forbidden') {
    super(code);
  }
}

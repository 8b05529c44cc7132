import { DomainError, NotFoundError } from '../errors.ts';
import type { Kind, Outcome } from '../requests/model.ts';

/**
 * The kinds of request that get a public notice: demands to remove or change content. Demands
 * for users' data, to preserve it, or to disclose it in an emergency concern users, not content,
 * and are never published as notices; the transparency report counts them instead.
 */
export const NOTICE_KINDS = ['content_alteration', 'copyright'] as const satisfies readonly Kind[];
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Outcomes that decide a request (a withdrawal by the requester is not a decision). */
export const NOTICE_OUTCOMES = ['granted', 'partially_granted', 'denied', 'not_actionable'] as const satisfies readonly Outcome[];

export const NOTICE_STATES = ['draft', 'published', 'withdrawn'] as const;

export function hasPublicNotice(kind: string): kind is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(kind);
}

/** No notice has this reference (or it is not published). */
export class NoticeNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('notices-error-not-found', [reference.slice(0, 60)], `no notice ${reference.slice(0, 60)}`);
  }
}

/** The notice was published and then withdrawn: its permalink says so (410). */
export class NoticeWithdrawnError extends DomainError {
  constructor(readonly reference: string, readonly withdrawnAt: Date) {
    super('notices-withdrawn-text', [reference], `${reference} was withdrawn`);
  }
}

/** The notice is not in a state that allows this (e.g. editing a published notice). */
export class NoticeStateError extends DomainError {
  constructor(reference: string, state: string) {
    super(`notices-error-state-${state}`, [reference], `${reference} is ${state}`);
  }
}

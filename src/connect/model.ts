/** How long a confirmation link works; after that, signing up again sends a new one. */
export const CONFIRM_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A sign-up never confirmed is deleted this long after it was first asked for. */
export const UNCONFIRMED_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * At most one message per address in this time on sign-ups: the form answers everyone alike,
 * so without it anyone could fill a stranger's inbox by sending it again and again.
 */
export const RESEND_INTERVAL_MS = 10 * 60 * 1000;

/** Where a subscriber stands. */
export type SubscriberState = 'pending' | 'confirmed';
export const SUBSCRIBER_STATES: readonly SubscriberState[] = ['pending', 'confirmed'];

/** A validated sign-up, as the form gives it. */
export interface SignUpInput {
  email: string;
  name: string | null;
  language: string;
}

/**
 * The key that makes one subscription per address: the whole address in lower case. Mail
 * systems treat the local part case-blind in practice, and two rows for one inbox would mean
 * two newsletters.
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The address as it is kept: as typed, with the domain (always case-blind) in lower case. */
export function normalizeEmail(email: string): string {
  const text = email.trim();
  const at = text.lastIndexOf('@');
  return at < 0 ? text : `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
}

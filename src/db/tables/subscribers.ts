import type { Generated, Selectable } from 'kysely';

/**
 * Someone who signed up for the newsletter (Connect). Pending until `confirmed_at`; nothing
 * about where they signed up from (address, browser) is kept.
 */
export interface SubscribersTable {
  id: Generated<number>;
  /** The address as given (its domain in lower case). */
  email: string;
  /** The address in lower case: one subscription per address however it is written. */
  email_key: string;
  name: string | null;
  /** The language of every message to them. */
  language: string;
  created_at: Generated<Date>;
  /** The first sign-up with this address, not changed by those that follow: a pending one is purged 30 days after it. */
  requested_at: Date;
  confirmed_at: Date | null;
  /** SHA-256 (hex) of the confirmation link's token; the token itself is only in the mail. */
  confirm_token_hash: string | null;
  confirm_expires_at: Date | null;
  /** When mail last went to them on a sign-up, so a form cannot be used to flood an inbox. */
  last_mailed_at: Date | null;
}

export type SubscriberRow = Selectable<SubscribersTable>;

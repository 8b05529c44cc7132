import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { hashToken, looksLikeToken } from './tokens.ts';

/** Where a confirmation link stands: usable, already used, too old, or not one of ours. */
export type LinkState = 'valid' | 'confirmed' | 'expired' | 'unknown';

/** What a confirmation link would do, without doing it (the landing page shows this). */
export async function confirmationState(db: Kysely<Database>, token: unknown, now = new Date()): Promise<LinkState> {
  if (!looksLikeToken(token)) return 'unknown';
  const row = await db.selectFrom('subscribers').select(['confirmed_at', 'confirm_expires_at']).where('confirm_token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.confirmed_at) return 'confirmed';
  return row.confirm_expires_at && new Date(row.confirm_expires_at) > now ? 'valid' : 'expired';
}

/**
 * Confirms the sign-up a link belongs to, if the link is still valid; using it twice is fine.
 * Only a POST from the landing page's button gets here: mail scanners and link previews fetch
 * every address in a message, and a GET that confirmed would subscribe people who never saw
 * the mail. One conditional UPDATE, so two clicks at once confirm once.
 */
export async function confirmSubscription(db: Kysely<Database>, token: unknown, now = new Date()): Promise<LinkState> {
  if (!looksLikeToken(token)) return 'unknown';
  const confirmed = await db
    .updateTable('subscribers')
    .set({ confirmed_at: now })
    .where('confirm_token_hash', '=', hashToken(token))
    .where('confirmed_at', 'is', null)
    .where('confirm_expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
  if (confirmed) return 'confirmed';
  return confirmationState(db, token, now);
}

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/** A one-time link is good for three days: long enough to reach someone, short enough to expire unused. */
export const SIGN_IN_LINK_TTL_MS = 72 * 60 * 60 * 1000;

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a one-time link for an account inside the caller's transaction and returns its token,
 * which exists only in this answer: the table keeps its SHA-256. Every earlier link of the
 * account stops working.
 */
export async function issueLink(trx: Transaction<Database>, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
  await trx.deleteFrom('staff_sign_in_links').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await trx.insertInto('staff_sign_in_links').values({ token_hash: sha256(token), user_id: userId, created_at: now, expires_at: expiresAt, used_at: null }).execute();
  return { token, expiresAt };
}

/** The address a new member of staff opens to set up their account. */
export function welcomeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/console/welcome/${token}`;
}

/** The account a live link opens, and how far its set-up has come. */
export interface LinkAccount {
  tokenHash: string;
  userId: number;
  email: string;
  passwordSet: boolean;
  /** The encrypted TOTP secret chosen when the password was set, waiting for a first code. */
  totpSecret: string | null;
}

/**
 * The account behind a link that can still be used: not used, not replaced, not expired, and
 * for an account neither activated nor disabled. With a transaction, the link's row is locked
 * until it commits, so two tabs cannot both finish the set-up.
 */
export async function findLiveLink(db: Kysely<Database>, token: string, now = new Date(), lock = false): Promise<LinkAccount | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  let query = db
    .selectFrom('staff_sign_in_links as l')
    .innerJoin('staff_users as u', 'u.id', 'l.user_id')
    .select(['l.token_hash', 'l.user_id', 'l.expires_at', 'l.used_at', 'u.email', 'u.password_hash', 'u.totp_secret', 'u.activated_at', 'u.disabled_at'])
    .where('l.token_hash', '=', sha256(token));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || row.used_at || row.activated_at || row.disabled_at || row.expires_at.getTime() <= now.getTime()) return undefined;
  return { tokenHash: row.token_hash, userId: row.user_id, email: row.email, passwordSet: row.password_hash !== null, totpSecret: row.totp_secret };
}

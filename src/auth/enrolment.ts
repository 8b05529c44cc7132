import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { hashPassword } from './password-hash.ts';
import { passwordIssues } from './password-rules.ts';
import { open, seal, totpContext, totpKey } from './secret-box.ts';
import { createSession } from './sessions.ts';
import { findLiveLink, type LinkAccount } from './sign-in-links.ts';
import { accountBucket, claimAttempt, releaseAttempt } from './sign-in-throttle.ts';
import { SignInThrottledError } from './sign-in.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** The link is unknown, used, replaced by a newer one, expired, or its account is set up or disabled. */
export class LinkNotValidError extends NotFoundError {
  constructor() {
    super('auth-error-link-not-valid');
  }
}

/** Where an account's set-up stands, for the welcome page. */
export type WelcomeState = { step: 'password'; email: string } | { step: 'totp'; email: string; secret: string; uri: string };

async function liveLink(db: Kysely<Database>, token: string, now: Date, lock = false): Promise<LinkAccount> {
  const link = await findLiveLink(db, token, now, lock);
  if (!link) throw new LinkNotValidError();
  return link;
}

async function pendingSecret(db: Kysely<Database>, link: LinkAccount): Promise<string> {
  return open(await totpKey(db), link.totpSecret!, totpContext(link.userId));
}

/** What the welcome page shows for a link: the password form, or the second factor to enrol. */
export async function welcomeState(db: Kysely<Database>, token: string, now = new Date()): Promise<WelcomeState> {
  const link = await liveLink(db, token, now);
  if (!link.passwordSet || !link.totpSecret) return { step: 'password', email: link.email };
  const secret = await pendingSecret(db, link);
  return { step: 'totp', email: link.email, secret, uri: totpUri(secret, link.email) };
}

/**
 * Sets the password of an account being set up and chooses its TOTP secret (kept encrypted),
 * with the audit event, in one transaction. A password that breaks a rule is refused with a
 * ValidationError and nothing is stored. The account still cannot sign in: it is activated only
 * once a first code proves the authenticator app holds the secret.
 */
export async function setInitialPassword(db: Kysely<Database>, token: string, password: string, confirmation: string, now = new Date()): Promise<void> {
  await liveLink(db, token, now);
  const issues = passwordIssues(password, confirmation);
  if (issues.length > 0) throw new ValidationError(issues);
  const passwordHash = await hashPassword(password);
  const key = await totpKey(db);
  await db.transaction().execute(async (trx) => {
    const link = await liveLink(trx, token, now, true);
    await trx
      .updateTable('staff_users')
      .set({ password_hash: passwordHash, totp_secret: seal(key, newTotpSecret(), totpContext(link.userId)), totp_last_step: null })
      .where('id', '=', link.userId)
      .execute();
    await appendEvent(trx, { actor: `staff:${link.userId}`, action: 'staff.password_set', subjectType: 'staff_user', subjectId: link.userId, payload: { email: link.email, through: 'sign_in_link' }, occurredAt: now });
  });
}

/**
 * Confirms the second factor with a current code and activates the account: the link is used
 * up, the code's step recorded (it cannot be used again), and a first session opened, all with
 * their audit events in one transaction. Wrong codes count against the account's hourly limit.
 */
export async function confirmTotp(db: Kysely<Database>, token: string, code: string, userAgent: string | undefined, now = new Date()): Promise<{ sessionToken: string; userId: number }> {
  const first = await liveLink(db, token, now);
  if (!first.passwordSet || !first.totpSecret) throw new LinkNotValidError();
  const claim = await claimAttempt(db, [await accountBucket(db, first.email)], now);
  if (!claim.ok) throw new SignInThrottledError();
  const key = await totpKey(db);
  const result = await db.transaction().execute(async (trx) => {
    const link = await liveLink(trx, token, now, true);
    const step = link.totpSecret ? verifyTotp(open(key, link.totpSecret, totpContext(link.userId)), code, null, now) : null;
    if (step === null) {
      await appendEvent(trx, { actor: `staff:${link.userId}`, action: 'staff.totp_enrolment_failed', subjectType: 'staff_user', subjectId: link.userId, payload: { email: link.email }, occurredAt: now });
      return undefined;
    }
    await trx.updateTable('staff_users').set({ activated_at: now, totp_last_step: step }).where('id', '=', link.userId).execute();
    await trx.updateTable('staff_sign_in_links').set({ used_at: now }).where('token_hash', '=', link.tokenHash).execute();
    const session = await createSession(trx, link.userId, userAgent, now);
    await appendEvent(trx, { actor: `staff:${link.userId}`, action: 'staff.activated', subjectType: 'staff_user', subjectId: link.userId, payload: { email: link.email, second_factor: 'totp' }, occurredAt: now });
    await appendEvent(trx, { actor: `staff:${link.userId}`, action: 'staff.signed_in', subjectType: 'staff_user', subjectId: link.userId, payload: { session_id: session.sessionId, through: 'sign_in_link' }, occurredAt: now });
    return { sessionToken: session.token, userId: link.userId };
  });
  if (!result) throw new ValidationError([{ field: 'code', message: 'is not the current code of the authenticator app', code: 'auth-totp-wrong' }]);
  await releaseAttempt(db, claim.attempt);
  return result;
}

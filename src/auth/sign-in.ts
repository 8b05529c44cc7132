import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { verifyAgainstNothing, verifyPassword } from './password-hash.ts';
import { PASSWORD_MAX_LENGTH } from './password-rules.ts';
import { open, totpContext, totpKey } from './secret-box.ts';
import { createSession } from './sessions.ts';
import { accountBucket, addressBucket, claimAttempt, releaseAttempt, type Bucket } from './sign-in-throttle.ts';
import { verifyTotp } from './totp.ts';

/**
 * The e-mail address, password or code is wrong, or the account cannot sign in. One message for
 * every case, so that nobody learns which accounts exist or which factor failed.
 */
export class SignInRefusedError extends DomainError {
  constructor() {
    super('auth-error-sign-in-refused');
  }
}

/** Too many failed attempts in the last hour for this account (or from this address). */
export class SignInThrottledError extends DomainError {
  constructor(readonly scope: Bucket['kind'] = 'account') {
    super(scope === 'account' ? 'auth-error-throttled-account' : 'auth-error-throttled-address');
  }
}

export interface SignInInput {
  email: string;
  password: string;
  code: string;
  /** The client's address: counted under a keyed hash, never stored. */
  address: string;
  userAgent: string | undefined;
}

type Outcome = { ok: true; userId: number; step: number } | { ok: false; userId: number | null; reason: 'unknown_account' | 'not_activated' | 'disabled' | 'password' | 'code' };

/** Checks both factors; every path verifies one Argon2id hash, so all take about as long. */
async function checkCredentials(db: Kysely<Database>, email: string, password: string, code: string, now: Date): Promise<Outcome> {
  const user = await db.selectFrom('staff_users').select(['id', 'password_hash', 'totp_secret', 'totp_last_step', 'activated_at', 'disabled_at']).where('email', '=', email).executeTakeFirst();
  if (!user || !user.password_hash || !user.totp_secret) {
    await verifyAgainstNothing(password);
    return { ok: false, userId: user?.id ?? null, reason: user ? 'not_activated' : 'unknown_account' };
  }
  const passwordOk = await verifyPassword(user.password_hash, password);
  // The code is checked whatever the password said, so a wrong password takes as long as a wrong code.
  const step = verifyTotp(open(await totpKey(db), user.totp_secret, totpContext(user.id)), code, user.totp_last_step, now);
  if (!user.activated_at) return { ok: false, userId: user.id, reason: 'not_activated' };
  if (user.disabled_at) return { ok: false, userId: user.id, reason: 'disabled' };
  if (!passwordOk) return { ok: false, userId: user.id, reason: 'password' };
  if (step === null) return { ok: false, userId: user.id, reason: 'code' };
  return { ok: true, userId: user.id, step };
}

/**
 * Signs a member of staff in with e-mail address, password and a current TOTP code, and opens a
 * session. Refusals are SignInRefusedError (one message whatever was wrong) or
 * SignInThrottledError after 100 failures in an hour for the account, or 300 from the address,
 * even with the right credentials. Every attempt is an audit event; an unknown address is
 * recorded only as a keyed hash, and a password never.
 */
export async function signIn(db: Kysely<Database>, input: SignInInput, now = new Date()): Promise<{ sessionToken: string; sessionId: number; userId: number }> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const account = await accountBucket(db, email);
  const claim = await claimAttempt(db, [account, await addressBucket(db, input.address)], now);
  if (!claim.ok) {
    await db.transaction().execute((trx) =>
      appendEvent(trx, { actor: 'anonymous', action: 'staff.sign_in_throttled', subjectType: 'staff_user', subjectId: null, payload: { account_key: account.key, limit: claim.full.kind }, occurredAt: now }),
    );
    throw new SignInThrottledError(claim.full.kind);
  }
  const password = input.password.slice(0, PASSWORD_MAX_LENGTH * 4);
  const outcome = await checkCredentials(db, email, password, input.code, now);
  const session = await db.transaction().execute(async (trx) => {
    if (!outcome.ok) {
      const who = outcome.userId === null ? { account_key: account.key } : { email };
      await appendEvent(trx, { actor: 'anonymous', action: 'staff.sign_in_failed', subjectType: 'staff_user', subjectId: outcome.userId, payload: { ...who, reason: outcome.reason }, occurredAt: now });
      return undefined;
    }
    // Accepting the code's step only if it is newer than the last one makes a replay fail even when two attempts race.
    const claimed = await trx
      .updateTable('staff_users')
      .set({ totp_last_step: outcome.step })
      .where('id', '=', outcome.userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', outcome.step)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) {
      await appendEvent(trx, { actor: 'anonymous', action: 'staff.sign_in_failed', subjectType: 'staff_user', subjectId: outcome.userId, payload: { email, reason: 'code' }, occurredAt: now });
      return undefined;
    }
    const opened = await createSession(trx, outcome.userId, input.userAgent, now);
    await appendEvent(trx, { actor: `staff:${outcome.userId}`, action: 'staff.signed_in', subjectType: 'staff_user', subjectId: outcome.userId, payload: { session_id: opened.sessionId, through: 'password_and_totp' }, occurredAt: now });
    return { sessionToken: opened.token, sessionId: opened.sessionId, userId: outcome.userId };
  });
  if (!session) throw new SignInRefusedError();
  await releaseAttempt(db, claim.attempt);
  return session;
}

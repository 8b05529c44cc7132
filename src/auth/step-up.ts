import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { DomainError, ValidationError } from '../errors.ts';
import { open, totpContext, totpKey } from './secret-box.ts';
import { isSteppedUp, type StaffSession } from './sessions.ts';
import { accountBucket, claimAttempt, releaseAttempt } from './sign-in-throttle.ts';
import { SignInThrottledError } from './sign-in.ts';
import { verifyTotp } from './totp.ts';

/** Disclosing user data or publishing needs the second factor entered within the last minutes. */
export class StepUpRequiredError extends DomainError {
  constructor() {
    super('console-error-step-up-required');
  }
}

/**
 * Call before disclosing user data, publishing, or changing accounts: throws StepUpRequiredError
 * (answered with a redirect to /console/step-up) unless the session entered its second factor
 * within the last five minutes.
 */
export function requireStepUp(staff: StaffSession, now = new Date()): void {
  if (!isSteppedUp(staff, now)) throw new StepUpRequiredError();
}

/**
 * Checks a fresh TOTP code for a signed-in member of staff and marks the session as stepped up,
 * with the audit event, in one transaction. A wrong or replayed code is a ValidationError and
 * counts against the account's hourly limit of failures, like a failed sign-in.
 */
export async function stepUp(db: Kysely<Database>, staff: StaffSession, code: string, now = new Date()): Promise<void> {
  const claim = await claimAttempt(db, [await accountBucket(db, staff.email)], now);
  if (!claim.ok) throw new SignInThrottledError();
  const key = await totpKey(db);
  const ok = await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('staff_users').select(['totp_secret', 'totp_last_step']).where('id', '=', staff.userId).forUpdate().executeTakeFirstOrThrow();
    const step = user.totp_secret ? verifyTotp(open(key, user.totp_secret, totpContext(staff.userId)), code, user.totp_last_step, now) : null;
    if (step === null) {
      await appendEvent(trx, { actor: `staff:${staff.userId}`, action: 'staff.step_up_failed', subjectType: 'staff_user', subjectId: staff.userId, payload: { session_id: staff.sessionId }, occurredAt: now });
      return false;
    }
    await trx.updateTable('staff_users').set({ totp_last_step: step }).where('id', '=', staff.userId).execute();
    await trx.updateTable('staff_sessions').set({ stepped_up_at: now }).where('id', '=', staff.sessionId).execute();
    await appendEvent(trx, { actor: `staff:${staff.userId}`, action: 'staff.stepped_up', subjectType: 'staff_user', subjectId: staff.userId, payload: { session_id: staff.sessionId }, occurredAt: now });
    return true;
  });
  if (!ok) throw new ValidationError([{ field: 'code', message: 'is not the current code of the authenticator app', code: 'auth-totp-wrong' }]);
  await releaseAttempt(db, claim.attempt);
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { ValidationError } from '../errors.ts';
import { StepUpRequiredError as FromConsoleAccess } from '../http/console-access.ts';
import { seal, totpContext, totpKey } from './secret-box.ts';
import { createSession, loadSession, type StaffSession } from './sessions.ts';
import { StepUpRequiredError, requireStepUp, stepUp } from './step-up.ts';
import { currentTotp, newTotpSecret } from './totp.ts';

const staffAt = (steppedUpAt: Date | null): StaffSession => ({ sessionId: 1, userId: 1, email: 'a@desk.example', displayName: null, role: 'counsel', csrfToken: 'x', createdAt: new Date(0), steppedUpAt });

describe('requireStepUp', () => {
  it('passes within five minutes of entering the second factor, and throws after', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    assert.doesNotThrow(() => requireStepUp(staffAt(new Date(now.getTime() - 4 * 60_000)), now));
    assert.doesNotThrow(() => requireStepUp(staffAt(new Date(now.getTime() - 5 * 60_000)), now));
    assert.throws(() => requireStepUp(staffAt(new Date(now.getTime() - 5 * 60_000 - 1)), now), StepUpRequiredError);
    assert.throws(() => requireStepUp(staffAt(null), now), StepUpRequiredError);
  });

  it('throws the class the console answers with a redirect to /console/step-up', () => {
    assert.equal(FromConsoleAccess, StepUpRequiredError);
  });
});

describe('stepUp', () => {
  const suite = useTestDatabase();

  it('marks the session with a fresh code, and refuses the same code again', async () => {
    const db = suite.handle.db;
    const secret = newTotpSecret();
    const user = await db.insertInto('staff_users').values({ email: 'step@desk.example', role: 'counsel', display_name: null, activated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('staff_users').set({ totp_secret: seal(await totpKey(db), secret, totpContext(user.id)) }).where('id', '=', user.id).execute();
    const signedInAt = new Date(Date.now() - 10 * 60_000);
    const { token } = await createSession(db, user.id, undefined, signedInAt);
    const stale = (await loadSession(db, token))!;
    assert.throws(() => requireStepUp(stale), StepUpRequiredError);

    await assert.rejects(stepUp(db, stale, currentTotp(secret, new Date(Date.now() - 10 * 60_000))), ValidationError, 'a code of ten minutes ago');
    const code = currentTotp(secret);
    await stepUp(db, stale, code);
    const fresh = (await loadSession(db, token))!;
    assert.doesNotThrow(() => requireStepUp(fresh));
    await assert.rejects(stepUp(db, fresh, code), ValidationError, 'a code is accepted once');

    const events = await db.selectFrom('audit_events').select('action').where('subject_id', '=', user.id).where('subject_type', '=', 'staff_user').orderBy('id').execute();
    assert.deepEqual(events.map((event) => event.action), ['staff.step_up_failed', 'staff.stepped_up', 'staff.step_up_failed']);
  });
});

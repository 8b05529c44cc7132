import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { createSession, loadSession, revokeSession } from './sessions.ts';

const MINUTE = 60_000;

describe('loadSession', () => {
  const suite = useTestDatabase();
  const newUser = async (email: string) =>
    (await suite.handle.db.insertInto('staff_users').values({ email, role: 'reviewer', display_name: null, activated_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;

  it('ends a session after 30 minutes without a request, and not before', async () => {
    const db = suite.handle.db;
    const t0 = new Date('2026-12-01T08:00:00Z');
    const { token } = await createSession(db, await newUser('idle@desk.example'), 'Mozilla/5.0 Firefox/140.0', t0);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    assert.ok(await loadSession(db, token, at(29)), 'used after 29 minutes');
    assert.ok(await loadSession(db, token, at(58)), 'activity moved the idle limit on');
    assert.equal(await loadSession(db, token, at(58 + 31)), undefined, 'idle for 31 minutes');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const db = suite.handle.db;
    const t0 = new Date('2026-12-01T08:00:00Z');
    const { token } = await createSession(db, await newUser('busy@desk.example'), undefined, t0);
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) assert.ok(await loadSession(db, token, new Date(t0.getTime() + minutes * MINUTE)), `at ${minutes} minutes`);
    assert.equal(await loadSession(db, token, new Date(t0.getTime() + (12 * 60 + 1) * MINUTE)), undefined);
  });

  it('refuses a revoked session, a disabled account and a made-up token', async () => {
    const db = suite.handle.db;
    const now = new Date();
    const userId = await newUser('gone@desk.example');
    const first = await createSession(db, userId, undefined, now);
    const second = await createSession(db, userId, undefined, now);
    assert.equal(await revokeSession(db, userId, first.sessionId, now), true);
    assert.equal(await loadSession(db, first.token, now), undefined);
    assert.ok(await loadSession(db, second.token, now));
    await db.updateTable('staff_users').set({ disabled_at: now }).where('id', '=', userId).execute();
    assert.equal(await loadSession(db, second.token, now), undefined);
    assert.equal(await loadSession(db, 'x'.repeat(43), now), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { SIGN_IN_LIMITS, accountBucket, addressBucket, claimAttempt, releaseAttempt } from './sign-in-throttle.ts';

describe('sign-in throttle', () => {
  const suite = useTestDatabase();

  it('keys buckets by a keyed hash, never the address itself', async () => {
    const bucket = await accountBucket(suite.handle.db, 'someone@desk.example');
    assert.match(bucket.key, /^account:[A-Za-z0-9_-]{32}$/);
    assert.ok(!bucket.key.includes('someone'));
    assert.deepEqual(await accountBucket(suite.handle.db, 'someone@desk.example'), bucket, 'stable');
    assert.notDeepEqual(await accountBucket(suite.handle.db, 'someone.else@desk.example'), bucket);
  });

  it('allows 100 failures per account in any hour, then refuses until the oldest is an hour old', async () => {
    const db = suite.handle.db;
    const bucket = await accountBucket(db, 'limit@desk.example');
    const t0 = new Date('2026-12-01T09:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMITS.account; i++) {
      const claim = await claimAttempt(db, [bucket], new Date(t0.getTime() + i * 1_000));
      assert.equal(claim.ok, true, `attempt ${i + 1}`);
    }
    const refused = await claimAttempt(db, [bucket], new Date(t0.getTime() + 30 * 60_000));
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.full, bucket);
    // A sliding hour: one minute past the first failure's hour, one attempt is free again.
    assert.equal((await claimAttempt(db, [bucket], new Date(t0.getTime() + 60 * 60_000 + 500))).ok, true);
    assert.equal((await claimAttempt(db, [bucket], new Date(t0.getTime() + 60 * 60_000 + 600))).ok, false);
  });

  it('does not count an attempt that succeeded', async () => {
    const db = suite.handle.db;
    const bucket = await accountBucket(db, 'fine@desk.example');
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMITS.account - 1; i++) assert.equal((await claimAttempt(db, [bucket], now)).ok, true);
    const last = await claimAttempt(db, [bucket], now);
    assert.ok(last.ok);
    await releaseAttempt(db, last.attempt);
    assert.equal((await claimAttempt(db, [bucket], now)).ok, true);
    assert.equal((await claimAttempt(db, [bucket], now)).ok, false);
  });

  it('lets no more than the limit through when attempts race', async () => {
    const db = suite.handle.db;
    const bucket = await accountBucket(db, 'race@desk.example');
    const now = new Date();
    await db.insertInto('staff_sign_in_failures').values(Array.from({ length: SIGN_IN_LIMITS.account - 5 }, () => ({ bucket: bucket.key, failed_at: now }))).execute();
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimAttempt(db, [bucket], now)));
    assert.equal(claims.filter((claim) => claim.ok).length, 5);
  });

  it('counts the address apart from the account', async () => {
    const db = suite.handle.db;
    const address = await addressBucket(db, '192.0.2.7');
    const now = new Date();
    await db.insertInto('staff_sign_in_failures').values(Array.from({ length: SIGN_IN_LIMITS.address }, () => ({ bucket: address.key, failed_at: now }))).execute();
    const claim = await claimAttempt(db, [await accountBucket(db, 'fresh@desk.example'), address], now);
    assert.equal(claim.ok, false);
    assert.equal(!claim.ok && claim.full.kind, 'address');
    assert.equal((await claimAttempt(db, [await accountBucket(db, 'fresh@desk.example'), await addressBucket(db, '192.0.2.8')], now)).ok, true);
  });

  it('forgets failures that no longer count', async () => {
    const db = suite.handle.db;
    const bucket = await accountBucket(db, 'old@desk.example');
    const now = new Date('2026-12-02T12:00:00Z');
    await db.insertInto('staff_sign_in_failures').values([{ bucket: bucket.key, failed_at: new Date(now.getTime() - 3 * 60 * 60_000) }, { bucket: bucket.key, failed_at: new Date(now.getTime() - 30 * 60_000) }]).execute();
    await claimAttempt(db, [bucket], now);
    const left = await db.selectFrom('staff_sign_in_failures').select('failed_at').where('bucket', '=', bucket.key).orderBy('failed_at').execute();
    assert.deepEqual(left.map((row) => row.failed_at.toISOString()), ['2026-12-02T11:30:00.000Z', '2026-12-02T12:00:00.000Z']);
  });
});

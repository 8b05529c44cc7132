import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { up as setBackToFirstRequest } from '../db/migrations/20261201150000-subscribers-first-request.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { purgeUnconfirmed } from './purge.ts';

const DAY = 86_400_000;

describe('sign-ups kept alive by repeats before the purge counted from the first', () => {
  const suite = useTestDatabase();

  it('are counted from their first request once migrated, and purged; confirmed ones are left alone', async () => {
    const db = suite.handle.db;
    const first = new Date('2026-10-01T08:00:00Z');
    const repeated = new Date('2026-11-20T08:00:00Z');
    // As the earlier code left them: a repeat had moved `requested_at` forward.
    await db
      .insertInto('subscribers')
      .values([
        { email: 'stranger@example.net', email_key: 'stranger@example.net', name: null, language: 'en', created_at: first, requested_at: repeated },
        { email: 'reader@example.net', email_key: 'reader@example.net', name: null, language: 'en', created_at: first, requested_at: repeated, confirmed_at: repeated },
      ])
      .execute();
    const now = new Date(repeated.getTime() + 5 * DAY);
    assert.equal(await purgeUnconfirmed(db, now), 0, 'before the migration, the repeat keeps it');
    await setBackToFirstRequest(db as unknown as Kysely<unknown>);
    const rows = await db.selectFrom('subscribers').select(['email', 'requested_at']).orderBy('email').execute();
    assert.deepEqual(rows, [
      { email: 'reader@example.net', requested_at: repeated },
      { email: 'stranger@example.net', requested_at: first },
    ]);
    assert.equal(await purgeUnconfirmed(db, now), 1);
    assert.deepEqual((await db.selectFrom('subscribers').select('email').execute()).map((row) => row.email), ['reader@example.net']);
  });
});

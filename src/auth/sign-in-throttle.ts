import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { secret } from '../settings/secrets.ts';

const WINDOW_MS = 60 * 60 * 1000;

/**
 * Failed attempts allowed in any hour: per account (whoever tries, from wherever), and per client
 * address (one machine trying many accounts). Past them, even the right credentials are refused
 * until the oldest failure is an hour old.
 */
export const SIGN_IN_LIMITS = { account: 100, address: 300 } as const;

export type Bucket = { kind: keyof typeof SIGN_IN_LIMITS; key: string };

function keyed(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);
}

/** The bucket of an e-mail address (known account or not, so that the limit says nothing about which exist). */
export async function accountBucket(db: Kysely<Database>, email: string): Promise<Bucket> {
  return { kind: 'account', key: `account:${keyed(await secret(db, 'sign-in-key'), email)}` };
}

/** The bucket of a client address. */
export async function addressBucket(db: Kysely<Database>, address: string): Promise<Bucket> {
  return { kind: 'address', key: `address:${keyed(await secret(db, 'sign-in-key'), address)}` };
}

/** A claimed attempt: counted as a failure until it is released by a success. */
export interface Attempt {
  ids: number[];
}

/**
 * Counts an attempt against its buckets before the credentials are checked, or says which
 * bucket is full. The attempt counts as a failure from the start (so that attempts running at
 * the same time cannot together pass the limit) and is released if it succeeds. Each bucket's
 * count and insert run under a transaction-scoped advisory lock, so the limit is exact across
 * every process sharing the database.
 */
export async function claimAttempt(db: Kysely<Database>, buckets: Bucket[], now = new Date()): Promise<{ ok: true; attempt: Attempt } | { ok: false; full: Bucket }> {
  const since = new Date(now.getTime() - WINDOW_MS);
  await purgeSignInFailures(db, now);
  const sorted = [...buckets].sort((a, b) => a.key.localeCompare(b.key));
  return db.transaction().execute(async (trx) => {
    for (const bucket of sorted) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${bucket.key}, 0))`.execute(trx);
    for (const bucket of sorted) {
      const row = await trx
        .selectFrom('staff_sign_in_failures')
        .select((eb) => eb.fn.countAll<string>().as('failures'))
        .where('bucket', '=', bucket.key)
        .where('failed_at', '>', since)
        .executeTakeFirstOrThrow();
      if (Number(row.failures) >= SIGN_IN_LIMITS[bucket.kind]) return { ok: false as const, full: bucket };
    }
    const rows = await trx
      .insertInto('staff_sign_in_failures')
      .values(sorted.map((bucket) => ({ bucket: bucket.key, failed_at: now })))
      .returning('id')
      .execute();
    return { ok: true as const, attempt: { ids: rows.map((row) => row.id) } };
  });
}

/** The attempt succeeded: it no longer counts as a failure. */
export async function releaseAttempt(db: Kysely<Database>, attempt: Attempt): Promise<void> {
  if (attempt.ids.length > 0) await db.deleteFrom('staff_sign_in_failures').where('id', 'in', attempt.ids).execute();
}

/**
 * Removes failures that no longer count (older than two hours: one window, and as much again for
 * clocks of processes that disagree). Run before every attempt, so the table holds at most about
 * two hours of failures; the audit trail keeps them for good.
 */
export async function purgeSignInFailures(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('staff_sign_in_failures').where('failed_at', '<', new Date(now.getTime() - 2 * WINDOW_MS)).execute();
}

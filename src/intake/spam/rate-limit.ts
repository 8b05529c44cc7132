import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { secret } from '../../settings/secrets.ts';

const WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts one hit for a client address in the current hour and says whether it is within `limit`.
 * The address is never stored: the bucket is an HMAC of it under a secret kept in the database,
 * and the windows of every process sharing the database add up.
 */
export async function hitRateLimit(db: Kysely<Database>, scope: string, address: string, limit: number, now = new Date()): Promise<{ allowed: boolean; hits: number }> {
  const key = await secret(db, 'rate-limit-key');
  const bucket = `${scope}:${createHmac('sha256', key).update(address).digest('base64url').slice(0, 32)}`;
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return { allowed: row.hits <= limit, hits: row.hits };
}

/** Removes windows that ended more than a day ago. */
export async function purgeRateLimits(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now.getTime() - 24 * WINDOW_MS)).execute();
}

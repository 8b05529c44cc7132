import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

// Per database handle: a process that opens two databases never mixes their secrets.
const cache = new WeakMap<Kysely<Database>, Map<string, string>>();

/**
 * A secret Candor generates on first use and keeps in the database, so that every process sharing
 * the database agrees on it (keyed hashes for rate limits, signatures of proof-of-work challenges).
 */
export async function secret(db: Kysely<Database>, key: string): Promise<string> {
  let known = cache.get(db);
  if (!known) cache.set(db, (known = new Map()));
  const value = known.get(key);
  if (value) return value;
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  known.set(key, row.value);
  return row.value;
}

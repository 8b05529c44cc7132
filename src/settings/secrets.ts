import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

const cache = new Map<string, string>();

/**
 * A secret Candor generates on first use and keeps in the database, so that every process sharing
 * the database agrees on it (keyed hashes for rate limits, signatures of proof-of-work challenges).
 */
export async function secret(db: Kysely<Database>, key: string): Promise<string> {
  const known = cache.get(key);
  if (known) return known;
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  cache.set(key, row.value);
  return row.value;
}

/** Forgets cached secrets (tests that swap databases in one process). */
export function clearSecretCache(): void {
  cache.clear();
}


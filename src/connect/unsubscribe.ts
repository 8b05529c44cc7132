import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { readUnsubscribeToken } from './tokens.ts';

/**
 * Unsubscribes whoever an unsubscribe link was made for, by deleting them and their mail: an
 * address that no longer wants the newsletter is nothing we need to keep. A pending sign-up is
 * cancelled the same way. Idempotent: a genuine link answers "done" again after the row is gone.
 * Returns false for a token that is not one of ours.
 */
export async function unsubscribe(db: Kysely<Database>, token: unknown): Promise<boolean> {
  const id = await readUnsubscribeToken(db, token);
  if (id === undefined) return false;
  await db.deleteFrom('subscribers').where('id', '=', id).execute();
  return true;
}

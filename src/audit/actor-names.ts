import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** The names of the staff members among the actors of some events (`user:ID` → e-mail), looked up in one query. */
export async function actorNames(db: Kysely<Database>, actors: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set([...actors].map((actor) => /^user:([1-9]\d{0,15})$/.exec(actor)?.[1]).filter((id): id is string => !!id))].map(Number);
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('staff_users').select(['id', 'email']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [`user:${row.id}`, row.email]));
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createRequests } from '../requests/create-requests.ts';
import { demoDeskRequests } from './desk-requests.ts';
import { generateRequests } from './generate-requests.ts';

export const DEMO_REQUEST_COUNT = 600;

/** Whether the database holds no request yet (the demo is only ever added to an empty one). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('requests').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Adds the demo requests of a fictional organisation: plausible demands from the start of the
 * half-year two years back until now, so that every recent report period has figures. Does nothing on a
 * database that already has requests. Returns how many it added.
 */
export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<number> {
  if (!(await isEmpty(db))) return 0;
  const until = now;
  const from = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth() >= 6 ? 6 : 0, 1));
  const requests = generateRequests(DEMO_REQUEST_COUNT, { seed: 2026, from, until });
  // Work waiting on the desk, with the requesters' own words.
  requests.push(...demoDeskRequests(now));
  requests.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  await db.transaction().execute((trx) => createRequests(trx, requests, 'system:demo'));
  return requests.length;
}

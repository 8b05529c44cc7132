import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createRequests } from '../requests/create-requests.ts';
import { demoDeskRequests } from './desk-requests.ts';
import { generateRequests } from './generate-requests.ts';
import { appendEvents } from '../audit/append-events.ts';
import { prepareMissingDrafts } from '../notices/prepare-draft.ts';
import { seedDemoImages, seedDemoSurveys } from './demo-site-content.ts';
import { seedDemoSubscribers } from './demo-subscribers.ts';
import { seedDemoNews } from './news-posts.ts';
import { seedDemoContactMessages } from './contact-messages.ts';

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
  await publishDemoNotices(db, now);
  await seedDemoImages(db, now);
  await seedDemoSurveys(db, now);
  await seedDemoSubscribers(db, now);
  await seedDemoNews(db, now);
  await seedDemoContactMessages(db, now);
  return requests.length;
}

/**
 * The demo's public notice database: the redacted drafts of its decided requests, published as
 * the demo organisation (a real desk reviews each one in the console before it is published).
 */
async function publishDemoNotices(db: Kysely<Database>, now: Date): Promise<void> {
  while ((await prepareMissingDrafts(db, 200, now)) > 0);
  await db.transaction().execute(async (trx) => {
    const drafts = await trx.updateTable('public_notices').set({ state: 'published', published_at: now, updated_at: now }).where('state', '=', 'draft').returning(['id', 'reference']).execute();
    await appendEvents(trx, drafts.map((draft) => ({ actor: 'system:demo', action: 'notice.published', subjectType: 'public_notice', subjectId: draft.id, payload: { reference: draft.reference, republished: false }, occurredAt: now })));
  });
}

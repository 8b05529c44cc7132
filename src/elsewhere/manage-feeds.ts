import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { ElsewhereFeedRow } from '../db/tables/elsewhere.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { safeLink } from './fetch-feeds.ts';

/** A feed as the console lists it: where it is, how its last fetch went, how many links it gave. */
export type FeedStatus = Pick<ElsewhereFeedRow, 'id' | 'name' | 'url' | 'last_fetched_at' | 'last_status' | 'last_error'> & { items: number };

/** Every stored feed with its last fetch and its count of links, by name. */
export async function listFeedStatus(db: Kysely<Database>): Promise<FeedStatus[]> {
  const rows = await db
    .selectFrom('elsewhere_feeds as f')
    .leftJoin('elsewhere_items as i', 'i.feed_id', 'f.id')
    .select(['f.id', 'f.name', 'f.url', 'f.last_fetched_at', 'f.last_status', 'f.last_error', (eb) => eb.fn.count<number>('i.id').as('items')])
    .groupBy('f.id')
    .orderBy('f.name')
    .execute();
  return rows.map((row) => ({ ...row, items: Number(row.items) }));
}

/** Adds a feed (a name, an http or https address not yet listed); fetched in the next round. Audited. */
export async function addFeed(db: Kysely<Database>, staff: StaffSession, input: { name?: string; url?: string }): Promise<number> {
  const issues: FieldIssue[] = [];
  const name = (input.name ?? '').trim();
  const url = safeLink(input.url ?? '');
  if (!name || name.length > 100 || /[\r\n]/.test(name)) issues.push({ field: 'name', message: 'must be one line of 1 to 100 characters', code: 'elsewhere-error-name' });
  if (!url) issues.push({ field: 'url', message: 'must be an http or https address', code: 'elsewhere-error-url' });
  if (issues.length > 0) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('elsewhere_feeds').values({ name, url: url! }).onConflict((conflict) => conflict.column('url').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new ValidationError([{ field: 'url', message: 'is listed already', code: 'elsewhere-error-duplicate' }]);
    await appendEvent(trx, { actor: `staff:${staff.email}`, action: 'elsewhere_feed.added', subjectType: 'elsewhere_feed', subjectId: inserted.id, payload: { name, url } });
    return inserted.id;
  });
}

/** Removes a feed and the links it gave. Audited. */
export async function removeFeed(db: Kysely<Database>, staff: StaffSession, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('elsewhere_feeds').where('id', '=', id).returning(['name', 'url']).executeTakeFirst();
    if (!removed) throw new NotFoundError('elsewhere-error-not-found', [id]);
    await appendEvent(trx, { actor: `staff:${staff.email}`, action: 'elsewhere_feed.removed', subjectType: 'elsewhere_feed', subjectId: id, payload: removed });
  });
}

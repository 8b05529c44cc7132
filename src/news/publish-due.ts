import type { Kysely } from 'kysely';
import { appendEvents } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { siteContentChanged } from '../site/page-cache.ts';

/**
 * One round of scheduled publishing: every scheduled translation whose time has come becomes
 * published, dated at its scheduled time (not at the round's), with an audit event each, and
 * the page caches are told. Readers see such a translation from its time on in any case (see
 * src/news/visibility.ts); the round makes the record say so. The conditional UPDATE is the
 * claim: when several processes run a round at once, each row is flipped, and audited, by one
 * of them only. Returns how many it published.
 */
export async function publishDueNews(db: Kysely<Database>, now = new Date()): Promise<number> {
  const flipped = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('news_translations')
      .set((eb) => ({ status: 'published', published_at: eb.fn.coalesce('published_at', 'publish_at') }))
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .returning(['post_id', 'lang', 'slug', 'publish_at', 'revision'])
      .execute();
    await appendEvents(
      trx,
      rows.map((row) => ({ actor: 'system:schedule', action: 'news.published_on_schedule', subjectType: 'news_post', subjectId: Number(row.post_id), payload: { lang: row.lang, slug: row.slug, publish_at: row.publish_at ? new Date(row.publish_at).toISOString() : null, revision: row.revision }, occurredAt: now })),
    );
    return rows.length;
  });
  if (flipped > 0) siteContentChanged();
  return flipped;
}

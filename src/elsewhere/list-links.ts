import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** A gathered link as the public site shows it: title, address, date and the feed it came from. */
export interface ElsewhereLink {
  title: string;
  link: string;
  publishedAt: Date | null;
  source: string;
}

/** The newest links across the configured feeds, newest first (undated ones last). */
export async function recentLinks(db: Kysely<Database>, limit: number): Promise<ElsewhereLink[]> {
  const rows = await db
    .selectFrom('elsewhere_items as i')
    .innerJoin('elsewhere_feeds as f', 'f.id', 'i.feed_id')
    .select(['i.title', 'i.link', 'i.published_at', 'f.name'])
    .orderBy('i.published_at', (order) => order.desc().nullsLast())
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ title: row.title, link: row.link, publishedAt: row.published_at ? new Date(row.published_at) : null, source: row.name }));
}

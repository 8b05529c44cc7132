import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NewsTranslationRow } from '../db/tables/news.ts';

/**
 * Whether a translation is visible to readers at `now`: published, or scheduled for a time that
 * has come. Visibility is decided by the data, not by the round that flips scheduled translations
 * to published (src/news/publish-due.ts): a translation scheduled while the server was down, or
 * between two rounds, is shown from its time on all the same.
 */
export function isVisible(eb: ExpressionBuilder<Database, 'news_translations'>, now: Date) {
  return eb.or([eb('news_translations.status', '=', 'published'), eb.and([eb('news_translations.status', '=', 'scheduled'), eb('news_translations.publish_at', '<=', now)])]);
}

/** The moment a visible translation became visible: its first publication, or its scheduled time. */
export const visibleSince = sql<Date>`coalesce(news_translations.published_at, news_translations.publish_at)`;

/** A translation as readers see it: an explicit list of fields (never the editors' marks). */
export interface NewsItem {
  postId: number;
  lang: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  publishedAt: Date;
  updatedAt: Date;
}

function present(row: NewsTranslationRow & { visible_since: Date }): NewsItem {
  const publishedAt = new Date(row.visible_since);
  const updatedAt = new Date(row.updated_at);
  return { postId: Number(row.post_id), lang: row.lang, slug: row.slug, title: row.title, summary: row.summary, body: row.body, publishedAt, updatedAt: updatedAt > publishedAt ? updatedAt : publishedAt };
}

function visibleIn(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('news_translations')
    .selectAll()
    .select(visibleSince.as('visible_since'))
    .where((eb) => isVisible(eb, now));
}

/** The visible posts of a language, newest first; `offset` skips the newest ones (for the list's later pages). */
export async function listVisibleNews(db: Kysely<Database>, lang: string, now: Date, limit = 50, offset = 0): Promise<NewsItem[]> {
  const rows = await visibleIn(db, now).where('lang', '=', lang).orderBy(visibleSince, 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map(present);
}

/** The visible translation of a language at this slug. */
export async function findVisibleNews(db: Kysely<Database>, lang: string, slug: string, now: Date): Promise<NewsItem | undefined> {
  const row = await visibleIn(db, now).where('lang', '=', lang).where('slug', '=', slug).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** The visible translations of one post, language to slug: its alternates. */
export async function visibleTranslations(db: Kysely<Database>, postId: number, now: Date): Promise<Map<string, string>> {
  const rows = await db.selectFrom('news_translations').select(['lang', 'slug']).where('post_id', '=', postId).where((eb) => isVisible(eb, now)).execute();
  return new Map(rows.map((row) => [row.lang, row.slug]));
}

/** The posts visible in another language at this slug (an address shared by mistake between languages). */
export async function visiblePostsWithSlug(db: Kysely<Database>, slug: string, now: Date): Promise<number[]> {
  const rows = await db.selectFrom('news_translations').select('post_id').where('slug', '=', slug).where((eb) => isVisible(eb, now)).execute();
  return rows.map((row) => Number(row.post_id));
}

/**
 * The current slug of a visible translation of this language that had `slug` before (its address
 * was changed): old links keep working. Undefined when none did.
 */
export async function renamedSlug(db: Kysely<Database>, lang: string, slug: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('news_revisions')
    .innerJoin('news_translations', 'news_translations.id', 'news_revisions.translation_id')
    .select('news_translations.slug')
    .where('news_revisions.slug', '=', slug)
    .where('news_translations.lang', '=', lang)
    .where('news_translations.slug', '<>', slug)
    .where((eb) => isVisible(eb, now))
    .orderBy('news_revisions.saved_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.slug;
}

/** Every visible post for the sitemap: per post, its language-prefixed address in each language it is visible in. */
export async function newsSitemap(db: Kysely<Database>, now: Date): Promise<Record<string, string>[]> {
  const rows = await db.selectFrom('news_translations').select(['post_id', 'lang', 'slug']).where((eb) => isVisible(eb, now)).orderBy('post_id').orderBy('lang').execute();
  const posts = new Map<number, Record<string, string>>();
  for (const row of rows) {
    const entry = posts.get(Number(row.post_id)) ?? {};
    entry[row.lang] = `/${row.lang}/news/${row.slug}`;
    posts.set(Number(row.post_id), entry);
  }
  return [...posts.values()];
}

/** How long a rendered news page (or the home page's list) may be kept before rendering it again. */
export const NEWS_PAGE_TTL_MS = 60_000;

/**
 * The time to live of a page that lists news, from `now`: at most a minute (other processes
 * sharing the database change news too), and never past the next scheduled publication, so that
 * a scheduled post shows at its time even before the round flips it.
 */
export async function newsPageTtl(db: Kysely<Database>, now: Date, cap = NEWS_PAGE_TTL_MS): Promise<number> {
  const next = await db.selectFrom('news_translations').select((eb) => eb.fn.min('publish_at').as('next')).where('status', '=', 'scheduled').where('publish_at', '>', now).executeTakeFirst();
  if (!next?.next) return cap;
  return Math.max(0, Math.min(cap, new Date(next.next).getTime() - now.getTime()));
}

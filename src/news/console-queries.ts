import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NewsRevisionRow, NewsStatus, NewsTranslationRow } from '../db/tables/news.ts';

/** A translation as the console's list shows it. */
export interface TranslationSummary {
  lang: string;
  title: string;
  slug: string;
  status: NewsStatus;
  publishAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface PostSummary {
  postId: number;
  createdAt: Date;
  translations: TranslationSummary[];
}

const summary = (row: Pick<NewsTranslationRow, 'lang' | 'title' | 'slug' | 'status' | 'publish_at' | 'published_at' | 'updated_at'>): TranslationSummary => ({
  lang: row.lang,
  title: row.title,
  slug: row.slug,
  status: row.status,
  publishAt: row.publish_at,
  publishedAt: row.published_at,
  updatedAt: row.updated_at,
});

/** Every post with the status of each of its translations, most recently changed first. */
export async function listPostsForConsole(db: Kysely<Database>, limit = 200): Promise<PostSummary[]> {
  const posts = await db
    .selectFrom('news_posts')
    .leftJoin('news_translations', 'news_translations.post_id', 'news_posts.id')
    .select(['news_posts.id', 'news_posts.created_at', (eb) => eb.fn.max('news_translations.updated_at').as('changed')])
    .groupBy(['news_posts.id', 'news_posts.created_at'])
    .orderBy('changed', (ob) => ob.desc().nullsLast())
    .orderBy('news_posts.id', 'desc')
    .limit(limit)
    .execute();
  if (posts.length === 0) return [];
  const rows = await db.selectFrom('news_translations').select(['post_id', 'lang', 'title', 'slug', 'status', 'publish_at', 'published_at', 'updated_at']).where('post_id', 'in', posts.map((post) => post.id)).execute();
  return posts.map((post) => ({ postId: Number(post.id), createdAt: post.created_at, translations: rows.filter((row) => Number(row.post_id) === Number(post.id)).map(summary) }));
}

export interface RevisionEntry extends NewsRevisionRow {
  savedByEmail: string | null;
}

/** A post's translation for its edit page: the translation (if any yet), the post's other languages, and the revisions, newest first. */
export interface TranslationForEdit {
  postId: number;
  lang: string;
  translation: NewsTranslationRow | undefined;
  others: TranslationSummary[];
  revisions: RevisionEntry[];
}

/** Loads what the edit page of a post's translation shows; undefined when the post does not exist. */
export async function loadTranslationForEdit(db: Kysely<Database>, postId: number, lang: string): Promise<TranslationForEdit | undefined> {
  const post = await db.selectFrom('news_posts').select('id').where('id', '=', postId).executeTakeFirst();
  if (!post) return undefined;
  const all = await db.selectFrom('news_translations').selectAll().where('post_id', '=', postId).execute();
  const translation = all.find((row) => row.lang === lang);
  const revisions = translation
    ? await db
        .selectFrom('news_revisions')
        .leftJoin('staff_users', 'staff_users.id', 'news_revisions.saved_by')
        .selectAll('news_revisions')
        .select('staff_users.email as savedByEmail')
        .where('translation_id', '=', translation.id)
        .orderBy('number', 'desc')
        .execute()
    : [];
  return { postId, lang, translation, others: all.map(summary), revisions };
}

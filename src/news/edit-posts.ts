import type { Kysely, Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { NewsTranslationRow } from '../db/tables/news.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { parseInstant } from '../intake/parse-instant.ts';
import { siteContentChanged } from '../site/page-cache.ts';
import { BODY_MAX, NewsPostNotFoundError, NewsStatusError, SLUG, SLUG_MAX, SUMMARY_MAX, TITLE_MAX, type TranslationInput } from './model.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { loadPublishedImages, type PublishedImage } from '../media/published.ts';
import { imageIssues } from './post-images.ts';

/** Who makes a change: a signed-in member of staff (or the demo, with no account). */
export interface NewsEditor {
  userId: number | null;
  email: string;
}

const actorOf = (editor: NewsEditor) => (editor.userId === null ? editor.email : `staff:${editor.email}`);

/**
 * Tidies and checks what an editor wrote; every problem at once, each with its catalog message.
 * Given the published library images, it also refuses a text that shows any other image.
 */
export function checkTranslation(input: Partial<TranslationInput>, published?: ReadonlyMap<string, PublishedImage>): TranslationInput {
  const title = (input.title ?? '').replace(/\s+/g, ' ').trim();
  const slug = (input.slug ?? '').trim();
  const summary = (input.summary ?? '').replace(/\s+/g, ' ').trim();
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  const issues: FieldIssue[] = [];
  if (!title) issues.push({ field: 'title', message: 'is required', code: 'news-error-title-required' });
  else if (title.length > TITLE_MAX) issues.push({ field: 'title', message: `is longer than ${TITLE_MAX} characters`, code: 'news-error-too-long', params: [TITLE_MAX] });
  if (!slug) issues.push({ field: 'slug', message: 'is required', code: 'news-error-slug-required' });
  else if (slug.length > SLUG_MAX) issues.push({ field: 'slug', message: `is longer than ${SLUG_MAX} characters`, code: 'news-error-too-long', params: [SLUG_MAX] });
  else if (!SLUG.test(slug)) issues.push({ field: 'slug', message: 'may hold only a-z, 0-9 and single hyphens between them', code: 'news-error-slug-format' });
  if (summary.length > SUMMARY_MAX) issues.push({ field: 'summary', message: `is longer than ${SUMMARY_MAX} characters`, code: 'news-error-too-long', params: [SUMMARY_MAX] });
  if (!body) issues.push({ field: 'body', message: 'is required', code: 'news-error-body-required' });
  else if (body.length > BODY_MAX) issues.push({ field: 'body', message: `is longer than ${BODY_MAX} characters`, code: 'news-error-too-long', params: [BODY_MAX] });
  else if (published) issues.push(...imageIssues(body, published));
  if (issues.length > 0) throw new ValidationError(issues);
  return { title, slug, summary, body };
}

function checkLanguage(lang: string, postId: number | string): void {
  if (!LANGUAGES.includes(lang)) throw new NewsPostNotFoundError(`${postId}/${lang}`.slice(0, 40));
}

const duplicateSlug = (slug: string) => new ValidationError([{ field: 'slug', message: 'is already the address of another post in this language', code: 'news-error-slug-taken', params: [slug] }]);

async function checkSlugFree(trx: Transaction<Database>, lang: string, slug: string, postId: number | null): Promise<void> {
  let query = trx.selectFrom('news_translations').select('id').where('lang', '=', lang).where('slug', '=', slug);
  if (postId !== null) query = query.where('post_id', '<>', postId);
  if (await query.executeTakeFirst()) throw duplicateSlug(slug);
}

/**
 * Runs a change in a transaction, maps a slug taken by a concurrent change (the unique index) to
 * the same problem as one found by the check, and tells the caches once it is committed.
 */
async function change<T>(db: Kysely<Database>, slug: () => string | undefined, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await db.transaction().execute(work);
  } catch (error) {
    const wanted = slug();
    if (wanted !== undefined && isUniqueViolation(error, 'news_translations_lang_slug_idx')) throw duplicateSlug(wanted);
    throw error;
  }
  siteContentChanged();
  return result;
}

async function lockPost(trx: Transaction<Database>, postId: number): Promise<void> {
  const post = await trx.selectFrom('news_posts').select('id').where('id', '=', postId).forUpdate().executeTakeFirst();
  if (!post) throw new NewsPostNotFoundError(postId);
}

async function lockTranslation(trx: Transaction<Database>, postId: number, lang: string): Promise<NewsTranslationRow> {
  const row = await trx.selectFrom('news_translations').selectAll().where('post_id', '=', postId).where('lang', '=', lang).forUpdate().executeTakeFirst();
  if (!row) throw new NewsPostNotFoundError(`${postId}/${lang}`);
  return row;
}

async function addRevision(trx: Transaction<Database>, translationId: number, number: number, content: TranslationInput, editor: NewsEditor, now: Date, restoredFrom: number | null = null) {
  await trx.insertInto('news_revisions').values({ translation_id: translationId, number, ...content, restored_from: restoredFrom, saved_by: editor.userId, saved_at: now }).execute();
}

/** Starts a post with its first translation, a draft, and its first revision. Audited. */
export async function createPost(db: Kysely<Database>, editor: NewsEditor, lang: string, input: Partial<TranslationInput>, now = new Date()): Promise<number> {
  checkLanguage(lang, 'new');
  const content = checkTranslation(input, await loadPublishedImages(db));
  return change(db, () => content.slug, async (trx) => {
    await checkSlugFree(trx, lang, content.slug, null);
    const post = await trx.insertInto('news_posts').values({ created_by: editor.userId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const postId = Number(post.id);
    const translation = await trx.insertInto('news_translations').values({ post_id: postId, lang, ...content, updated_by: editor.userId, updated_at: now, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await addRevision(trx, Number(translation.id), 1, content, editor, now);
    await appendEvent(trx, { actor: actorOf(editor), action: 'news.post_created', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: content.slug, revision: 1 }, occurredAt: now });
    return postId;
  });
}

/**
 * Saves a translation's content (adding the translation when the post has none in this language)
 * as a new revision. A published translation shows the new content at once. Saving what is
 * already there changes nothing and records nothing. Returns the revision the content is at, and
 * whether this save made it.
 */
export async function saveTranslation(db: Kysely<Database>, editor: NewsEditor, postId: number, lang: string, input: Partial<TranslationInput>, now = new Date()): Promise<{ revision: number; changed: boolean }> {
  checkLanguage(lang, postId);
  const content = checkTranslation(input, await loadPublishedImages(db));
  return change(db, () => content.slug, async (trx) => {
    await lockPost(trx, postId);
    await checkSlugFree(trx, lang, content.slug, postId);
    const existing = await trx.selectFrom('news_translations').selectAll().where('post_id', '=', postId).where('lang', '=', lang).forUpdate().executeTakeFirst();
    if (!existing) {
      const translation = await trx.insertInto('news_translations').values({ post_id: postId, lang, ...content, updated_by: editor.userId, updated_at: now, created_at: now }).returning('id').executeTakeFirstOrThrow();
      await addRevision(trx, Number(translation.id), 1, content, editor, now);
      await appendEvent(trx, { actor: actorOf(editor), action: 'news.translation_added', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: content.slug, revision: 1 }, occurredAt: now });
      return { revision: 1, changed: true };
    }
    if (existing.title === content.title && existing.slug === content.slug && existing.summary === content.summary && existing.body === content.body) return { revision: existing.revision, changed: false };
    const revision = existing.revision + 1;
    await trx.updateTable('news_translations').set({ ...content, revision, updated_by: editor.userId, updated_at: now }).where('id', '=', existing.id).execute();
    await addRevision(trx, Number(existing.id), revision, content, editor, now);
    await appendEvent(trx, { actor: actorOf(editor), action: 'news.translation_saved', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: content.slug, revision, status: existing.status, slug_changed: existing.slug !== content.slug }, occurredAt: now });
    return { revision, changed: true };
  });
}

/** Publishes a translation now (a draft, a scheduled or an unpublished one); it keeps the date it first went out. Audited. */
export async function publishTranslation(db: Kysely<Database>, editor: NewsEditor, postId: number, lang: string, now = new Date()): Promise<void> {
  checkLanguage(lang, postId);
  await change(db, () => undefined, async (trx) => {
    const row = await lockTranslation(trx, postId, lang);
    if (row.status === 'published') throw new NewsStatusError(row.status, 'publish');
    await trx.updateTable('news_translations').set({ status: 'published', published_at: row.published_at ?? (row.status === 'scheduled' && row.publish_at! <= now ? row.publish_at : now), publish_at: null, updated_by: editor.userId }).where('id', '=', row.id).execute();
    await appendEvent(trx, { actor: actorOf(editor), action: 'news.published', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: row.slug, from: row.status, revision: row.revision }, occurredAt: now });
  });
}

/**
 * Schedules a translation to be published at a time in the future (`publishAt` as typed: an ISO
 * date and time, UTC unless it gives an offset). Audited.
 */
export async function scheduleTranslation(db: Kysely<Database>, editor: NewsEditor, postId: number, lang: string, publishAt: string, now = new Date()): Promise<Date> {
  checkLanguage(lang, postId);
  const raw = publishAt.trim();
  const when = raw ? parseInstant(raw) : undefined;
  if (!raw) throw new ValidationError([{ field: 'publish_at', message: 'is required', code: 'news-error-publish-at-required' }]);
  if (!when) throw new ValidationError([{ field: 'publish_at', message: 'is not a date and time', code: 'news-error-publish-at-format', params: [raw.slice(0, 40)] }]);
  if (when.getTime() <= now.getTime()) throw new ValidationError([{ field: 'publish_at', message: 'is not in the future', code: 'news-error-publish-at-past' }]);
  return change(db, () => undefined, async (trx) => {
    const row = await lockTranslation(trx, postId, lang);
    if (row.status === 'published') throw new NewsStatusError(row.status, 'schedule');
    await trx.updateTable('news_translations').set({ status: 'scheduled', publish_at: when, updated_by: editor.userId }).where('id', '=', row.id).execute();
    await appendEvent(trx, { actor: actorOf(editor), action: 'news.scheduled', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: row.slug, publish_at: when.toISOString(), from: row.status, revision: row.revision }, occurredAt: now });
    return when;
  });
}

/** Takes a translation off the site (published → unpublished), or cancels its schedule (scheduled → draft). Audited. */
export async function unpublishTranslation(db: Kysely<Database>, editor: NewsEditor, postId: number, lang: string, now = new Date()): Promise<void> {
  checkLanguage(lang, postId);
  await change(db, () => undefined, async (trx) => {
    const row = await lockTranslation(trx, postId, lang);
    if (row.status !== 'published' && row.status !== 'scheduled') throw new NewsStatusError(row.status, 'unpublish');
    // A scheduled translation whose time has come is already on the site: taking it down is unpublishing it.
    const shown = row.status === 'published' || row.publish_at!.getTime() <= now.getTime();
    await trx
      .updateTable('news_translations')
      .set(shown ? { status: 'unpublished', publish_at: null, published_at: row.published_at ?? row.publish_at, updated_by: editor.userId } : { status: 'draft', publish_at: null, updated_by: editor.userId })
      .where('id', '=', row.id)
      .execute();
    await appendEvent(trx, { actor: actorOf(editor), action: shown ? 'news.unpublished' : 'news.schedule_cancelled', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: row.slug, revision: row.revision }, occurredAt: now });
  });
}

/** Restores an earlier revision's content as a new revision (the history keeps both). Audited. */
export async function restoreRevision(db: Kysely<Database>, editor: NewsEditor, postId: number, lang: string, number: number, now = new Date()): Promise<number> {
  checkLanguage(lang, postId);
  let slug: string | undefined;
  return change(db, () => slug, async (trx) => {
    const row = await lockTranslation(trx, postId, lang);
    const old = Number.isSafeInteger(number) ? await trx.selectFrom('news_revisions').selectAll().where('translation_id', '=', row.id).where('number', '=', number).executeTakeFirst() : undefined;
    if (!old) throw new NewsPostNotFoundError(`${postId}/${lang}/${number}`);
    slug = old.slug;
    await checkSlugFree(trx, lang, old.slug, postId);
    const content = { title: old.title, slug: old.slug, summary: old.summary, body: old.body };
    const revision = row.revision + 1;
    await trx.updateTable('news_translations').set({ ...content, revision, updated_by: editor.userId, updated_at: now }).where('id', '=', row.id).execute();
    await addRevision(trx, Number(row.id), revision, content, editor, now, old.number);
    await appendEvent(trx, { actor: actorOf(editor), action: 'news.revision_restored', subjectType: 'news_post', subjectId: postId, payload: { lang, slug: old.slug, revision, restored_from: old.number }, occurredAt: now });
    return revision;
  });
}

import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { MediaImageRow, MediaState } from '../db/tables/media-images.ts';
import { DomainError, NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { readImageInfo } from './image-size.ts';
import { publicationIssues, type ImageMetadata } from './metadata.ts';

/** The largest image the library takes. Pages show images a few hundred pixels wide; a photograph for them is far smaller. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** An image without its bytes: what lists and pages need. */
export type MediaImage = Omit<MediaImageRow, 'content'>;

/** The image is not in the state the action needs (publishing a published one, withdrawing a draft). */
export class MediaStateError extends DomainError {
  constructor(slug: string, state: MediaState) {
    super('media-error-state', [slug, state]);
  }
}

export class MediaNotFoundError extends NotFoundError {
  constructor(id: number | string) {
    super('media-error-not-found', [String(id)]);
  }
}

const actorOf = (staff: StaffSession) => `staff:${staff.email}`;

const COLUMNS = ['id', 'slug', 'state', 'content_type', 'width', 'height', 'size_bytes', 'sha256', 'filename', 'alt_text', 'author', 'licence', 'source_url', 'uploaded_by', 'created_at', 'updated_at', 'published_at', 'withdrawn_at'] as const;

async function slugTaken(db: Kysely<Database>, slug: string, except?: number): Promise<boolean> {
  let query = db.selectFrom('media_images').select('id').where('slug', '=', slug);
  if (except !== undefined) query = query.where('id', '<>', except);
  return (await query.executeTakeFirst()) !== undefined;
}

const slugIssue = (slug: string): FieldIssue => ({ field: 'slug', message: `"${slug}" names another image`, code: 'media-error-slug-taken', params: [slug] });

/**
 * Adds an uploaded file to the library as a draft. Its type and size come from its bytes: a
 * file that is not a PNG, JPEG or WebP image is refused, whatever its name says. Audited.
 */
export async function uploadImage(db: Kysely<Database>, staff: StaffSession, file: { filename: string; content: Buffer }, metadata: ImageMetadata, now = new Date()): Promise<MediaImage> {
  const info = readImageInfo(file.content);
  const issues: FieldIssue[] = [];
  if (file.content.length === 0) issues.push({ field: 'file', message: 'choose an image to upload', code: 'media-error-file-missing' });
  else if (file.content.length > MAX_IMAGE_BYTES) issues.push({ field: 'file', message: 'is too large', code: 'media-error-file-too-large', params: [MAX_IMAGE_BYTES / 1024 / 1024] });
  else if (!info) issues.push({ field: 'file', message: 'is not a PNG, JPEG or WebP image', code: 'media-error-file-type' });
  if (await slugTaken(db, metadata.slug)) issues.push(slugIssue(metadata.slug));
  if (issues.length > 0 || !info) throw new ValidationError(issues);
  // The slug was free a moment ago; another upload may take it first, which the unique index decides.
  return insertImage(db, staff, file, metadata, info, now).catch((error: unknown) => {
    if (isUniqueViolation(error, 'media_images_slug_key')) throw new ValidationError([slugIssue(metadata.slug)]);
    throw error;
  });
}

function insertImage(db: Kysely<Database>, staff: StaffSession, file: { filename: string; content: Buffer }, metadata: ImageMetadata, info: NonNullable<ReturnType<typeof readImageInfo>>, now: Date): Promise<MediaImage> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('media_images')
      .values({
        slug: metadata.slug,
        content_type: info.contentType,
        width: info.width,
        height: info.height,
        size_bytes: file.content.length,
        sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        filename: file.filename.slice(0, 255) || metadata.slug,
        alt_text: JSON.stringify(metadata.alt),
        author: metadata.author,
        licence: metadata.licence,
        source_url: metadata.sourceUrl,
        uploaded_by: staff.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { actor: actorOf(staff), action: 'media.uploaded', subjectType: 'media_image', subjectId: row.id, payload: { slug: row.slug, content_type: row.content_type, width: row.width, height: row.height, size_bytes: row.size_bytes, sha256: row.sha256 }, occurredAt: now });
    return row;
  });
}

/** One image without its bytes. */
export async function loadImage(db: Kysely<Database>, id: number): Promise<MediaImage> {
  const row = Number.isSafeInteger(id) && id > 0 ? await db.selectFrom('media_images').select(COLUMNS).where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new MediaNotFoundError(id);
  return row;
}

/** Every image of the library, newest first, without their bytes. */
export function listImages(db: Kysely<Database>): Promise<MediaImage[]> {
  return db.selectFrom('media_images').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Changes an image's slug, alternative text or credit. A published image keeps a complete credit. Audited. */
export async function editImage(db: Kysely<Database>, staff: StaffSession, id: number, metadata: ImageMetadata, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const image = await trx.selectFrom('media_images').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!image) throw new MediaNotFoundError(id);
    const issues: FieldIssue[] = [];
    if (await slugTaken(trx, metadata.slug, id)) issues.push(slugIssue(metadata.slug));
    const after = { author: metadata.author, licence: metadata.licence, source_url: metadata.sourceUrl, alt_text: metadata.alt };
    if (image.state === 'published') issues.push(...publicationIssues(after));
    if (issues.length > 0) throw new ValidationError(issues);
    const changed = (['slug', 'author', 'licence', 'source_url'] as const).filter((field) => (field === 'slug' ? metadata.slug : after[field]) !== image[field]);
    if (JSON.stringify(image.alt_text) !== JSON.stringify(metadata.alt)) changed.push('alt_text' as never);
    if (changed.length === 0) return;
    await trx.updateTable('media_images').set({ slug: metadata.slug, alt_text: JSON.stringify(metadata.alt), author: metadata.author, licence: metadata.licence, source_url: metadata.sourceUrl, updated_at: now }).where('id', '=', id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'media.edited', subjectType: 'media_image', subjectId: id, payload: { slug: metadata.slug, changed }, occurredAt: now });
  });
}

/**
 * Publishes a draft (or a withdrawn image again). An image without its author, licence, source
 * or English description is refused with what it lacks: the site never shows an image it
 * cannot credit. Audited.
 */
export async function publishImage(db: Kysely<Database>, staff: StaffSession, id: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const image = await trx.selectFrom('media_images').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!image) throw new MediaNotFoundError(id);
    if (image.state === 'published') throw new MediaStateError(image.slug, image.state);
    const issues = publicationIssues(image);
    if (issues.length > 0) throw new ValidationError(issues);
    await trx.updateTable('media_images').set({ state: 'published', published_at: now, withdrawn_at: null, updated_at: now }).where('id', '=', id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'media.published', subjectType: 'media_image', subjectId: id, payload: { slug: image.slug, licence: image.licence, republished: image.state === 'withdrawn' }, occurredAt: now });
  });
}

/** Withdraws a published image: it is no longer served, and pages leave it out. Audited. */
export async function withdrawImage(db: Kysely<Database>, staff: StaffSession, id: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const image = await trx.selectFrom('media_images').select(['slug', 'state']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!image) throw new MediaNotFoundError(id);
    if (image.state !== 'published') throw new MediaStateError(image.slug, image.state);
    await trx.updateTable('media_images').set({ state: 'withdrawn', withdrawn_at: now, updated_at: now }).where('id', '=', id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'media.withdrawn', subjectType: 'media_image', subjectId: id, payload: { slug: image.slug }, occurredAt: now });
  });
}

/** An image's bytes in any state, for the console's preview. */
export async function readImageBytes(db: Kysely<Database>, id: number): Promise<{ contentType: string; content: Buffer } | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await db.selectFrom('media_images').select(['content_type', 'content']).where('id', '=', id).executeTakeFirst();
  return row && { contentType: row.content_type, content: row.content };
}

/** A published image's bytes, if `slug` and the fingerprint of its public URL still match. */
export async function readPublishedBytes(db: Kysely<Database>, slug: string, fingerprint: string): Promise<{ contentType: string; content: Buffer } | undefined> {
  const row = await db.selectFrom('media_images').select(['content_type', 'content', 'sha256']).where('slug', '=', slug).where('state', '=', 'published').executeTakeFirst();
  if (!row || !row.sha256.startsWith(fingerprint)) return undefined;
  return { contentType: row.content_type, content: row.content };
}

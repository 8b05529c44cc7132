import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { IMAGE_EXTENSIONS, type ImageType } from './image-size.ts';
import { LICENCES, isLicenceId } from './licences.ts';

/** What a public page may know of an image: the fields listed here, nothing else of its row. */
export interface PublishedImage {
  slug: string;
  url: string;
  width: number;
  height: number;
  /** Alternative text by language; English is always there (publishing asks for it). */
  alt: Record<string, string>;
  author: string;
  licence: { id: string; name: string; url: string };
  sourceUrl: string;
}

/** The characters of the digest in an image's public URL: enough that a new file is a new URL. */
export const FINGERPRINT_LENGTH = 12;

/** The public, fingerprinted address of an image's bytes: `/media/{slug}.{fingerprint}.{ext}`. */
export function publicImagePath(image: { slug: string; sha256: string; content_type: string }): string {
  return `/media/${image.slug}.${image.sha256.slice(0, FINGERPRINT_LENGTH)}.${IMAGE_EXTENSIONS[image.content_type as ImageType]}`;
}

/** The slug and fingerprint of a public image file name, or undefined when it is not one. */
export function parseImageFileName(name: string): { slug: string; fingerprint: string } | undefined {
  const match = /^([a-z0-9-]{1,60})\.([0-9a-f]{12})\.(png|jpg|webp)$/.exec(name);
  return match ? { slug: match[1]!, fingerprint: match[2]! } : undefined;
}

/**
 * Every published image, by slug, for rendering pages. One query, without the bytes; pages are
 * rendered once and kept in the page cache, so this runs when a page is rendered, not per view.
 */
export async function loadPublishedImages(db: Kysely<Database>): Promise<Map<string, PublishedImage>> {
  const rows = await db
    .selectFrom('media_images')
    .select(['slug', 'sha256', 'content_type', 'width', 'height', 'alt_text', 'author', 'licence', 'source_url'])
    .where('state', '=', 'published')
    .orderBy('slug')
    .execute();
  const images = new Map<string, PublishedImage>();
  for (const row of rows) {
    if (!row.author || !row.licence || !isLicenceId(row.licence) || !row.source_url) continue;
    const licence = LICENCES[row.licence];
    images.set(row.slug, {
      slug: row.slug,
      url: publicImagePath(row),
      width: row.width,
      height: row.height,
      alt: row.alt_text,
      author: row.author,
      licence: { id: row.licence, name: licence.name, url: licence.url },
      sourceUrl: row.source_url,
    });
  }
  return images;
}

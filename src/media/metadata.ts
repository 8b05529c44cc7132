import type { FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { isLicenceId, type LicenceId } from './licences.ts';

/** What staff say about an image: how content names it, its alternative text, and its credit. */
export interface ImageMetadata {
  slug: string;
  alt: Record<string, string>;
  author: string | null;
  licence: LicenceId | null;
  sourceUrl: string | null;
}

export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$/;
const ALT_MAX = 300;
const AUTHOR_MAX = 200;
const URL_MAX = 2000;

/** A slug made from a file name: "Reading Room 2.png" becomes `reading-room-2`. */
export function slugFromFilename(filename: string): string {
  const base = filename.replace(/\.[A-Za-z0-9]{1,5}$/, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return base.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'image';
}

const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads an image's metadata from form fields (`slug`, `author`, `licence`, `source_url`,
 * `alt_en`, `alt_es`, …), with the problems found. Any of the credit may be missing on a draft;
 * publishing asks for it (see publicationIssues).
 */
export function readImageMetadata(fields: Record<string, string | undefined>, fallbackSlug: string): { metadata: ImageMetadata; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const slug = clean(fields.slug).toLowerCase() || fallbackSlug;
  if (!SLUG_PATTERN.test(slug)) issues.push({ field: 'slug', message: 'use lowercase letters, digits and hyphens', code: 'media-error-slug' });
  const alt: Record<string, string> = {};
  for (const lang of LANGUAGES) {
    const text = clean(fields[`alt_${lang}`]);
    if (text.length > ALT_MAX) issues.push({ field: `alt_${lang}`, message: `is longer than ${ALT_MAX} characters`, code: 'media-error-too-long', params: [ALT_MAX] });
    else if (text) alt[lang] = text;
  }
  const author = clean(fields.author) || null;
  if (author && author.length > AUTHOR_MAX) issues.push({ field: 'author', message: `is longer than ${AUTHOR_MAX} characters`, code: 'media-error-too-long', params: [AUTHOR_MAX] });
  const licenceText = clean(fields.licence) || null;
  if (licenceText && !isLicenceId(licenceText)) issues.push({ field: 'licence', message: 'is not a licence the library knows', code: 'media-error-licence', params: [licenceText] });
  const sourceText = clean(fields.source_url) || null;
  if (sourceText && !isWebUrl(sourceText)) issues.push({ field: 'source_url', message: 'must be an http or https address', code: 'media-error-source-url' });
  else if (sourceText && sourceText.length > URL_MAX) issues.push({ field: 'source_url', message: `is longer than ${URL_MAX} characters`, code: 'media-error-too-long', params: [URL_MAX] });
  return {
    metadata: { slug, alt, author, licence: licenceText && isLicenceId(licenceText) ? licenceText : null, sourceUrl: sourceText },
    issues,
  };
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** What an image lacks to be published: its author, licence and source, and an English description. */
export function publicationIssues(image: { author: string | null; licence: string | null; source_url: string | null; alt_text: Record<string, string> }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!image.author) issues.push({ field: 'author', message: 'is required to publish', code: 'media-error-publish-author' });
  if (!image.licence || !isLicenceId(image.licence)) issues.push({ field: 'licence', message: 'is required to publish', code: 'media-error-publish-licence' });
  if (!image.source_url) issues.push({ field: 'source_url', message: 'is required to publish', code: 'media-error-publish-source' });
  if (!image.alt_text.en) issues.push({ field: 'alt_en', message: 'is required to publish', code: 'media-error-publish-alt' });
  return issues;
}

import { NotFoundError } from '../errors.ts';
import { DomainError } from '../errors.ts';
import type { NewsStatus } from '../db/tables/news.ts';

export const NEWS_STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const satisfies readonly NewsStatus[];

/**
 * Slugs are per translation, unique within a language: each language gets an address in its own
 * words (`/en/news/new-report`, `/es/news/nuevo-informe`), and a translation added later does not
 * have to reuse a slug chosen for another language. They are lower-case ASCII letters, digits
 * and single hyphens, so that an address survives being read aloud, typed, and pasted anywhere
 * (an Arabic slug would travel percent-encoded). The language switcher and the hreflang
 * alternates find a post's other translations by the post, never by the slug.
 */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 400;
export const BODY_MAX = 100_000;

/** The content an editor writes for one translation. */
export interface TranslationInput {
  title: string;
  slug: string;
  summary: string;
  body: string;
}

/** No post with this id (or no translation of it in this language). */
export class NewsPostNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('news-error-post-not-found', [String(id).slice(0, 40)], `no news post ${String(id).slice(0, 40)}`);
  }
}

/** The translation is not in a status that allows this (e.g. scheduling a published one). */
export class NewsStatusError extends DomainError {
  constructor(status: NewsStatus, action: string) {
    super(`news-error-cannot-${action}`, [status], `cannot ${action} a ${status} translation`);
  }
}

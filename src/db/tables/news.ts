import type { Generated, Selectable } from 'kysely';

/** A news post: the story itself, told in one or more languages by its translations. */
export interface NewsPostsTable {
  id: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type NewsStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

/** One language's telling of a post, with its own address, text and publishing status. */
export interface NewsTranslationsTable {
  id: Generated<number>;
  post_id: number;
  lang: string;
  slug: string;
  title: string;
  summary: Generated<string>;
  /** Markdown, rendered and sanitised when shown. */
  body: string;
  status: Generated<NewsStatus>;
  /** When a scheduled translation becomes visible. */
  publish_at: Date | null;
  /** When it first became visible (the date the post carries). */
  published_at: Date | null;
  /** The number of the revision the content is at. */
  revision: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  created_at: Generated<Date>;
}

/** A saved state of a translation's content: who saved it, when, and what it said. */
export interface NewsRevisionsTable {
  id: Generated<number>;
  translation_id: number;
  number: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  /** Set when this revision restored an earlier one. */
  restored_from: number | null;
  saved_by: number | null;
  saved_at: Generated<Date>;
}

export type NewsTranslationRow = Selectable<NewsTranslationsTable>;
export type NewsRevisionRow = Selectable<NewsRevisionsTable>;

import { sql, type Kysely } from 'kysely';

/**
 * News: a post is the same story told in several languages; each language's telling is a
 * translation with its own slug, title, text and publishing status. Every save of a translation
 * is kept as a revision. A scheduled translation is visible from its `publish_at` on, whether or
 * not the periodic round has yet flipped it to published (see src/news/visibility.ts).
 */
const statements = [
  sql`CREATE TABLE news_posts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_by bigint REFERENCES staff_users (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  sql`CREATE TABLE news_translations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id bigint NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
    lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary text NOT NULL DEFAULT '',
    body text NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'published', 'unpublished')),
    publish_at timestamptz,
    published_at timestamptz,
    revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
    updated_by bigint REFERENCES staff_users (id),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'scheduled' OR publish_at IS NOT NULL),
    CHECK (status <> 'published' OR published_at IS NOT NULL)
  )`,
  // One translation per language of a post (the console's edit page, the language switcher).
  sql`CREATE UNIQUE INDEX news_translations_post_lang_idx ON news_translations (post_id, lang)`,
  // A post's address in a language: /{lang}/news/{slug}; also keeps two posts from sharing one.
  sql`CREATE UNIQUE INDEX news_translations_lang_slug_idx ON news_translations (lang, slug)`,
  // Serves the public list and feed of a language (its published and due scheduled translations, newest first).
  sql`CREATE INDEX news_translations_visible_idx ON news_translations (lang, status, published_at DESC, publish_at)`,
  // Serves the round that publishes scheduled translations, and the next scheduled time that bounds the pages' time to live.
  sql`CREATE INDEX news_translations_scheduled_idx ON news_translations (publish_at) WHERE status = 'scheduled'`,
  sql`CREATE TABLE news_revisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    translation_id bigint NOT NULL REFERENCES news_translations (id) ON DELETE CASCADE,
    number integer NOT NULL CHECK (number > 0),
    slug text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    body text NOT NULL,
    restored_from integer,
    saved_by bigint REFERENCES staff_users (id),
    saved_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Serves a translation's revision list, newest first, and finding one revision to restore.
  sql`CREATE UNIQUE INDEX news_revisions_translation_number_idx ON news_revisions (translation_id, number)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

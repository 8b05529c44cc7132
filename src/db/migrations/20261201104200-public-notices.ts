import { sql, type Kysely } from 'kysely';

/**
 * The public notice database: a redacted copy of each decided request that may be published,
 * prepared as a draft when the decision is recorded and published by counsel. The request keeps
 * the original; this table holds only what the public may read, plus the staff's review marks.
 * `folded` is the title and text without case, accents or Arabic vowel marks, written by Candor
 * with them, so that "articulo" finds "artículo" (PGlite has no unaccent extension).
 */
const statements = [
  sql`CREATE TABLE public_notices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE,
    reference text NOT NULL UNIQUE,
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
    title text NOT NULL,
    body text NOT NULL,
    targets text[] NOT NULL DEFAULT '{}',
    not_actioned_urls text[] NOT NULL DEFAULT '{}',
    requester_type text,
    requester_organization text,
    kind text NOT NULL CHECK (kind IN ('content_alteration', 'copyright')),
    category text,
    country text CHECK (country ~ '^[A-Z]{2}$'),
    projects text[] NOT NULL DEFAULT '{}',
    outcome text NOT NULL CHECK (outcome IN ('granted', 'partially_granted', 'denied', 'not_actionable')),
    received_at timestamptz NOT NULL,
    decided_at timestamptz,
    folded text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', replace(replace(title, '[private]', ' '), '[not actioned]', ' ')), 'A') ||
      setweight(to_tsvector('simple', replace(replace(body, '[private]', ' '), '[not actioned]', ' ')), 'B') ||
      setweight(to_tsvector('simple', folded), 'C')
    ) STORED,
    edited_at timestamptz,
    published_at timestamptz,
    withdrawn_at timestamptz,
    reviewed_by bigint REFERENCES staff_users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (state = 'draft' OR published_at IS NOT NULL),
    CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
  )`,
  // Serves the full-text search of the public notice database (search @@ websearch_to_tsquery(...)).
  sql`CREATE INDEX public_notices_search_idx ON public_notices USING gin (search)`,
  // Serves the public list and its keyset pages: published notices, newest published first.
  sql`CREATE INDEX public_notices_published_idx ON public_notices (published_at DESC, id DESC) WHERE state = 'published'`,
  // Serves the project filter and facet (projects @> ARRAY[...]).
  sql`CREATE INDEX public_notices_projects_idx ON public_notices USING gin (projects)`,
  // Serves the console's review list: notices in one state, most recently decided first.
  sql`CREATE INDEX public_notices_state_idx ON public_notices (state, decided_at DESC, id DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

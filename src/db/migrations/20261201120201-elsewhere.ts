import { sql, type Kysely } from 'kysely';

/** "Elsewhere": the sister sites' feeds, the state of their last fetch, and the links gathered from them. */
const statements = [
  sql`CREATE TABLE elsewhere_feeds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    url text NOT NULL UNIQUE CHECK (url ~ '^https?://' AND length(url) <= 2000),
    etag text,
    last_modified text,
    last_fetched_at timestamptz,
    last_status text CHECK (last_status IN ('ok', 'not_modified', 'error')),
    last_error text,
    -- Set while one process fetches the feed, so that another leaves it alone until then.
    claimed_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  sql`CREATE TABLE elsewhere_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id bigint NOT NULL REFERENCES elsewhere_feeds (id) ON DELETE CASCADE,
    link text NOT NULL CHECK (link ~ '^https?://' AND length(link) <= 2000),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    published_at timestamptz,
    fetched_at timestamptz NOT NULL,
    -- One row per link of a feed: fetching the same feed again updates, never duplicates.
    UNIQUE (feed_id, link)
  )`,
  // Serves the public list, newest first, and trimming each feed to its last items.
  sql`CREATE INDEX elsewhere_items_recent_idx ON elsewhere_items (feed_id, published_at DESC NULLS LAST, id DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

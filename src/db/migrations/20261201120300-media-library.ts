import { sql, type Kysely } from 'kysely';

/**
 * The media library: images the site shows, each with the credit its licence asks for. The
 * bytes live in the database beside their metadata, as attachments do, so that a backup holds
 * both and every Candor process serves the same file. A published image must name its author,
 * licence and source: the database refuses one without them, whatever code path writes it.
 */
const statements = [
  sql`CREATE TABLE media_images (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$'),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    width integer NOT NULL CHECK (width > 0),
    height integer NOT NULL CHECK (height > 0),
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    sha256 text NOT NULL,
    content bytea NOT NULL,
    filename text NOT NULL,
    alt_text jsonb NOT NULL DEFAULT '{}',
    author text,
    licence text,
    source_url text,
    uploaded_by bigint REFERENCES staff_users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    withdrawn_at timestamptz,
    CHECK (state <> 'published' OR (author IS NOT NULL AND licence IS NOT NULL AND source_url IS NOT NULL AND published_at IS NOT NULL)),
    CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
  )`,
  // Serves the console's list: images in one state, newest first.
  sql`CREATE INDEX media_images_state_idx ON media_images (state, created_at DESC, id DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

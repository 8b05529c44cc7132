import { sql, type Kysely } from 'kysely';

/**
 * Connect, the newsletter: one row per address that signed up, pending until its confirmation
 * link is used. No network address or browser is kept; the confirmation token only as its hash.
 * Mail to a subscriber goes when the subscriber goes (unsubscribing, purging, wiping).
 */
const statements = [
  sql`CREATE TABLE subscribers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (length(email) <= 254),
    email_key text NOT NULL UNIQUE,
    name text CHECK (length(name) <= 200),
    language text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    requested_at timestamptz NOT NULL,
    confirmed_at timestamptz,
    confirm_token_hash text,
    confirm_expires_at timestamptz,
    last_mailed_at timestamptz
  )`,
  // Serves finding the sign-up a confirmation link belongs to.
  sql`CREATE UNIQUE INDEX subscribers_confirm_token_idx ON subscribers (confirm_token_hash) WHERE confirm_token_hash IS NOT NULL`,
  // Serves the purge of sign-ups never confirmed (oldest request first).
  sql`CREATE INDEX subscribers_unconfirmed_idx ON subscribers (requested_at) WHERE confirmed_at IS NULL`,
  // Serves the console's list, newest first, a page at a time.
  sql`CREATE INDEX subscribers_created_idx ON subscribers (created_at, id)`,
  sql`ALTER TABLE outbox ADD COLUMN subscriber_id bigint REFERENCES subscribers (id) ON DELETE CASCADE`,
  // Serves deleting a subscriber's mail with them.
  sql`CREATE INDEX outbox_subscriber_idx ON outbox (subscriber_id) WHERE subscriber_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/** Intake: API tokens, the requester's language, and the outbox of acknowledgements and replies. */
const statements = [
  sql`CREATE TABLE api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    scope text NOT NULL CHECK (scope IN ('submit', 'read')),
    token_hash text NOT NULL UNIQUE,
    prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,

  sql`ALTER TABLE requests ADD COLUMN requester_language text`,
  // Serves the API's list filtered by channel and kind, newest first.
  sql`CREATE INDEX requests_channel_received_idx ON requests (channel, received_at DESC, id DESC)`,
  sql`CREATE INDEX requests_kind_received_idx ON requests (kind, received_at DESC, id DESC)`,
  // Serves the unfiltered list, newest first, and keyset pages after (received_at, id).
  sql`CREATE INDEX requests_received_id_idx ON requests (received_at DESC, id DESC)`,

  sql`CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint REFERENCES requests (id) ON DELETE SET NULL,
    to_address text NOT NULL,
    subject text NOT NULL,
    body_text text NOT NULL,
    language text NOT NULL,
    headers jsonb NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'held')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  // Serves the sender picking the next pending messages, oldest first.
  sql`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending'`,
  // Serves a request's mail in its timeline.
  sql`CREATE INDEX outbox_request_idx ON outbox (request_id) WHERE request_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

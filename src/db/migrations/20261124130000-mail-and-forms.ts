import { sql, type Kysely } from 'kysely';

/** E-mail intake (messages threaded to requests, a quarantine), attachments' origin, form rate limits, settings. */
const statements = [
  sql`CREATE TABLE request_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    message_id text,
    in_reply_to text,
    "references" text[] NOT NULL DEFAULT '{}',
    subject text,
    from_address text,
    to_addresses text[] NOT NULL DEFAULT '{}',
    body_text text,
    raw bytea,
    received_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Serves threading: a reply names the Message-ID of an earlier message in In-Reply-To/References;
  // also makes a re-delivered message (same Message-ID) a no-op.
  sql`CREATE UNIQUE INDEX request_messages_message_id_idx ON request_messages (message_id) WHERE message_id IS NOT NULL`,
  // Serves a request's correspondence in order.
  sql`CREATE INDEX request_messages_request_idx ON request_messages (request_id, received_at)`,

  sql`CREATE TABLE mail_quarantine (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('smtp', 'import')),
    reason text NOT NULL,
    envelope_from text,
    envelope_to text[] NOT NULL DEFAULT '{}',
    raw bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
  )`,
  // Serves the console's list of messages waiting for a person.
  sql`CREATE INDEX mail_quarantine_open_idx ON mail_quarantine (received_at) WHERE resolved_at IS NULL`,

  sql`ALTER TABLE request_attachments ADD COLUMN message_id bigint REFERENCES request_messages (id) ON DELETE SET NULL`,
  sql`ALTER TABLE request_attachments ADD COLUMN storage text NOT NULL DEFAULT 'database' CHECK (storage IN ('database'))`,

  sql`CREATE TABLE rate_limits (
    bucket text NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, window_start)
  )`,
  // Serves purging expired windows.
  sql`CREATE INDEX rate_limits_window_idx ON rate_limits (window_start)`,

  sql`CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

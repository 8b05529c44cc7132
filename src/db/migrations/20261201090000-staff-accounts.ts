import { sql, type Kysely } from 'kysely';

/** Staff accounts, their one-time set-up links and their sessions (in the database, so every process shares them). */
const statements = [
  sql`CREATE TABLE staff_users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE CHECK (email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    display_name text,
    role text NOT NULL CHECK (role IN ('admin', 'counsel', 'reviewer', 'editor', 'auditor')),
    password_hash text,
    totp_secret text,
    totp_last_step bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    disabled_at timestamptz
  )`,

  sql`CREATE TABLE staff_sign_in_links (
    token_hash text PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`,
  // Serves invalidating an account's earlier links when a new one is made.
  sql`CREATE INDEX staff_sign_in_links_user_idx ON staff_sign_in_links (user_id)`,

  sql`CREATE TABLE staff_sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    user_id bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    stepped_up_at timestamptz,
    user_agent text,
    revoked_at timestamptz
  )`,
  // Serves the page that lists one's live sessions, and revoking them all.
  sql`CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id, created_at DESC) WHERE revoked_at IS NULL`,
  // Serves purging sessions long expired.
  sql`CREATE INDEX staff_sessions_last_seen_idx ON staff_sessions (last_seen_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

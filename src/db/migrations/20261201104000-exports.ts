import { sql, type Kysely } from 'kysely';

/**
 * Exports of open data: the state of every statement of reasons owed to the EU DSA
 * Transparency Database, one row per decision, so that none is lost between runs and none is
 * sent twice.
 */
const statements = [
  sql`CREATE TABLE dsa_statement_exports (
    request_id bigint PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    puid text NOT NULL UNIQUE CHECK (puid ~ '^[a-zA-Z0-9_-]+$' AND length(puid) <= 500),
    statement jsonb NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    last_attempt_at timestamptz,
    accepted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'accepted') = (accepted_at IS NOT NULL))
  )`,
  // Serves picking the statements still to send, oldest first.
  sql`CREATE INDEX dsa_statement_exports_pending_idx ON dsa_statement_exports (created_at, request_id) WHERE state = 'pending'`,
  // Serves the export of statements of reasons: decisions that grant a demand, by the day they were decided.
  sql`CREATE INDEX requests_granted_decided_idx ON requests (decided_at, id) WHERE outcome IN ('granted', 'partially_granted')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

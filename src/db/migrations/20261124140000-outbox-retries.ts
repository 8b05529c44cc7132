import { sql, type Kysely } from 'kysely';

/** Retries of outgoing mail with backoff: when each pending message may next be tried. */
const statements = [
  sql`ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`,
  sql`DROP INDEX outbox_pending_idx`,
  // Serves the sender picking the pending messages that are due, oldest due first.
  sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`,
  // Serves threading: a reply to an acknowledgement names its Message-ID in In-Reply-To.
  sql`CREATE INDEX outbox_message_id_idx ON outbox ((headers->>'Message-ID'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

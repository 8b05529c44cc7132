import { sql, type Kysely } from 'kysely';

/** The console's views of the records: filters of the audit trail, the outbox by status, the quarantine's resolutions. */
const statements = [
  // Serves the audit trail filtered by actor, newest first, keyset-paged by id.
  sql`CREATE INDEX audit_events_actor_idx ON audit_events (actor, id)`,
  // Serves the audit trail filtered by action, newest first, keyset-paged by id.
  sql`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`,
  // Serves the audit trail's date range (from, to).
  sql`CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at, id)`,
  // Serves the outbox filtered by status, newest first, keyset-paged by id.
  sql`CREATE INDEX outbox_status_id_idx ON outbox (status, id)`,

  // How a quarantined message was resolved: filed as a request (which one), or dismissed (why), and by whom.
  sql`ALTER TABLE mail_quarantine ADD COLUMN resolution text CHECK (resolution IN ('filed', 'dismissed'))`,
  sql`ALTER TABLE mail_quarantine ADD COLUMN resolution_note text`,
  sql`ALTER TABLE mail_quarantine ADD COLUMN resolved_by text`,
  sql`ALTER TABLE mail_quarantine ADD COLUMN request_id bigint REFERENCES requests (id) ON DELETE SET NULL`,
  sql`ALTER TABLE mail_quarantine ADD CONSTRAINT mail_quarantine_resolved_check CHECK (resolution IS NULL OR resolved_at IS NOT NULL)`,
  // Serves the console's list of messages waiting for a person, newest first, keyset-paged by id.
  sql`CREATE INDEX mail_quarantine_open_id_idx ON mail_quarantine (id) WHERE resolved_at IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

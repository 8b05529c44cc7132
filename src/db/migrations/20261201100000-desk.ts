import { sql, type Kysely } from 'kysely';

/**
 * The desk: assignment, deadlines per kind (paused while waiting on the requester), internal
 * notes, the structured evaluation, reply templates per language, and notifications of affected users.
 */
const statements = [
  sql`ALTER TABLE requests ADD COLUMN assignee_id bigint REFERENCES staff_users (id)`,
  // Time spent waiting on the requester in earlier rounds; the deadline moves by it.
  sql`ALTER TABLE requests ADD COLUMN deadline_paused interval NOT NULL DEFAULT '0'`,
  // Set while the request waits on the requester (state 'waiting'): the deadline is paused since then.
  sql`ALTER TABLE requests ADD COLUMN waiting_since timestamptz`,
  // Serves the queue filtered by assignee ("mine"), open requests first by received time.
  sql`CREATE INDEX requests_assignee_idx ON requests (assignee_id, received_at) WHERE assignee_id IS NOT NULL`,
  // Serves the queue of open requests (not decided, closed or withdrawn) ordered by their age.
  sql`CREATE INDEX requests_open_idx ON requests (received_at, id) WHERE state IN ('received', 'triage', 'in_review', 'waiting')`,

  sql`CREATE TABLE kind_deadlines (
    kind text PRIMARY KEY CHECK (kind IN ('content_alteration', 'copyright', 'user_data', 'preservation', 'emergency')),
    hours integer NOT NULL CHECK (hours BETWEEN 1 AND 8760),
    basis text NOT NULL CHECK (basis IN ('statutory', 'internal')),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Defaults an organisation is expected to change: internal targets, an emergency within a day.
  sql`INSERT INTO kind_deadlines (kind, hours, basis) VALUES
    ('content_alteration', 336, 'internal'),
    ('copyright', 168, 'internal'),
    ('user_data', 720, 'internal'),
    ('preservation', 168, 'internal'),
    ('emergency', 24, 'internal')`,

  sql`CREATE TABLE request_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    author_id bigint NOT NULL REFERENCES staff_users (id),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Serves a request's notes in order on its page.
  sql`CREATE INDEX request_notes_request_idx ON request_notes (request_id, created_at)`,

  sql`CREATE TABLE request_evaluations (
    request_id bigint PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    valid_and_complete text NOT NULL CHECK (valid_and_complete IN ('yes', 'no', 'unclear')),
    valid_notes text,
    must_act text NOT NULL CHECK (must_act IN ('yes', 'no', 'unclear')),
    must_act_notes text,
    harms_rights text NOT NULL CHECK (harms_rights IN ('yes', 'no', 'unclear')),
    harms_notes text,
    authority_competent text NOT NULL CHECK (authority_competent IN ('yes', 'no', 'unclear', 'not_applicable')),
    authority_notes text,
    evaluated_by bigint NOT NULL REFERENCES staff_users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,

  sql`CREATE TABLE reply_templates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (name ~ '^[a-z0-9-]{1,60}$'),
    language text NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, language)
  )`,

  sql`CREATE TABLE request_notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    account text NOT NULL CHECK (length(account) BETWEEN 1 AND 300),
    status text NOT NULL CHECK (status IN ('queued', 'barred')),
    outbox_id bigint REFERENCES outbox (id) ON DELETE SET NULL,
    barred_reason text,
    created_by bigint NOT NULL REFERENCES staff_users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'barred') = (barred_reason IS NOT NULL))
  )`,
  // Serves a request's notifications on its page, and one notification per account.
  sql`CREATE UNIQUE INDEX request_notifications_account_idx ON request_notifications (request_id, account)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

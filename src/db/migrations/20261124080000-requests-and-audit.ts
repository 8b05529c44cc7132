import { sql, type Kysely } from 'kysely';

/** The request store and the audit log: the tables every capability builds on. */
const statements = [
  sql`CREATE SEQUENCE request_reference_seq`,

  sql`CREATE TABLE requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z][A-Z0-9]*-[0-9A-Za-z-]+$'),
    external_id text UNIQUE,
    kind text NOT NULL CHECK (kind IN ('content_alteration', 'copyright', 'user_data', 'preservation', 'emergency')),
    category text CHECK (
      category IS NULL
      OR (kind = 'content_alteration' AND category IN ('defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other'))
      OR (kind = 'copyright' AND category = 'counter_notice')
      OR (kind = 'user_data' AND category IN ('informal_private', 'informal_government', 'civil_subpoena',
          'criminal_subpoena', 'administrative_subpoena', 'search_warrant', 'court_order', 'national_security'))
      OR (kind = 'emergency' AND category IN ('violence', 'terrorism', 'self_harm'))
    ),
    channel text NOT NULL CHECK (channel IN ('web', 'email', 'api', 'post', 'import')),
    state text NOT NULL DEFAULT 'received'
      CHECK (state IN ('received', 'triage', 'in_review', 'waiting', 'decided', 'closed', 'withdrawn')),
    outcome text CHECK (outcome IN ('granted', 'partially_granted', 'denied', 'not_actionable', 'withdrawn')),
    rationale text,
    received_at timestamptz NOT NULL,
    decided_at timestamptz,
    requester_name text,
    requester_organization text,
    requester_email text,
    requester_type text CHECK (requester_type IN
      ('executive', 'law_enforcement', 'court', 'regulator', 'individual', 'company', 'lawyer', 'organization')),
    requester_country char(2) CHECK (requester_country ~ '^[A-Z]{2}$'),
    jurisdiction text,
    laws_cited text[] NOT NULL DEFAULT '{}',
    original_text text,
    accounts_potentially_affected integer NOT NULL DEFAULT 0 CHECK (accounts_potentially_affected >= 0),
    accounts_actually_affected integer NOT NULL DEFAULT 0 CHECK (accounts_actually_affected >= 0),
    accounts_notified integer NOT NULL DEFAULT 0 CHECK (accounts_notified >= 0),
    duplicate_of_id bigint REFERENCES requests (id),
    counter_notice_to_id bigint REFERENCES requests (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (duplicate_of_id IS DISTINCT FROM id),
    CHECK (counter_notice_to_id IS NULL OR (kind = 'copyright' AND category = 'counter_notice'))
  )`,
  // Serves the transparency report: every aggregate filters on the period of received_at,
  // and the INCLUDE columns let the GROUP BY run from the index alone.
  sql`CREATE INDEX requests_received_at_idx ON requests (received_at)
      INCLUDE (kind, category, outcome, requester_country, requester_type, duplicate_of_id)`,
  // Serves the API's keyset-paged list, newest first, and its state filter.
  sql`CREATE INDEX requests_state_received_idx ON requests (state, received_at DESC, id DESC)`,
  // Serves the lookup of the duplicates and counter-notices linked to a request.
  sql`CREATE INDEX requests_duplicate_of_idx ON requests (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`,
  sql`CREATE INDEX requests_counter_notice_to_idx ON requests (counter_notice_to_id) WHERE counter_notice_to_id IS NOT NULL`,

  sql`CREATE TABLE request_parties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('sender', 'principal', 'agent', 'recipient')),
    name text,
    organization text,
    email text,
    address text,
    country char(2) CHECK (country ~ '^[A-Z]{2}$')
  )`,
  // Serves loading the parties of one request.
  sql`CREATE INDEX request_parties_request_idx ON request_parties (request_id)`,

  sql`CREATE TABLE request_targets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    target_type text NOT NULL CHECK (target_type IN ('page', 'revision', 'file', 'account', 'project')),
    url text,
    project text,
    account text,
    CHECK (url IS NOT NULL OR project IS NOT NULL OR account IS NOT NULL)
  )`,
  // Serves loading the targets of one request, and the report's count by project (request_id, project).
  sql`CREATE INDEX request_targets_request_idx ON request_targets (request_id) INCLUDE (project)`,

  sql`CREATE TABLE request_attachments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    filename text NOT NULL,
    content_type text NOT NULL,
    size_bytes integer NOT NULL CHECK (size_bytes >= 0),
    sha256 text NOT NULL,
    content bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Serves listing the attachments of one request.
  sql`CREATE INDEX request_attachments_request_idx ON request_attachments (request_id)`,

  // ids are given out one after another by the appender (under a lock), never by a sequence,
  // so a gap in them is itself evidence of a deleted event.
  sql`CREATE TABLE audit_events (
    id bigint PRIMARY KEY CHECK (id > 0),
    occurred_at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject_type text NOT NULL,
    subject_id bigint,
    payload jsonb NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
  )`,
  // Serves a request's timeline: its events in order.
  sql`CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, id)`,
  // The log is append-only: changing or removing a row takes deliberately disabling this trigger,
  // and even then `candor audit verify` finds the break in the hash chain.
  sql`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
    END
  $$`,
  sql`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
  sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

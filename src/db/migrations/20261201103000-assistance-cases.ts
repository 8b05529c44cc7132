import { sql, type Kysely } from 'kysely';

/**
 * Contributor assistance: a contributor threatened or sued over their work asks for legal help;
 * the case records the threat, eligibility, the counsel referred, funding approved and the outcome,
 * linked to any related request. Its acknowledgement is mail in the outbox like any other.
 */
const statements = [
  sql`CREATE SEQUENCE assistance_reference_seq`,

  sql`CREATE TABLE assistance_cases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference text NOT NULL UNIQUE CHECK (reference ~ '^LA-[0-9]{4}-[0-9]{6,}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    language text NOT NULL,
    state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'assessing', 'referred', 'funded', 'closed', 'declined')),
    threat_kind text NOT NULL CHECK (threat_kind IN ('lawsuit', 'criminal_complaint', 'threat_letter', 'government_pressure', 'harassment', 'other')),
    threat_description text NOT NULL,
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    authority text,
    project text NOT NULL,
    contributor_role text NOT NULL CHECK (contributor_role IN ('editor', 'administrator', 'photographer', 'developer', 'other')),
    court_case boolean NOT NULL,
    court_deadline date,
    related_urls text[] NOT NULL DEFAULT '{}',
    related_reference text,
    contact_name text NOT NULL,
    contact_email text NOT NULL,
    contact_phone text,
    contact_messenger text,
    eligibility text NOT NULL DEFAULT 'pending' CHECK (eligibility IN ('pending', 'eligible', 'ineligible')),
    eligibility_reasons text,
    eligibility_decided_at timestamptz,
    counsel_name text,
    counsel_firm text,
    counsel_referred_on date,
    funding_amount numeric(20, 4) CHECK (funding_amount > 0),
    funding_currency text CHECK (funding_currency ~ '^[A-Z]{3}$'),
    funding_approved_on date,
    outcome text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((funding_amount IS NULL) = (funding_currency IS NULL)),
    CHECK ((counsel_name IS NULL) = (counsel_referred_on IS NULL))
  )`,
  // Serves the console's list: soonest court deadline first (cases without one last), oldest first after that.
  sql`CREATE INDEX assistance_cases_deadline_idx ON assistance_cases (court_deadline ASC NULLS LAST, received_at, id)`,
  // Serves the list filtered by state (and the open cases: neither closed nor declined), in the same order.
  sql`CREATE INDEX assistance_cases_state_deadline_idx ON assistance_cases (state, court_deadline ASC NULLS LAST, received_at, id)`,

  sql`CREATE TABLE assistance_case_requests (
    case_id bigint NOT NULL REFERENCES assistance_cases (id) ON DELETE CASCADE,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    linked_at timestamptz NOT NULL DEFAULT now(),
    linked_by text NOT NULL,
    PRIMARY KEY (case_id, request_id)
  )`,
  // Serves finding the cases a request is linked to (the primary key serves a case's requests).
  sql`CREATE INDEX assistance_case_requests_request_idx ON assistance_case_requests (request_id)`,

  sql`ALTER TABLE outbox ADD COLUMN assistance_case_id bigint REFERENCES assistance_cases (id) ON DELETE SET NULL`,
  // Serves a case's mail on its page.
  sql`CREATE INDEX outbox_assistance_case_idx ON outbox (assistance_case_id) WHERE assistance_case_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

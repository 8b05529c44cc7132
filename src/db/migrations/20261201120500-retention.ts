import { sql, type Kysely } from 'kysely';

/**
 * Retention: how long the personal data of each kind of record is kept once its matter is
 * finished (`months`, NULL for as long as the organisation keeps it), and when each record's
 * personal data was anonymised. Anonymising keeps the rows, so every count stays.
 */
const statements = [
  sql`CREATE TABLE retention_periods (
    record_kind text PRIMARY KEY CHECK (record_kind ~ '^[a-z_]{1,40}$'),
    months integer CHECK (months BETWEEN 1 AND 1200),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
  )`,
  sql`ALTER TABLE requests ADD COLUMN anonymised_at timestamptz`,
  sql`ALTER TABLE assistance_cases ADD COLUMN anonymised_at timestamptz`,
  sql`ALTER TABLE mail_quarantine ADD COLUMN anonymised_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

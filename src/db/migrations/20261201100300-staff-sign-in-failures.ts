import { sql, type Kysely } from 'kysely';

/**
 * Failed sign-ins and second-factor checks, one row each, so that the limit per account and per
 * address is counted over the last hour exactly (a sliding window) by every process sharing the
 * database. A bucket is a keyed hash of the e-mail address or client address, never the value.
 */
const statements = [
  sql`CREATE TABLE staff_sign_in_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bucket text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Serves counting a bucket's failures in the last hour before each attempt.
  sql`CREATE INDEX staff_sign_in_failures_bucket_idx ON staff_sign_in_failures (bucket, failed_at)`,
  // Serves purging failures older than a day.
  sql`CREATE INDEX staff_sign_in_failures_failed_at_idx ON staff_sign_in_failures (failed_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Published transparency reports: each publication of a period freezes the report as canonical
 * JSON text (the very bytes that are hashed and offered for download) with its SHA-256. A period
 * published again gets the next version; earlier versions are kept.
 */
const statements = [
  sql`CREATE TABLE transparency_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id text NOT NULL CHECK (period_id ~ '^[0-9]{4}(-H[12])?$'),
    version integer NOT NULL CHECK (version > 0),
    report text NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by bigint NOT NULL REFERENCES staff_users (id)
  )`,
  // Serves the latest version of a period (public period page) and a period's history, newest first;
  // the uniqueness keeps two publications from taking the same version.
  sql`CREATE UNIQUE INDEX transparency_snapshots_period_version_idx ON transparency_snapshots (period_id, version)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/** Which published notices have gone to Lumen, and what Lumen answered. */
const statements = [
  sql`CREATE TABLE lumen_exports (
    notice_id bigint PRIMARY KEY REFERENCES public_notices (id) ON DELETE CASCADE,
    state text NOT NULL CHECK (state IN ('sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    location text,
    last_error text,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Survey results the site charts: in a country and a year, the share of internet users who have
 * heard of the projects. The share is kept in tenths of a percent (0 to 1000), exactly as
 * entered with its one decimal, never as a float. One result per country and year.
 */
const statements = [
  sql`CREATE TABLE awareness_surveys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    share_tenths integer NOT NULL CHECK (share_tenths BETWEEN 0 AND 1000),
    sample_size integer CHECK (sample_size > 0),
    source text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Also serves the chart's and the table's order (country, year).
    UNIQUE (country, year)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

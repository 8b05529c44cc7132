import { sql, type Kysely } from 'kysely';

/**
 * "Contact a human": a message to the desk becomes an item of the queue, stored as a request of
 * kind `contact` whose category is its topic, so that assignment, notes, replies, states and a
 * deadline work for it as for any request. It draws its own references (`CT-2026-000001`), so
 * the numbering of legal requests keeps no gaps; the report and exports leave the kind out.
 */
const statements = [
  sql`ALTER TABLE requests DROP CONSTRAINT requests_kind_check`,
  sql`ALTER TABLE requests ADD CONSTRAINT requests_kind_check
      CHECK (kind IN ('content_alteration', 'copyright', 'user_data', 'preservation', 'emergency', 'contact'))`,
  // The first migration's check of the category names two columns, so PostgreSQL named it requests_check.
  sql`ALTER TABLE requests DROP CONSTRAINT requests_check`,
  sql`ALTER TABLE requests ADD CONSTRAINT requests_category_check CHECK (
      category IS NULL
      OR (kind = 'content_alteration' AND category IN ('defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other'))
      OR (kind = 'copyright' AND category = 'counter_notice')
      OR (kind = 'user_data' AND category IN ('informal_private', 'informal_government', 'civil_subpoena',
          'criminal_subpoena', 'administrative_subpoena', 'search_warrant', 'court_order', 'national_security'))
      OR (kind = 'emergency' AND category IN ('violence', 'terrorism', 'self_harm'))
      OR (kind = 'contact' AND category IN ('press', 'policy', 'legal', 'other'))
    )`,
  // A contact message always has its topic: the queue shows and filters by it.
  sql`ALTER TABLE requests ADD CONSTRAINT requests_contact_topic_check CHECK (kind <> 'contact' OR category IS NOT NULL)`,
  sql`CREATE SEQUENCE contact_reference_seq`,

  sql`ALTER TABLE kind_deadlines DROP CONSTRAINT kind_deadlines_kind_check`,
  sql`ALTER TABLE kind_deadlines ADD CONSTRAINT kind_deadlines_kind_check
      CHECK (kind IN ('content_alteration', 'copyright', 'user_data', 'preservation', 'emergency', 'contact'))`,
  // A person writing to the organisation should hear from a person within three days.
  sql`INSERT INTO kind_deadlines (kind, hours, basis) VALUES ('contact', 72, 'internal')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

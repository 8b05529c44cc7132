import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

/** Words of the generated notices and how many published ones have each (see addManyNotices). */
export const WORDS = {
  /** In every third notice: past COUNT_LIMIT, under FEW_MATCHES. */
  kestrel: 'kestrel',
  /** With its accent, in every fourth: found typed with or without it. */
  nandubay: 'Ñandubay',
  /** In all but every twentieth: past FEW_MATCHES. */
  osprey: 'osprey',
} as const;

/**
 * Adds `count` notices in one statement each for requests and notices, so that searches past
 * COUNT_LIMIT and FEW_MATCHES can be tried: many share a publication time (the order then rests
 * on the id), publication order is not id order, and every ninth is a draft, every eleventh
 * withdrawn.
 */
export async function addManyNotices(db: Kysely<Database>, count: number): Promise<void> {
  await sql`INSERT INTO requests (reference, kind, channel, state, outcome, received_at)
    SELECT 'GN-' || i, CASE WHEN i % 2 = 0 THEN 'copyright' ELSE 'content_alteration' END, 'import', 'closed', 'denied',
           timestamptz '2024-01-01 00:00:00+00' + (i % 500) * interval '1 day'
      FROM generate_series(1, ${count}::int) AS i`.execute(db);
  // The facet counts are made once afterwards, as the migration makes them, rather than row by row.
  await sql`ALTER TABLE public_notices DISABLE TRIGGER public_notice_facet_counts_insert`.execute(db);
  await sql`INSERT INTO public_notices (request_id, reference, state, title, body, kind, country, projects, outcome, received_at, decided_at, published_at, withdrawn_at, folded)
    SELECT r.id, r.reference, n.state, 'Notice ' || n.i,
           concat_ws(' ', 'A notice about', CASE WHEN n.i % 3 = 0 THEN 'a kestrel' END, CASE WHEN n.i % 4 = 0 THEN 'the Ñandubay river' END,
                     CASE WHEN n.i % 20 <> 0 THEN 'an osprey' END, 'and a photograph'),
           r.kind, (ARRAY['US', 'DE', NULL, 'FR'])[1 + n.i % 4], ARRAY['en.wikipedia.org'], 'denied', r.received_at, r.received_at,
           CASE WHEN n.state <> 'draft' THEN timestamptz '2025-01-01 00:00:00+00' + ((n.i * 37) % 700) * interval '1 minute' END,
           CASE WHEN n.state = 'withdrawn' THEN timestamptz '2026-01-01 00:00:00+00' END,
           -- What the drafting step keeps of the text without accents, for searches typed without them.
           CASE WHEN n.i % 4 = 0 THEN 'the nandubay river' ELSE '' END
      FROM (SELECT i, 'GN-' || i AS reference, CASE WHEN i % 9 = 0 THEN 'draft' WHEN i % 11 = 0 THEN 'withdrawn' ELSE 'published' END AS state
              FROM generate_series(1, ${count}::int) AS i) n
      JOIN requests r ON r.reference = n.reference`.execute(db);
  await sql`ALTER TABLE public_notices ENABLE TRIGGER public_notice_facet_counts_insert`.execute(db);
  await sql`SELECT public_notice_facet_counts_rebuild()`.execute(db);
}

/** The references of every published notice whose body has `word`, newest published first: what a search must give, page after page. */
export async function expectedReferences(db: Kysely<Database>, word: string, country?: string): Promise<string[]> {
  const { rows } = await sql<{ reference: string }>`SELECT reference FROM public_notices
    WHERE state = 'published' AND position(${word} IN body) > 0 AND (${country ?? null}::text IS NULL OR country = ${country ?? null})
    ORDER BY published_at DESC, id DESC`.execute(db);
  return rows.map((row) => row.reference);
}

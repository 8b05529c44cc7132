import { sql, type Kysely } from 'kysely';

/**
 * The facet counts of the public notice search, kept by triggers in the same transaction as
 * every change to public_notices: for the search without filters (`filter` '') and for each
 * single filter value (`filter` kind, country, year, outcome or project and its `filter_key`),
 * how many published notices have each facet value (`facet`, `key`; `total` for all of them).
 * Counting every matching notice instead took 2.5 s at a million notices (five scans of the
 * table); this is at most a few thousand rows, read about sixty at a time. A notice counts once
 * under each of its projects. Restores load the table like any other, with triggers disabled.
 */
const statements = [
  sql`CREATE TABLE public_notice_facet_counts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filter text NOT NULL CHECK (filter IN ('', 'kind', 'country', 'year', 'outcome', 'project')),
    filter_key text,
    facet text NOT NULL CHECK (facet IN ('total', 'kind', 'country', 'year', 'outcome', 'project')),
    key text,
    notices integer NOT NULL CHECK (notices >= 0)
  )`,
  // Serves reading the counts of one filter value, and the triggers' upserts.
  sql`CREATE UNIQUE INDEX public_notice_facet_counts_key_idx ON public_notice_facet_counts (filter, filter_key, facet, key) NULLS NOT DISTINCT`,
  // The facet values of one notice: what it counts under, and what it is found by.
  sql`CREATE FUNCTION public_notice_facet_values(k text, c text, received timestamptz, o text, p text[]) RETURNS TABLE (facet text, key text)
      LANGUAGE sql IMMUTABLE AS $$
    SELECT 'kind', k UNION ALL SELECT 'country', c UNION ALL SELECT 'year', extract(year FROM received AT TIME ZONE 'UTC')::integer::text
    UNION ALL SELECT 'outcome', o UNION ALL SELECT DISTINCT 'project', x FROM unnest(p) AS x
  $$`,
  sql`CREATE FUNCTION public_notice_facet_pairs(k text, c text, received timestamptz, o text, p text[])
      RETURNS TABLE (filter text, filter_key text, facet text, key text) LANGUAGE sql IMMUTABLE AS $$
    SELECT f.facet, f.key, v.facet, v.key
      FROM (SELECT '' AS facet, NULL::text AS key UNION ALL SELECT * FROM public_notice_facet_values(k, c, received, o, p)) AS f
     CROSS JOIN (SELECT 'total' AS facet, NULL::text AS key UNION ALL SELECT * FROM public_notice_facet_values(k, c, received, o, p)) AS v
  $$`,
  // Adds a notice (delta 1) or takes it away (-1). Taking away updates in place: an insert of a
  // negative count would fail its check before ON CONFLICT could turn it into an update.
  sql`CREATE FUNCTION public_notice_facet_counts_add(k text, c text, received timestamptz, o text, p text[], delta integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO public_notice_facet_counts AS counts (filter, filter_key, facet, key, notices)
    SELECT filter, filter_key, facet, key, delta FROM public_notice_facet_pairs(k, c, received, o, p) WHERE delta > 0
    ON CONFLICT (filter, filter_key, facet, key) DO UPDATE SET notices = counts.notices + EXCLUDED.notices;
    UPDATE public_notice_facet_counts AS counts SET notices = counts.notices + delta
      FROM public_notice_facet_pairs(k, c, received, o, p) AS pair
     WHERE delta < 0 AND counts.filter = pair.filter AND counts.filter_key IS NOT DISTINCT FROM pair.filter_key
       AND counts.facet = pair.facet AND counts.key IS NOT DISTINCT FROM pair.key
  $$`,
  // Changes to the counts take turns (a transaction-scoped advisory lock, an arbitrary fixed
  // number): adding and taking away lock the same rows in different orders, which done at once
  // could deadlock. Every change touches the total row anyway, so they took turns already.
  sql`CREATE FUNCTION public_notice_facet_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'published') OR (TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'published') THEN
        PERFORM pg_advisory_xact_lock(727501002);
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'published' THEN
        PERFORM public_notice_facet_counts_add(OLD.kind, OLD.country, OLD.received_at, OLD.outcome, OLD.projects, -1);
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'published' THEN
        PERFORM public_notice_facet_counts_add(NEW.kind, NEW.country, NEW.received_at, NEW.outcome, NEW.projects, 1);
      END IF;
      RETURN NULL;
    END
  $$`,
  // Counts every published notice afresh: after this migration, and after a bulk load made with the triggers disabled.
  sql`CREATE FUNCTION public_notice_facet_counts_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM public_notice_facet_counts;
    INSERT INTO public_notice_facet_counts (filter, filter_key, facet, key, notices)
    SELECT pair.filter, pair.filter_key, pair.facet, pair.key, count(*)
      FROM public_notices n CROSS JOIN LATERAL public_notice_facet_pairs(n.kind, n.country, n.received_at, n.outcome, n.projects) AS pair
     WHERE n.state = 'published'
     GROUP BY 1, 2, 3, 4
  $$`,
  sql`CREATE TRIGGER public_notice_facet_counts_insert_delete AFTER INSERT OR DELETE ON public_notices
      FOR EACH ROW EXECUTE FUNCTION public_notice_facet_counts_track()`,
  sql`CREATE TRIGGER public_notice_facet_counts_update AFTER UPDATE OF state, kind, country, received_at, outcome, projects ON public_notices
      FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.country IS DISTINCT FROM NEW.country
        OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.projects IS DISTINCT FROM NEW.projects)
      EXECUTE FUNCTION public_notice_facet_counts_track()`,
  sql`CREATE FUNCTION public_notice_facet_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM public_notice_facet_counts;
      RETURN NULL;
    END
  $$`,
  sql`CREATE TRIGGER public_notice_facet_counts_truncate AFTER TRUNCATE ON public_notices
      FOR EACH STATEMENT EXECUTE FUNCTION public_notice_facet_counts_clear()`,
  sql`SELECT public_notice_facet_counts_rebuild()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

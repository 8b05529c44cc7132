import { sql, type Kysely } from 'kysely';

/**
 * The facet counts of the public notice search (20261201130000) are kept once per statement
 * instead of once per row. The row trigger changed up to 49 counts for each notice published or
 * withdrawn, one upsert after another: publishing the demo's 404 notices in one statement took
 * 0.9 s on the embedded database. Now each statement's trigger reads the rows the statement
 * changed (its transition tables), and every count it touches is changed once, by the sum of
 * what it gains and loses.
 *
 * An update counts only the rows whose state or facet values it changed, matched by id. Each
 * event has a trigger of its own (a trigger with transition tables takes one event, and no
 * column list). Changes to the counts take turns under the same advisory lock as before.
 */
const statements = [
  sql`DROP TRIGGER public_notice_facet_counts_insert_delete ON public_notices`,
  sql`DROP TRIGGER public_notice_facet_counts_update ON public_notices`,
  sql`DROP FUNCTION public_notice_facet_counts_track()`,
  // A notice entering the published counts (delta 1) or leaving them (-1), with its facet values.
  sql`CREATE TYPE public_notice_facet_change AS (kind text, country text, received_at timestamptz, outcome text, projects text[], delta integer)`,
  sql`CREATE FUNCTION public_notice_facet_counts_apply(changes public_notice_facet_change[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF cardinality(changes) = 0 THEN
        RETURN;
      END IF;
      PERFORM pg_advisory_xact_lock(727501002);
      -- Taking away updates in place: an insert of a negative count would fail its check before ON CONFLICT could turn it into an update.
      WITH deltas AS (
        SELECT pair.filter, pair.filter_key, pair.facet, pair.key, sum(c.delta)::integer AS delta
          FROM unnest(changes) AS c
         CROSS JOIN LATERAL public_notice_facet_pairs(c.kind, c.country, c.received_at, c.outcome, c.projects) AS pair
         GROUP BY 1, 2, 3, 4
        HAVING sum(c.delta) <> 0
      ), taken AS (
        UPDATE public_notice_facet_counts AS counts SET notices = counts.notices + d.delta
          FROM deltas AS d
         WHERE d.delta < 0 AND counts.filter = d.filter AND counts.filter_key IS NOT DISTINCT FROM d.filter_key
           AND counts.facet = d.facet AND counts.key IS NOT DISTINCT FROM d.key
      )
      INSERT INTO public_notice_facet_counts AS counts (filter, filter_key, facet, key, notices)
      SELECT filter, filter_key, facet, key, delta FROM deltas WHERE delta > 0
          ON CONFLICT (filter, filter_key, facet, key) DO UPDATE SET notices = counts.notices + EXCLUDED.notices;
    END
  $$`,
  sql`CREATE FUNCTION public_notice_facet_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM public_notice_facet_counts_apply(ARRAY(
        SELECT ROW(kind, country, received_at, outcome, projects, 1)::public_notice_facet_change FROM new_rows WHERE state = 'published'));
      RETURN NULL;
    END
  $$`,
  sql`CREATE FUNCTION public_notice_facet_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM public_notice_facet_counts_apply(ARRAY(
        SELECT ROW(kind, country, received_at, outcome, projects, -1)::public_notice_facet_change FROM old_rows WHERE state = 'published'));
      RETURN NULL;
    END
  $$`,
  sql`CREATE FUNCTION public_notice_facet_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM public_notice_facet_counts_apply(ARRAY(
        WITH changed AS (
          SELECT o.state AS old_state, o.kind AS old_kind, o.country AS old_country, o.received_at AS old_received_at, o.outcome AS old_outcome, o.projects AS old_projects,
                 n.state, n.kind, n.country, n.received_at, n.outcome, n.projects
            FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
           WHERE (o.state, o.kind, o.country, o.received_at, o.outcome, o.projects) IS DISTINCT FROM (n.state, n.kind, n.country, n.received_at, n.outcome, n.projects)
        )
        SELECT ROW(old_kind, old_country, old_received_at, old_outcome, old_projects, -1)::public_notice_facet_change FROM changed WHERE old_state = 'published'
        UNION ALL
        SELECT ROW(kind, country, received_at, outcome, projects, 1)::public_notice_facet_change FROM changed WHERE state = 'published'));
      RETURN NULL;
    END
  $$`,
  sql`CREATE TRIGGER public_notice_facet_counts_insert AFTER INSERT ON public_notices
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_notice_facet_counts_inserted()`,
  sql`CREATE TRIGGER public_notice_facet_counts_delete AFTER DELETE ON public_notices
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_notice_facet_counts_deleted()`,
  sql`CREATE TRIGGER public_notice_facet_counts_update AFTER UPDATE ON public_notices
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_notice_facet_counts_updated()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

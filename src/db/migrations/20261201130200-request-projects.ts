import { sql, type Kysely } from 'kysely';

/**
 * The projects a request targets, kept on the request itself: the distinct, sorted `project` of
 * its targets. The transparency report counts requests per project; with the projects on the row,
 * that count is one scan of the period's requests instead of a join with every target and a
 * count of distinct requests. Targets are written once, with their request (createRequests);
 * later changes (anonymisation) never touch their project.
 */
const statements = [
  sql`ALTER TABLE requests ADD COLUMN projects text[] NOT NULL DEFAULT '{}'`,
  sql`UPDATE requests r SET projects = p.projects
        FROM (SELECT request_id, array_agg(DISTINCT project COLLATE "C" ORDER BY project COLLATE "C") AS projects
                FROM request_targets WHERE project IS NOT NULL GROUP BY request_id) p
       WHERE p.request_id = r.id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

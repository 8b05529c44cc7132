import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PagedSitemap } from '../site/sitemap.ts';

/**
 * The published notices as a paged sitemap, by reference (the unique index on it serves both
 * queries). `changed` is for this process's publications and withdrawals.
 */
export function noticeSitemap(db: Kysely<Database>): PagedSitemap & { changed(): void } {
  const listeners = new Set<() => void>();
  return {
    name: 'notices',
    async starts(size) {
      // Every size-th reference, found in one pass over the published ones rather than one OFFSET per child.
      const { rows } = await sql<{ reference: string }>`SELECT reference FROM (
          SELECT reference, row_number() OVER (ORDER BY reference) AS position FROM public_notices WHERE state = 'published'
        ) AS numbered WHERE (position - 1) % ${size} = 0 ORDER BY reference`.execute(db);
      return rows.map((row) => row.reference);
    },
    async paths(start, size) {
      const rows = await db.selectFrom('public_notices').select('reference').where('state', '=', 'published').where('reference', '>=', start).orderBy('reference').limit(size).execute();
      return rows.map((row) => `/notices/${row.reference}`);
    },
    onChange(listener) {
      listeners.add(listener);
    },
    changed() {
      for (const listener of listeners) listener();
    },
  };
}

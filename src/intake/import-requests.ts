import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.ts';
import { transactionWithCopy } from '../db/copy-rows.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { createRequests } from '../requests/create-requests.ts';
import type { ParsedRow } from './request-csv.ts';

/** Imports of at least this many rows refresh the planner's statistics of the tables they filled. */
const ANALYZE_AFTER = 10_000;

/**
 * Imports rows that parseRequestCsv found valid, all or nothing: references already in the
 * database are checked first, then every row is stored in one transaction with its audit event,
 * through COPY (BENCHMARKS.md, P3). Throws a ValidationError listing every
 * clash; nothing is stored then.
 */
export async function importRequestRows(
  handle: Pick<DatabaseHandle, 'db' | 'pool' | 'embedded'>,
  rows: ParsedRow[],
  options: { actor: string; onProgress?: (done: number, total: number) => void },
): Promise<{ imported: number }> {
  const { db } = handle;
  const issues: FieldIssue[] = [];
  const withReference = rows.filter((row) => row.request.reference);
  const lineOf = new Map(withReference.map((row) => [row.request.reference!, row.line]));
  for (let i = 0; i < withReference.length; i += 10_000) {
    const references = withReference.slice(i, i + 10_000).map((row) => row.request.reference!);
    const existing = await db.selectFrom('requests').select('reference').where('reference', 'in', references).execute();
    for (const { reference } of existing) {
      issues.push({ line: lineOf.get(reference)!, field: 'reference', message: `"${reference}" already exists in the database` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  await transactionWithCopy(handle, (trx, copy) =>
    createRequests(
      trx,
      rows.map((row) => row.request),
      options.actor,
      'request.imported',
      { onStored: options.onProgress, copy },
    ),
  );
  // After a bulk load the planner's statistics describe the tables as they were: refreshed at
  // once, the report over a million imported requests takes a quarter of the time (BENCHMARKS.md,
  // P2). The embedded database has no autovacuum to do it later.
  // On PostgreSQL each table is analysed on a connection of its own, side by side.
  if (rows.length >= ANALYZE_AFTER) await Promise.all(['requests', 'request_targets', 'audit_events'].map((table) => sql`ANALYZE ${sql.table(table)}`.execute(db)));
  return { imported: rows.length };
}

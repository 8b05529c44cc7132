import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Database } from '../db/database.ts';
import type { TransparencyReport } from './report-shape.ts';

/** A published version of a period's report, as the public pages show it. */
export interface Snapshot {
  id: number;
  periodId: string;
  version: number;
  /** The canonical JSON text: the bytes that were hashed and that the download serves. */
  text: string;
  report: TransparencyReport;
  sha256: string;
  publishedAt: Date;
  publishedBy: number;
}

/** The canonical JSON of a report and its SHA-256: what a snapshot stores, and what a reader can recompute. */
export function sealReport(report: TransparencyReport): { text: string; sha256: string } {
  const text = canonicalJson(report);
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

type Row = Database['transparency_snapshots'];

function toSnapshot(row: { id: number; period_id: string; version: number; report: string; sha256: string; published_at: Date; published_by: number }): Snapshot {
  return {
    id: Number(row.id),
    periodId: row.period_id,
    version: row.version,
    text: row.report,
    report: JSON.parse(row.report) as TransparencyReport,
    sha256: row.sha256,
    publishedAt: new Date(row.published_at),
    publishedBy: Number(row.published_by),
  };
}

const COLUMNS = ['id', 'period_id', 'version', 'report', 'sha256', 'published_at', 'published_by'] as const satisfies readonly (keyof Row)[];

/** The latest published version of a period, if it was ever published. */
export async function latestSnapshot(db: Kysely<Database>, periodId: string): Promise<Snapshot | undefined> {
  const row = await db.selectFrom('transparency_snapshots').select(COLUMNS).where('period_id', '=', periodId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toSnapshot(row) : undefined;
}

/** One version of a period, if it exists. */
export async function findSnapshot(db: Kysely<Database>, periodId: string, version: number): Promise<Snapshot | undefined> {
  const row = await db.selectFrom('transparency_snapshots').select(COLUMNS).where('period_id', '=', periodId).where('version', '=', version).executeTakeFirst();
  return row ? toSnapshot(row) : undefined;
}

/** Every version of a period, newest first. */
export async function snapshotHistory(db: Kysely<Database>, periodId: string): Promise<Snapshot[]> {
  const rows = await db.selectFrom('transparency_snapshots').select(COLUMNS).where('period_id', '=', periodId).orderBy('version', 'desc').execute();
  return rows.map(toSnapshot);
}

/** The latest version of every published period, keyed by period id. */
export async function latestSnapshots(db: Kysely<Database>): Promise<Map<string, Snapshot>> {
  const rows = await db.selectFrom('transparency_snapshots').select(COLUMNS).orderBy('period_id').orderBy('version', 'desc').execute();
  const latest = new Map<string, Snapshot>();
  for (const row of rows) if (!latest.has(row.period_id)) latest.set(row.period_id, toSnapshot(row));
  return latest;
}

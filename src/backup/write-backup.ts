import { sql, type Kysely, type Transaction } from 'kysely';
import type { Writable } from 'node:stream';
import type { Backend } from '../db/connect.ts';
import { appliedMigrations } from '../db/migrate.ts';
import { ArchiveWriter, FORMAT_NAME, FORMAT_VERSION, type ArchiveHeader, type ArchiveWriterOptions } from './archive.ts';
import { EXCLUDED_TABLES, listTables, loadOrder, readSequences, type TableInfo } from './schema.ts';
import { CANDOR_VERSION } from './version.ts';

/** What a backup wrote. */
export interface BackupSummary {
  tables: number;
  rows: number;
  sha256: string;
}

/** PostgreSQL passes at most 100 arguments to a function; json_build_array is fed columns in slices. */
const COLUMNS_PER_CALL = 90;
/** About this much row data is fetched at a time, however large the rows are. */
const FETCH_BYTES = 4 * 1024 * 1024;
const MAX_FETCH_ROWS = 2_000;

/** Quotes an identifier for SQL text written here (names come from the catalog, never from a user). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The query that reads a table as archive rows: every column in the JSON PostgreSQL itself
 * writes (timestamps in ISO 8601 with their offset, json as json, arrays as arrays), except
 * bytea (base64) and numeric (a string, so no digit is lost), in a stable order.
 */
function rowQuery(table: TableInfo): string {
  const expressions = table.columns.map((column) => {
    const ref = quoteIdent(column.name);
    if (column.binary) return `translate(encode(${ref}, 'base64'), E'\\n', '')`;
    if (/^numeric\b/.test(column.type)) return `${ref}::text`;
    return ref;
  });
  const parts: string[] = [];
  for (let i = 0; i < expressions.length; i += COLUMNS_PER_CALL) {
    parts.push(`json_build_array(${expressions.slice(i, i + COLUMNS_PER_CALL).join(', ')})::text AS part${parts.length}`);
  }
  const collate = (name: string) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    return column?.collatable ? `${quoteIdent(name)} COLLATE "C"` : quoteIdent(name);
  };
  const order = table.primaryKey.length > 0
    ? table.primaryKey.map(collate).join(', ')
    : parts.map((_, i) => `part${i} COLLATE "C"`).join(', ');
  return `SELECT ${parts.join(', ')} FROM ${quoteIdent(table.name)} ORDER BY ${order}`;
}

function joinParts(row: Record<string, string>, count: number): string {
  if (count === 1) return row.part0!;
  const inner: string[] = [];
  for (let i = 0; i < count; i++) inner.push(row[`part${i}`]!.slice(1, -1));
  return `[${inner.join(',')}]`;
}

async function writeTable(trx: Transaction<any>, table: TableInfo, archive: ArchiveWriter): Promise<number> {
  await archive.json({
    table: table.name,
    columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
    primary_key: table.primaryKey,
  });
  const partCount = Math.ceil(table.columns.length / COLUMNS_PER_CALL);
  await sql.raw(`DECLARE candor_backup NO SCROLL CURSOR FOR ${rowQuery(table)}`).execute(trx);
  let rows = 0;
  let fetch = 100;
  for (;;) {
    const batch = await sql.raw<Record<string, string>>(`FETCH FORWARD ${fetch} FROM candor_backup`).execute(trx);
    let bytes = 0;
    for (const row of batch.rows) {
      const line = joinParts(row, partCount);
      bytes += line.length;
      await archive.line(line);
    }
    rows += batch.rows.length;
    if (batch.rows.length < fetch) break;
    fetch = Math.max(1, Math.min(MAX_FETCH_ROWS, Math.floor(FETCH_BYTES / Math.max(1, bytes / batch.rows.length))));
  }
  await sql.raw('CLOSE candor_backup').execute(trx);
  await archive.json({ end_table: table.name, rows });
  return rows;
}

/**
 * Writes a complete archive of the database into `out` from one read-only snapshot (REPEATABLE
 * READ), so that it is consistent while others go on writing: on PostgreSQL they are not held
 * up; on PGlite, which runs one query at a time, they wait until the backup has been read.
 * `stallMs` bounds each wait for a destination that takes nothing (see ArchiveWriter).
 */
export async function writeBackup(
  db: Kysely<any>,
  backend: Backend,
  out: Writable,
  options: ArchiveWriterOptions & { now?: Date } = {},
): Promise<BackupSummary> {
  const { now = new Date(), ...writing } = options;
  const archive = new ArchiveWriter(out, writing);
  try {
    const summary = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // Values are written the same way whatever the server's settings.
        await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
        await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(trx);
        await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(trx);
        await sql`SET LOCAL extra_float_digits = 1`.execute(trx);
        const migrations = await appliedMigrations(trx);
        const tables = loadOrder(await listTables(trx));
        const header: ArchiveHeader = {
          format: FORMAT_NAME,
          version: FORMAT_VERSION,
          created_at: now.toISOString(),
          backend,
          candor: CANDOR_VERSION,
          migrations,
          excluded: [...EXCLUDED_TABLES],
        };
        await archive.json(header);
        let rows = 0;
        for (const table of tables) rows += await writeTable(trx, table, archive);
        const sequences = await readSequences(trx);
        await archive.json({ sequences: sequences.map((sequence) => ({ name: sequence.name, last_value: sequence.lastValue })) });
        await archive.json({ end: { tables: tables.length, rows } });
        return { tables: tables.length, rows };
      });
    const sha256 = await archive.finish();
    return { ...summary, sha256 };
  } catch (error) {
    out.destroy();
    throw error;
  }
}

import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { verifyChain } from '../audit/verify-chain.ts';
import type { Backend } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { MigrationFailedError, appliedMigrations, assertNoUnknownMigrations, migrateToLatest } from '../db/migrate.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { BackupIntegrityError, readArchive, type ArchiveHeader, type TableLine } from './archive.ts';
import { hashedReadStream, verifyArchiveFile } from './archive-file.ts';
import {
  BackupFromNewerBuildError,
  BackupSchemaMismatchError,
  DatabaseBusyError,
  DatabaseNotEmptyError,
  RestoredChainBrokenError,
  UnexpectedChecksumError,
} from './errors.ts';
import { EXCLUDED_TABLES, FILLED_BY_MIGRATIONS, listTables, type TableInfo } from './schema.ts';
import { quoteIdent } from './write-backup.ts';

/** What a restore loaded. */
export interface RestoreSummary {
  header: ArchiveHeader;
  tables: number;
  rows: number;
  /** Migrations applied after loading, when the archive came from an older build. */
  upgraded: string[];
  /** The SHA-256 of the archive file. */
  sha256: string;
  /** The restored audit chain, verified before it was committed. */
  chain: { events: number; headHash: string };
}

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_ROWS = 1_000;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** The tables holding rows that make the database "in use" (see FILLED_BY_MIGRATIONS). */
export async function tablesWithRows(db: Kysely<any>): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(db)) {
    if (FILLED_BY_MIGRATIONS.includes(table.name)) continue;
    const row = await sql.raw<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS present`).execute(db);
    if (row.rows[0]?.present) found.push(table.name);
  }
  return found;
}

/** Splits the text of a JSON array into the texts of its elements, without parsing them. */
export function splitArrayText(text: string): string[] {
  const elements: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 1;
  const end = text.length - 1;
  for (let i = 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) depth++;
    else if (code === 93 || code === 125) depth--;
    else if (code === 44 && depth === 0) {
      elements.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start, end).trim() !== '') elements.push(text.slice(start, end));
  return elements;
}

/** A statement around one JSON parameter: the text before it and after it. */
type Around = [string, string];

function withPayload(around: Around, payload: string) {
  return sql`${sql.raw(around[0])}${payload}${sql.raw(around[1])}`;
}

/** Loads one table's rows in batches; self-references are set once the whole table is in. */
class TableLoader {
  private batch: string[] = [];
  private bytes = 0;
  loaded = 0;
  private readonly names: string[];
  private readonly insert: Around;
  private readonly remember: Around | undefined;
  private readonly linkTable: string | undefined;
  private readonly linkUpdate: string | undefined;

  constructor(
    private readonly trx: Transaction<any>,
    readonly table: TableInfo,
    line: TableLine,
    private readonly file: string,
  ) {
    this.names = line.columns.map((column) => column.name);
    const targetNames = table.columns.map((column) => column.name);
    const missing = targetNames.filter((name) => !this.names.includes(name));
    const unknown = this.names.filter((name) => !targetNames.includes(name));
    if (missing.length > 0 || unknown.length > 0) {
      throw new BackupIntegrityError(file, `table ${table.name} does not have the columns of this database's schema (${[...missing, ...unknown].join(', ')})`);
    }
    const column = (name: string) => table.columns.find((candidate) => candidate.name === name)!;
    // A foreign key to the same table may point at a row further on: such columns are loaded
    // empty and filled in when every row of the table is there.
    const deferred = table.primaryKey.length > 0 ? table.selfReferences : [];
    const definitions = table.columns.map((c) => `${quoteIdent(c.name)} ${c.binary ? 'text' : c.type}`).join(', ');
    const values = table.columns
      .map((c) => (deferred.includes(c.name) ? 'NULL' : c.binary ? `decode(r.${quoteIdent(c.name)}, 'base64')` : `r.${quoteIdent(c.name)}`))
      .join(', ');
    const overriding = table.columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
    this.insert = [
      `INSERT INTO ${quoteIdent(table.name)} (${targetNames.map(quoteIdent).join(', ')})${overriding} SELECT ${values} FROM json_to_recordset(`,
      `::json) AS r(${definitions})`,
    ];
    if (deferred.length > 0) {
      const keep = [...table.primaryKey, ...deferred];
      this.linkTable = `CREATE TEMPORARY TABLE candor_restore_links ON COMMIT DROP AS SELECT ${keep.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)} WITH NO DATA`;
      this.remember = [
        `INSERT INTO candor_restore_links SELECT ${keep.map((name) => `r.${quoteIdent(name)}`).join(', ')} FROM json_to_recordset(`,
        `::json) AS r(${keep.map((name) => `${quoteIdent(name)} ${column(name).type}`).join(', ')}) ` +
          `WHERE ${deferred.map((name) => `r.${quoteIdent(name)} IS NOT NULL`).join(' OR ')}`,
      ];
      this.linkUpdate =
        `UPDATE ${quoteIdent(table.name)} AS t SET ${deferred.map((name) => `${quoteIdent(name)} = l.${quoteIdent(name)}`).join(', ')} ` +
        `FROM candor_restore_links AS l WHERE ${table.primaryKey.map((name) => `t.${quoteIdent(name)} = l.${quoteIdent(name)}`).join(' AND ')}`;
    }
  }

  async start(): Promise<void> {
    if (this.linkTable) await sql.raw(this.linkTable).execute(this.trx);
  }

  async add(rowText: string): Promise<void> {
    const elements = splitArrayText(rowText);
    if (elements.length !== this.names.length) {
      throw new BackupIntegrityError(this.file, `a row of ${this.table.name} has ${elements.length} values for ${this.names.length} columns`);
    }
    const object = `{${elements.map((value, i) => `${JSON.stringify(this.names[i])}:${value}`).join(',')}}`;
    this.batch.push(object);
    this.bytes += object.length;
    if (this.bytes >= BATCH_BYTES || this.batch.length >= BATCH_ROWS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const payload = `[${this.batch.join(',')}]`;
    this.loaded += this.batch.length;
    this.batch = [];
    this.bytes = 0;
    await withPayload(this.insert, payload).execute(this.trx);
    if (this.remember) await withPayload(this.remember, payload).execute(this.trx);
  }

  async finish(): Promise<void> {
    await this.flush();
    if (this.linkUpdate) {
      await sql.raw(this.linkUpdate).execute(this.trx);
      await sql.raw('DROP TABLE candor_restore_links').execute(this.trx);
    }
  }
}

/**
 * Checks the archive's schema against this build and the database: the archive's migrations
 * must all be known here, and the database must be at them or before them (an empty database
 * is first migrated to exactly the archive's schema).
 */
function checkSchemas(archive: string[], database: string[]): void {
  const known = Object.keys(MIGRATIONS).sort();
  const unknown = archive.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new BackupFromNewerBuildError(unknown);
  if (archive.some((name, i) => known[i] !== name)) throw new BackupFromNewerBuildError(archive.filter((name, i) => known[i] !== name));
  if (database.length > archive.length || database.some((name, i) => archive[i] !== name)) {
    throw new BackupSchemaMismatchError(archive.at(-1) ?? '(none)', database.at(-1) ?? '(none)');
  }
}

async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateTo(name);
  if (error) throw new MigrationFailedError(results?.find((result) => result.status === 'Error')?.migrationName ?? name, error);
}

/** Empties every table of the schema (the excluded ones too: sessions of another database mean nothing here). */
async function emptyEverything(trx: Transaction<any>, tables: TableInfo[]): Promise<void> {
  if (tables.length === 0) return;
  // The audit log refuses TRUNCATE by a trigger of its own; a restore replaces the whole log at once.
  for (const table of tables.filter((t) => t.hasUserTriggers)) await sql.raw(`ALTER TABLE ${quoteIdent(table.name)} DISABLE TRIGGER USER`).execute(trx);
  await sql.raw(`TRUNCATE ${tables.map((table) => quoteIdent(table.name)).join(', ')} RESTART IDENTITY CASCADE`).execute(trx);
}

async function loadArchive(trx: Transaction<any>, file: string, shownAs: string, sha256: string): Promise<{ tables: number; rows: number }> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(trx);
  const all = await listTables(trx, MIGRATION_TABLES);
  await emptyEverything(trx, all);
  const byName = new Map(all.map((table) => [table.name, table]));
  let loader: TableLoader | undefined;
  let tables = 0;
  let rows = 0;
  const input = hashedReadStream(file);
  for await (const entry of readArchive(input.stream, shownAs)) {
    if (entry.kind === 'table') {
      const table = byName.get(entry.table.table);
      if (!table || EXCLUDED_TABLES.includes(table.name)) {
        throw new BackupIntegrityError(shownAs, `it holds table ${entry.table.table}, which this database's schema does not have`);
      }
      loader = new TableLoader(trx, table, entry.table, shownAs);
      await loader.start();
    } else if (entry.kind === 'row') {
      if (!loader) throw new BackupIntegrityError(shownAs, 'a row stands outside any table');
      await loader.add(entry.text);
    } else if (entry.kind === 'end-table') {
      if (!loader || loader.table.name !== entry.table) throw new BackupIntegrityError(shownAs, `the end of table ${entry.table} does not match its start`);
      await loader.finish();
      if (loader.loaded !== entry.rows) throw new BackupIntegrityError(shownAs, `table ${entry.table} should have ${entry.rows} rows, but ${loader.loaded} were found`);
      tables += 1;
      rows += loader.loaded;
      loader = undefined;
    } else if (entry.kind === 'sequences') {
      for (const sequence of entry.sequences) {
        const name = quoteIdent(sequence.name);
        if (sequence.last_value === null) await sql.raw(`ALTER SEQUENCE ${name} RESTART`).execute(trx);
        else await sql`SELECT setval(${name}::regclass, ${sequence.last_value}::bigint, true)`.execute(trx);
      }
    }
  }
  // Another archive put in its place between the first reading and this one is sound too, but not the one checked.
  if (input.digest() !== sha256) throw new BackupIntegrityError(shownAs, 'it was replaced while it was being restored');
  for (const table of all.filter((t) => t.hasUserTriggers)) await sql.raw(`ALTER TABLE ${quoteIdent(table.name)} ENABLE TRIGGER USER`).execute(trx);
  return { tables, rows };
}

/** Verifies the audit chain just loaded, inside the loading transaction, so that a broken one is never committed. */
async function verifyLoadedChain(trx: Transaction<any>, shownAs: string): Promise<{ events: number; headHash: string }> {
  const verdict = await verifyChain(trx as Transaction<Database>);
  if (!verdict.ok) throw new RestoredChainBrokenError(shownAs, verdict.firstBad!.id, verdict.firstBad!.reason, verdict.checked);
  return { events: verdict.checked, headHash: verdict.headHash };
}

/**
 * Restores an archive into the database in one transaction: the whole archive or nothing. The
 * archive is read through and its checksum checked before the database is touched (and against
 * `expectSha256`, the SHA-256 of the file the operator kept, when given), and again while loading
 * (the transaction is rolled back if the file changed meanwhile). The audit chain is verified
 * before the commit: a broken one is refused. A database that holds data is refused unless
 * `force` is given. An archive from an older build is loaded at its own schema, then the newer
 * migrations are applied.
 */
export async function restoreBackup(
  db: Kysely<any>,
  backend: Backend,
  file: string,
  options: { force: boolean; expectSha256?: string; shownAs?: string },
): Promise<RestoreSummary> {
  const shownAs = options.shownAs ?? file;
  const { header, sha256 } = await verifyArchiveFile(file, shownAs);
  const expected = options.expectSha256?.toLowerCase();
  if (expected !== undefined && expected !== sha256) throw new UnexpectedChecksumError(shownAs, sha256, expected);
  await assertNoUnknownMigrations(db);
  const current = await appliedMigrations(db);
  checkSchemas(header.migrations, current);
  if (!options.force) {
    const used = await tablesWithRows(db);
    if (used.length > 0) throw new DatabaseNotEmptyError(used);
    if (backend === 'postgres') {
      const others = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`.execute(db);
      if ((others.rows[0]?.count ?? 0) > 0) throw new DatabaseBusyError(others.rows[0]!.count);
    }
  }
  if (header.migrations.length > current.length) await migrateTo(db, header.migrations.at(-1)!);
  const { chain, ...loaded } = await db.transaction().execute(async (trx) => {
    const counts = await loadArchive(trx, file, shownAs, sha256);
    return { ...counts, chain: await verifyLoadedChain(trx, shownAs) };
  });
  const upgraded = await migrateToLatest(db);
  return { header, ...loaded, upgraded, sha256, chain };
}

import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * What a backup needs to know about the database's tables, read from PostgreSQL's catalog so
 * that a table added by a later migration is backed up without anyone listing it here.
 */

/** One column as the archive records it: its name and its type as PostgreSQL spells it. */
export interface ColumnInfo {
  name: string;
  /** format_type(): e.g. `bigint`, `text[]`, `timestamp with time zone`, `numeric(20,4)`. */
  type: string;
  /** bytea travels as base64 text in the archive. */
  binary: boolean;
  /** Values given by GENERATED ALWAYS AS IDENTITY, which an insert must override. */
  identityAlways: boolean;
  /** The column sorts by the "C" collation, the same on every server. */
  collatable: boolean;
}

/** A table to back up: its columns (generated columns left out), primary key and the tables it refers to. */
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one's foreign keys point to (itself excluded). */
  references: string[];
  /** Columns of foreign keys that point back to this same table, loaded in a second pass. */
  selfReferences: string[];
  /** The table has triggers of its own (such as the audit log's append-only guard). */
  hasUserTriggers: boolean;
}

/** A sequence's position: `lastValue` null when nothing was ever drawn from it. */
export interface SequenceState {
  name: string;
  lastValue: string | null;
}

/**
 * Tables that are never backed up: the migration bookkeeping (the header lists the applied
 * migrations instead), and short-lived security state that must not come back to life on
 * another installation — sessions (a restored cookie would sign someone in again), one-time
 * sign-in links, and the counters of failed sign-ins and form submissions.
 */
export const EXCLUDED_TABLES: readonly string[] = [
  'kysely_migration',
  'kysely_migration_lock',
  'rate_limits',
  'staff_sessions',
  'staff_sign_in_failures',
  'staff_sign_in_links',
];

/**
 * Tables the migrations themselves fill with defaults (deadlines per kind, reply templates):
 * rows there alone do not make a database "in use". A change to them is a staff action, which
 * leaves an audit event, so a changed database is still recognised as not empty.
 */
export const FILLED_BY_MIGRATIONS: readonly string[] = ['kind_deadlines', 'reply_templates'];

type Db = Kysely<any> | Transaction<any>;

/** Every ordinary table of the current schema, except the excluded ones, in name order. */
export async function listTables(db: Db, excluded: readonly string[] = EXCLUDED_TABLES): Promise<TableInfo[]> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    type: string;
    binary: boolean;
    identity_always: boolean;
    collatable: boolean;
  }>`
    SELECT c.relname AS table_name, a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS type,
           a.atttypid = 'bytea'::regtype AS binary,
           a.attidentity = 'a' AS identity_always,
           a.attcollation <> 0 AS collatable
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table_name: string; kind: string; columns: string[]; target: string | null }>`
    SELECT c.relname AS table_name, k.contype AS kind, t.relname AS target,
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)
                   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
                  ORDER BY u.position) AS columns
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class t ON t.oid = k.confrelid
     WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f')
     ORDER BY c.relname, k.conname`.execute(db);
  const triggers = await sql<{ table_name: string }>`
    SELECT DISTINCT c.relname AS table_name
      FROM pg_trigger g
      JOIN pg_class c ON c.oid = g.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND NOT g.tgisinternal`.execute(db);
  const withTriggers = new Set(triggers.rows.map((row) => row.table_name));
  const tables = new Map<string, TableInfo>();
  for (const row of columns.rows) {
    if (excluded.includes(row.table_name)) continue;
    let table = tables.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], primaryKey: [], references: [], selfReferences: [], hasUserTriggers: withTriggers.has(row.table_name) };
      tables.set(row.table_name, table);
    }
    table.columns.push({ name: row.column_name, type: row.type, binary: row.binary, identityAlways: row.identity_always, collatable: row.collatable });
  }
  for (const key of keys.rows) {
    const table = tables.get(key.table_name);
    if (!table) continue;
    if (key.kind === 'p') table.primaryKey = key.columns;
    else if (key.target === key.table_name) table.selfReferences.push(...key.columns.filter((name) => !table.selfReferences.includes(name)));
    else if (key.target && !table.references.includes(key.target)) table.references.push(key.target);
  }
  return [...tables.values()];
}

/**
 * Orders tables so that every table comes after the tables it refers to (ties by name, so the
 * order is the same on every server); a restore can then load the archive in one pass.
 */
export function loadOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const placed = new Set<string>();
  const ordered: TableInfo[] = [];
  const remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (remaining.length > 0) {
    const index = remaining.findIndex((table) => table.references.every((target) => placed.has(target) || !byName.has(target)));
    if (index < 0) {
      throw new Error(`the foreign keys between ${remaining.map((table) => table.name).join(', ')} form a cycle; these tables cannot be loaded in order`);
    }
    const [next] = remaining.splice(index, 1);
    placed.add(next!.name);
    ordered.push(next!);
  }
  return ordered;
}

/**
 * The position of every sequence of the current schema (identity columns' and standalone ones),
 * by name, except those owned by an excluded table (a restore starts those afresh).
 */
export async function readSequences(db: Db, excluded: readonly string[] = EXCLUDED_TABLES): Promise<SequenceState[]> {
  const rows = await sql<{ name: string; last_value: string | null; owner: string | null }>`
    SELECT q.sequencename AS name, q.last_value::text AS last_value, t.relname AS owner
      FROM pg_sequences q
      JOIN pg_namespace n ON n.nspname = q.schemaname
      JOIN pg_class s ON s.relnamespace = n.oid AND s.relname = q.sequencename
      LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class t ON t.oid = d.refobjid
     WHERE q.schemaname = current_schema()
     ORDER BY q.sequencename`.execute(db);
  return rows.rows.filter((row) => !row.owner || !excluded.includes(row.owner)).map((row) => ({ name: row.name, lastValue: row.last_value }));
}

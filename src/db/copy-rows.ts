import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool, type Transaction } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { arrayLiteral, type BulkColumn } from './bulk-insert.ts';
import type { DatabaseHandle } from './connect.ts';
import type { Database } from './database.ts';

/**
 * Stores rows through `COPY … FROM STDIN` on the connection of the transaction that offered it.
 * `chunks` is read only as fast as the database takes the rows, so a chunk is built while the
 * database is still writing the ones before it.
 */
export type CopyRows = <R>(table: string, columns: readonly BulkColumn<R>[], chunks: Iterable<readonly R[]>) => Promise<number>;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format: `\N` for NULL, and the four characters that delimit rows and fields escaped. */
export function copyField(value: unknown, type: string): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (type === 'text[]') text = arrayLiteral(value as readonly string[]);
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  else if (typeof value === 'boolean') return value ? 't' : 'f';
  else if (type === 'jsonb' || type === 'json') text = JSON.stringify(value);
  // Anything else (a Buffer for bytea, an array for a column that is not text[]) has a form of
  // its own in COPY's text format: refused rather than written as JSON the column would misread.
  else throw new TypeError(`COPY does not write ${Array.isArray(value) ? 'an array' : typeof value} values to a ${type} column`);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (char) => ESCAPED[char]!) : text;
}

/** Rows as the lines of COPY's text format, tab between fields. */
export function copyLines<R>(columns: readonly BulkColumn<R>[], rows: readonly R[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      text += i === 0 ? copyField(column.value(row), column.type) : `\t${copyField(column.value(row), column.type)}`;
    }
    text += '\n';
  }
  return text;
}

/** COPY of the rows `chunks` give into `table`, on one connection; returns how many rows the server stored. */
export async function copyRows<R>(client: pg.PoolClient, table: string, columns: readonly BulkColumn<R>[], chunks: Iterable<readonly R[]>): Promise<number> {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN`));
  function* lines() {
    for (const chunk of chunks) if (chunk.length > 0) yield copyLines(columns, chunk);
  }
  // A failure on either side ends both: a chunk that cannot be built aborts the COPY, and a row
  // the server refuses stops the reading of chunks.
  await pipeline(Readable.from(lines(), { objectMode: false }), stream);
  return stream.rowCount;
}

/** Text gathered for one COPY of the embedded database, which reads it from memory in one go. */
const BLOB_BYTES = 8 * 2 ** 20;

/**
 * COPY into the embedded database: its protocol bridge does not carry COPY FROM STDIN, so the
 * rows go as a blob (`FROM '/dev/blob'`), a few megabytes per statement. It runs in the session
 * that holds the caller's transaction, the only one PGlite has.
 */
export async function copyRowsToBlob<R>(pglite: PGlite, table: string, columns: readonly BulkColumn<R>[], chunks: Iterable<readonly R[]>): Promise<number> {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  let stored = 0;
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const blob = new Blob(pending);
    pending = [];
    size = 0;
    stored += (await pglite.query(`COPY "${table}" (${names}) FROM '/dev/blob'`, [], { blob })).affectedRows ?? 0;
  };
  for (const chunk of chunks) {
    const text = copyLines(columns, chunk);
    pending.push(text);
    size += text.length;
    if (size >= BLOB_BYTES) await flush();
  }
  await flush();
  return stored;
}

/** One connection lent as a pool of one, so that a query builder can run a transaction on it. */
function poolOf(client: pg.PoolClient): PostgresPool {
  return {
    connect: async () => ({ query: client.query.bind(client) as never, release() {} }),
    end: async () => {},
  };
}

/**
 * Runs `work` in a transaction and gives it COPY inside that transaction, which the query builder
 * does not offer: on PostgreSQL on the transaction's own connection of the pool, on the embedded
 * database from blobs. Whatever `work` copies commits or rolls back with the rest.
 */
export async function transactionWithCopy<T>(handle: Pick<DatabaseHandle, 'db' | 'pool' | 'embedded'>, work: (trx: Transaction<Database>, copy: CopyRows) => Promise<T>): Promise<T> {
  const { embedded, pool } = handle;
  if (embedded) {
    // The pool has one connection, which the transaction holds: nothing else runs in between.
    return handle.db.transaction().execute((trx) => work(trx, (table, columns, chunks) => copyRowsToBlob(embedded, table, columns, chunks)));
  }
  if (!pool) throw new Error('COPY needs the connection pool of the database');
  const client = await pool.connect();
  let failure: Error | undefined;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolOf(client) }) });
  try {
    return await db.transaction().execute((trx) => work(trx, (table, columns, chunks) => copyRows(client, table, columns, chunks)));
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    await db.destroy();
    // A connection whose COPY broke off is not given back to the pool for another caller.
    client.release(failure);
  }
}

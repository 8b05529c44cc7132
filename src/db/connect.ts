import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { copyEmptyDatabase } from './empty-database.ts';
import { lockDataDir } from './lock.ts';

// int8 (ids, count(*), sums) arrives as a JavaScript number on both backends; Candor's
// counters and ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type Backend = 'pglite' | 'postgres';

/** An open database: the query builder, which backend serves it, and how to close it cleanly. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** The connection pool under the query builder (one connection on the embedded database), for its statistics. */
  pool?: pg.Pool;
  /** The embedded database itself (PGlite only), for what its wire protocol does not carry: COPY from a blob. */
  embedded?: PGlite;
  close(): Promise<void>;
}

/** Whether the embedded database folder already holds a database (opening it is fast; creating one is not). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

/**
 * PGlite's start parameters. Its defaults run with fsync off (`-F`): a commit reaches the
 * operating system before it is acknowledged, which survives the process being killed, but not
 * a power loss. shared_buffers is the main lever on resident memory (measured: 128MB → ~280 MB RSS,
 * 32MB → ~180 MB).
 */
export function pgliteStartParams(sharedBuffers: string): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`];
}

async function openEmbedded(config: Config, holder: string, fromEmptyDatabase: boolean): Promise<DatabaseHandle> {
  const release = lockDataDir(config.dataDir, holder);
  let pglite: PGlite | undefined;
  try {
    // Under the lock, so that no other process is creating the database in the folder meanwhile.
    if (fromEmptyDatabase) copyEmptyDatabase(path.join(config.dataDir, 'pgdata'));
    pglite = new PGlite(path.join(config.dataDir, 'pgdata'), {
      startParams: pgliteStartParams(config.pgliteSharedBuffers),
    });
    await pglite.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const instance = pglite;
  const pool = new pg.Pool({ ...createPgConfig(instance), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'pglite',
    pool,
    embedded: instance,
    async close() {
      try {
        await db.destroy();
        await instance.close();
      } finally {
        release();
      }
    },
  };
}

/** Who holds the database when `candor serve` (or one of its workers) opens it: named in the lock file and in the server's connections. */
export const SERVER_HOLDER = 'the candor server';

function openServer(databaseUrl: string, poolSize: number, holder: string): DatabaseHandle {
  // The name pg_stat_activity shows for each connection, so that an operator can tell a server's
  // connections from a command's; an application_name in DATABASE_URL or PGAPPNAME takes precedence.
  const applicationName = holder === SERVER_HOLDER ? 'candor serve' : 'candor';
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, fallback_application_name: applicationName });
  // A connection the server closes (a restart, an administrator ending sessions) reports it as
  // an error event: on the pool while it rests there (the pool drops it and opens another when
  // one is next needed), on the connection itself while it is lent out between two queries
  // (whoever holds it sees its next query fail). Unheard, either report would end the process.
  const closed = (error: Error) => process.stderr.write(`candor: the database closed a connection (${error.message}); the next query opens another\n`);
  pool.on('error', closed);
  pool.on('connect', (client) => client.on('error', closed));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: 'postgres', pool, close: () => db.destroy() };
}

/**
 * Opens the database the configuration names: the PostgreSQL server at DATABASE_URL, or else
 * the embedded PGlite database under DATA_DIR, which this process then holds alone. With
 * `fromEmptyDatabase`, a DATA_DIR without a database gets a copy of the migrated empty one
 * (empty-database.ts) when there is one for this installation; otherwise PGlite creates one.
 */
export async function openDatabase(
  config: Config,
  options: { holder: string; poolSize?: number; fromEmptyDatabase?: boolean } = { holder: 'a candor command' },
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openServer(config.databaseUrl, options.poolSize ?? 10, options.holder);
  return openEmbedded(config, options.holder, options.fromEmptyDatabase ?? false);
}

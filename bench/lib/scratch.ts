// Scratch databases for the benchmarks: a PostgreSQL database of its own on the server named by
// BENCH_DATABASE_URL (or the local one), or an embedded one in a folder of its own, each removed
// when the benchmark is done with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A folder of this run's own, under the system's temporary folder. */
export const scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-'));

export interface ScratchDatabase {
  backend: 'pglite' | 'postgres';
  /** The environment that points `candor` (or loadConfig) at it. */
  env: Record<string, string>;
  /** For PostgreSQL, its URL. */
  url?: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function scratchDatabase(backend: 'pglite' | 'postgres', name: string): Promise<ScratchDatabase> {
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (backend === 'pglite') {
    const dir = path.join(scratchRoot, safe);
    fs.rmSync(dir, { recursive: true, force: true });
    return { backend, env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  // The run's own name: two runs on one server (FORCE below) would otherwise drop each other's database mid-run.
  const database = `candor_bench_${safe}_${process.pid}`;
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  });
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return {
    backend,
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))),
  };
}

export function removeScratchRoot(): void {
  fs.rmSync(scratchRoot, { recursive: true, force: true });
}

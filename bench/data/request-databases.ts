// The data set of P2 and P3: BENCH_ROWS generated requests imported with `candor import requests`
// into a scratch database per backend, made once per run and shared by both parts.
import fs from 'node:fs';
import path from 'node:path';
import { candor, timedCandor } from '../lib/candor.ts';
import { scratchDatabase, scratchRoot, type ScratchDatabase } from '../lib/scratch.ts';
import { writeRequestsCsv } from './requests-csv.ts';

export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

export interface ImportedDatabase {
  database: ScratchDatabase;
  /** Milliseconds `candor import requests` took, from spawn to exit. */
  importMs: number;
}

let csv: string | undefined;
const imported = new Map<'pglite' | 'postgres', Promise<ImportedDatabase>>();

/** The generated CSV of this run (written on first use). */
export function requestsCsv(): string {
  if (!csv) {
    const file = path.join(scratchRoot, `requests-${ROWS}.csv`);
    const started = performance.now();
    const bytes = writeRequestsCsv(file, ROWS);
    process.stderr.write(`  generated ${ROWS} requests as CSV (${(bytes / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    csv = file;
  }
  return csv;
}

/** A migrated scratch database of `backend` holding the generated requests, imported by `candor import requests`. */
export function importedDatabase(backend: 'pglite' | 'postgres'): Promise<ImportedDatabase> {
  let made = imported.get(backend);
  if (!made) {
    made = (async () => {
      const file = requestsCsv();
      const database = await scratchDatabase(backend, `requests_${backend}`);
      candor(['migrate'], database.env);
      const importMs = timedCandor(['import', 'requests', file], database.env);
      return { database, importMs };
    })();
    imported.set(backend, made);
  }
  return made;
}

/** Drops the databases made by importedDatabase. */
export async function dropImportedDatabases(): Promise<void> {
  for (const made of imported.values()) await (await made).database.drop();
  imported.clear();
  if (csv) fs.rmSync(csv, { force: true });
  csv = undefined;
}

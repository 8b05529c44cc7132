// P3 — bulk import: `candor import requests` of BENCH_ROWS rows, against PostgreSQL's own COPY of
// the very same rows into the same tables of a fresh database with the same schema. The rows COPY
// loads are those the import stored, copied out of its database, so both write the same bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { candor } from './lib/candor.ts';
import { record } from './lib/results.ts';
import { scratchDatabase, scratchRoot } from './lib/scratch.ts';
import { importedDatabase, ROWS } from './data/request-databases.ts';

function psql(url: string, command: string, stdin?: string): number {
  const input = stdin ? fs.openSync(stdin, 'r') : undefined;
  try {
    const started = performance.now();
    const run = spawnSync('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-q', '-d', url, '-c', command], { encoding: 'utf8', ...(input !== undefined ? { stdio: [input, 'pipe', 'pipe'] } : {}) });
    if (run.status !== 0) throw new Error(`psql ${command} failed: ${run.stderr}`);
    return performance.now() - started;
  } finally {
    if (input !== undefined) fs.closeSync(input);
  }
}

/** The columns the import writes (the identity `id` included: COPY loads it as it was). */
async function columnsOf(url: string, table: string): Promise<string[]> {
  const out = spawnSync('psql', ['--no-psqlrc', '-At', '-d', url, '-c', `SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = '${table}' AND is_generated = 'NEVER'`], { encoding: 'utf8' });
  return out.stdout.trim().split(',');
}

const rate = (rows: number, ms: number) => `${(ms / 1000).toFixed(1)} s, ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

export async function run(): Promise<void> {
  if (spawnSync('psql', ['--version']).status !== 0) throw new Error('P3 needs psql, PostgreSQL\'s client (Debian: apt-get install -y postgresql-client)');
  for (const backend of ['postgres', 'pglite'] as const) {
    const { importMs } = await importedDatabase(backend);
    record({ part: 'P3', what: `candor import requests, ${ROWS.toLocaleString('en')} rows (whole command)`, backend, figure: rate(ROWS, importMs) });
  }
  const { database: source, importMs } = await importedDatabase('postgres');
  const tables = ['requests', 'request_targets', 'audit_events'];
  const files: Record<string, string> = {};
  const columns: Record<string, string[]> = {};
  for (const table of tables) {
    columns[table] = await columnsOf(source.url!, table);
    files[table] = path.join(scratchRoot, `${table}.copy`);
    psql(source.url!, `\\copy (SELECT ${columns[table]!.join(', ')} FROM ${table} ORDER BY id) TO '${files[table]}'`);
  }
  const target = await scratchDatabase('postgres', 'copy_target');
  try {
    candor(['migrate'], target.env);
    const copy = (table: string) => psql(target.url!, `COPY ${table} (${columns[table]!.join(', ')}) FROM STDIN`, files[table]);
    // OVERRIDING SYSTEM VALUE is not needed for COPY: it writes identity columns as given.
    const requestsMs = copy('requests');
    record({ part: 'P3', what: `PostgreSQL COPY of the same ${ROWS.toLocaleString('en')} request rows into requests`, backend: 'postgres', figure: rate(ROWS, requestsMs) });
    const linkedMs = copy('request_targets') + copy('audit_events');
    record({ part: 'P3', what: 'COPY of the same rows into requests, request_targets and audit_events', backend: 'postgres', figure: rate(ROWS, requestsMs + linkedMs) });
    const ratio = requestsMs / importMs;
    record({ part: 'P3', what: 'import / COPY into requests (throughput ratio)', backend: 'postgres', figure: ratio.toFixed(2), target: '≥ 0.5', met: ratio >= 0.5 });
    const whole = (requestsMs + linkedMs) / importMs;
    record({ part: 'P3', what: 'import / COPY of everything the import writes (throughput ratio)', backend: 'postgres', figure: whole.toFixed(2) });
  } finally {
    await target.drop();
    for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  }
}

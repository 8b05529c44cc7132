// `npm run bench`: measures Candor on this machine and prints a table. Never run by `npm test`.
// BENCH_ROWS sets the size of the generated data set (default 100000); BENCH_DATABASE_URL (or
// postgres://postgres@127.0.0.1:5432/postgres) is the server on which a scratch database is made.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { generateRequests } from '../src/demo/generate-requests.ts';
import { computeReport } from '../src/transparency/compute-report.ts';
import { parsePeriod } from '../src/transparency/period.ts';
import { CSV_COLUMNS } from '../src/intake/request-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'candor.js');
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const results: { benchmark: string; backend: string; figure: string }[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-'));

function record(benchmark: string, backend: string, figure: string) {
  results.push({ benchmark, backend, figure });
  console.error(`  ${benchmark} [${backend}]: ${figure}`);
}

function openProbe(dir: string, sharedBuffers: string): { openMs: number; rssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/pglite-open.ts'), dir, sharedBuffers], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { openMs: number; rssMb: number };
}

function footprint() {
  console.error('PGlite footprint (each in its own process)');
  for (const sharedBuffers of ['128MB', '32MB']) {
    const dir = path.join(scratch, `footprint-${sharedBuffers}`);
    const created = openProbe(dir, sharedBuffers);
    record(`create a new database, shared_buffers=${sharedBuffers}`, 'pglite', `${created.openMs.toFixed(0)} ms, ${created.rssMb.toFixed(0)} MB RSS`);
    const reopened = [1, 2, 3].map(() => openProbe(dir, sharedBuffers));
    const best = reopened.sort((a, b) => a.openMs - b.openMs)[1]!;
    record(`reopen an existing database, shared_buffers=${sharedBuffers} (median of 3)`, 'pglite', `${best.openMs.toFixed(0)} ms, ${best.rssMb.toFixed(0)} MB RSS`);
  }
}

function writeCsv(file: string) {
  const requests = generateRequests(ROWS, { seed: 7, from: new Date('2024-01-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z'), withText: false });
  const lines = [CSV_COLUMNS.join(',')];
  for (const request of requests) {
    lines.push(
      [
        '',
        request.kind,
        request.category ?? '',
        request.receivedAt.toISOString(),
        request.requester?.country ?? '',
        request.requester?.type ?? '',
        request.targets?.[0]?.project ?? '',
        request.outcome ?? '',
        request.accounts?.potentiallyAffected ?? 0,
        request.accounts?.actuallyAffected ?? 0,
        request.accounts?.notified ?? 0,
      ].join(','),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function timed(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`candor ${args.join(' ')} failed: ${run.stderr}`);
  return performance.now() - started;
}

async function importAndReport(backend: 'pglite' | 'postgres', csv: string) {
  let env: Record<string, string>;
  let cleanup = async () => {};
  if (backend === 'pglite') {
    env = { DATA_DIR: path.join(scratch, 'import'), DATABASE_URL: '' };
  } else {
    const name = `candor_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const client = new pg.Client({ connectionString: SERVER });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  try {
    timed(['migrate'], env);
    const importMs = timed(['import', 'requests', csv], env);
    record(`import requests, ${ROWS} rows (whole command)`, backend, `${(importMs / 1000).toFixed(1)} s, ${Math.round(ROWS / (importMs / 1000))} rows/s`);
    const reportMs = [1, 2, 3].map(() => timed(['report', '2025', '--format', 'json'], env)).sort((a, b) => a - b)[1]!;
    record(`candor report 2025 over ${ROWS} requests (whole command, median of 3)`, backend, `${reportMs.toFixed(0)} ms`);
    const handle = await openDatabase(loadConfig({ ...env }), { holder: 'the benchmark' });
    try {
      const period = parsePeriod('2025');
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await computeReport(handle.db, period);
        runs.push(performance.now() - started);
      }
      record(`computeReport 2025 over ${ROWS} requests (median of 5)`, backend, `${runs.sort((a, b) => a - b)[2]!.toFixed(0)} ms`);
    } finally {
      await handle.close();
    }
  } finally {
    await cleanup();
  }
}

console.error(`Candor benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
footprint();
const csv = path.join(scratch, 'requests.csv');
writeCsv(csv);
await importAndReport('pglite', csv);
await importAndReport('postgres', csv);
fs.rmSync(scratch, { recursive: true, force: true });

const width = Math.max(...results.map((r) => r.benchmark.length));
console.log(`\n${'benchmark'.padEnd(width)}  backend   figure`);
for (const r of results) console.log(`${r.benchmark.padEnd(width)}  ${r.backend.padEnd(8)}  ${r.figure}`);

// P4, notice search: BENCH_ROWS public notices (1,000,000 by default, about 5 target URLs each)
// on PostgreSQL, searched through the running server's API (GET /api/v1/notices, which runs the
// same counts and search as the public page, one after the other), at page 1 and at page 1,000.
// Page 1,000's cursor is made directly: searchNotices in-process with a limit of 999 pages gives
// the row the cursor names (the real keyset code, not a copy of it), and the page the server
// returns is checked to start with the row after it.
// The rows are generated inside PostgreSQL (bench/data/notices.ts) into the migrated schema; the
// trigger that keeps public_notice_facet_counts is disabled during the load and the counts are
// then made by public_notice_facet_counts_rebuild(), the function the migration itself uses.
//   BENCH_REPS=60   timed runs of each query after 5 warm-up runs (a quarter as many above 1 s a run)
//   BENCH_SEED      the seed of the data (20261201)
//   BENCH_KEEP=1    keeps the scratch database for EXPLAIN afterwards
import { spawn, type ChildProcess } from 'node:child_process';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { DEFAULT_LIMIT, encodeCursor, parseNoticeQuery, searchNotices } from '../src/notices/search.ts';
import { RARE_WORD, insertNotices } from './data/notices.ts';
import { CLI, candor } from './lib/candor.ts';
import { record } from './lib/results.ts';
import { scratchDatabase } from './lib/scratch.ts';
import { median, ms, percentile } from './lib/stats.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261201);
const REPS = Number(process.env.BENCH_REPS ?? 60);
const PORT = 18_000 + (process.pid % 1000);
const TARGET_MS = 100;
const DEPTH = 1000;

const QUERIES: { name: string; params: Record<string, string> }[] = [
  { name: 'no filter', params: {} },
  { name: 'common word q=image', params: { q: 'image' } },
  { name: `rare word q=${RARE_WORD.toLowerCase()}`, params: { q: RARE_WORD.toLowerCase() } },
  { name: 'kind=copyright', params: { kind: 'copyright' } },
  { name: 'country=DE', params: { country: 'DE' } },
  { name: 'year=2024', params: { year: '2024' } },
  { name: 'project=de.wikipedia.org', params: { project: 'de.wikipedia.org' } },
  { name: 'q=image + country=US', params: { q: 'image', country: 'US' } },
  { name: 'kind=copyright + country=US', params: { kind: 'copyright', country: 'US' } },
  { name: 'period=2025-H1', params: { period: '2025-H1' } },
];

/** Whether the schema keeps facet counts by trigger (public_notice_facet_counts): they are then counted once after the load, as the migration does. */
async function keepsFacetCounts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT to_regproc('public_notice_facet_counts_rebuild') IS NOT NULL AS kept`)).rows[0].kept;
  } finally {
    await client.end();
  }
}

async function load(url: string): Promise<void> {
  const chunk = 50_000;
  const started = performance.now();
  const counts = await keepsFacetCounts(url);
  const workers = 2;
  let next = 1;
  if (counts) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER TABLE public_notices DISABLE TRIGGER public_notice_facet_counts_insert');
    await client.end();
  }
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        while (next <= ROWS) {
          const from = next;
          const until = Math.min(ROWS + 1, from + chunk);
          next = until;
          await insertNotices(client, SEED, from, until);
        }
      } finally {
        await client.end();
      }
    }),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (counts) {
      const rebuilt = performance.now();
      await client.query('ALTER TABLE public_notices ENABLE TRIGGER public_notice_facet_counts_insert');
      await client.query('SELECT public_notice_facet_counts_rebuild()');
      process.stderr.write(`  facet counts rebuilt in ${ms(performance.now() - rebuilt)}\n`);
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('requests', 'id'), $1), setval(pg_get_serial_sequence('public_notices', 'id'), $1)`, [ROWS]);
    await client.query('VACUUM ANALYZE requests');
    await client.query('VACUUM ANALYZE public_notices');
    if (counts) await client.query('VACUUM ANALYZE public_notice_facet_counts');
    const { rows } = await client.query(`SELECT count(*)::int AS notices, sum(cardinality(targets))::int AS urls, pg_size_pretty(pg_total_relation_size('public_notices')) AS size FROM public_notices`);
    const loaded = performance.now() - started;
    process.stderr.write(`  loaded ${rows[0].notices} notices, ${rows[0].urls} URLs (${rows[0].size}) in ${ms(loaded)}\n`);
    record({ part: 'P4', what: `load ${ROWS.toLocaleString('en')} notices + requests (SQL, seeded)${counts ? ', facet counts' : ''}, VACUUM ANALYZE`, backend: 'postgres', figure: ms(loaded) });
  } finally {
    await client.end();
  }
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'serve'], { env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(PORT), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (data) => (errors = (errors + data).slice(-4000)));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`candor serve exited: ${errors}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`candor serve did not answer: ${errors}`);
}

async function timedGet(params: Record<string, string>): Promise<{ ms: number; body: { items: { reference: string }[]; total: number; counts_exact?: boolean; next_cursor: string | null } }> {
  const url = `http://127.0.0.1:${PORT}/api/v1/notices?${new URLSearchParams(params)}`;
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.json();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: elapsed, body };
}

async function measure(name: string, params: Record<string, string>, page: number, db: Kysely<Database>): Promise<void> {
  let full = params;
  if (page > 1) {
    const skipped = (page - 1) * DEFAULT_LIMIT;
    const { hits } = await searchNotices(db, { ...parseNoticeQuery(params), limit: skipped + 1 });
    if (hits.length <= skipped) {
      record({ part: 'P4', what: `search + facets, ${name}, page ${page}`, backend: 'postgres', figure: `no page ${page} (${hits.length} matches)` });
      return;
    }
    const last = hits[skipped - 1]!;
    full = { ...params, cursor: encodeCursor(last.published_at!, last.id) };
    // The page starts with the row after the 999th page, where following the cursors would reach.
    const landed = await timedGet(full);
    if (landed.body.items[0]?.reference !== hits[skipped]!.reference) throw new Error(`page ${page} of ${name} starts at ${landed.body.items[0]?.reference}, not ${hits[skipped]!.reference}`);
  }
  const first = await timedGet(full);
  for (let n = 0; n < 4; n += 1) await timedGet(full);
  const reps = first.ms > 1000 ? Math.max(10, Math.round(REPS / 4)) : REPS;
  const times: number[] = [];
  for (let n = 0; n < reps; n += 1) times.push((await timedGet(full)).ms);
  const p95 = percentile(times, 95);
  record({
    part: 'P4',
    what: `search + facets, ${name}, page ${page} (${first.body.counts_exact === false ? '≥ ' : ''}${first.body.total.toLocaleString('en')} matches; ${reps} runs)`,
    backend: 'postgres',
    figure: `p50 ${ms(median(times))}, p95 ${ms(p95)}`,
    target: `p95 ≤ ${TARGET_MS} ms`,
    met: p95 <= TARGET_MS,
  });
}

export async function run(): Promise<void> {
  const scratch = await scratchDatabase('postgres', 'p4_notices');
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    candor(['migrate'], scratch.env);
    await load(scratch.url!);
    server = await startServer(scratch.env);
    for (const { name, params } of QUERIES) {
      await measure(name, params, 1, db);
      await measure(name, params, DEPTH, db);
    }
  } finally {
    server?.kill();
    await db.destroy();
    if (process.env.BENCH_KEEP !== '1') await scratch.drop();
    else process.stderr.write(`  kept ${scratch.url}\n`);
  }
}

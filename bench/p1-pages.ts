// P1 pages and P5 footprint (BENCHMARKS.md). P1: requests per second and p50/p99 latency of the
// home page, a period's report page and a notice search, at 100 connections by wrk, against
// nginx serving the very same bytes as static files, and (for one Candor process) against plain
// node:http in one process sending the same bytes and headers, the most one Node.js process does
// on the machine at that hour. P5: the server's resident memory idle, under
// that load and after it, and the time from spawning `candor serve` to the first page answered,
// on a new database (the first start, with --demo) and on an existing one (a restart).
//   BENCH_P1_SECONDS   seconds of each measured wrk run (default 10; a 3-second warm-up of each server precedes them)
//   BENCH_P1_ROUNDS    measured runs of each server per page, taken in turn (default 3)
//   BENCH_P1_BACKENDS  pglite,postgres (default both)
//   BENCH_P1_WORKERS   HTTP processes of `candor serve --workers N` measured on PostgreSQL, in turn (default 1,2; PGlite has
//                      one process). With more than one, the memory figures are the primary's and the workers' summed.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { record } from './lib/results.ts';
import { scratchDatabase, scratchRoot } from './lib/scratch.ts';
import { median, ms } from './lib/stats.ts';
import {
  cpuSeconds,
  requireTools,
  residentTreeMb,
  rssMb,
  rssTreeMb,
  sampleRss,
  startCandor,
  startNginx,
  startOneProcessServer,
  wrk,
  type RunningCandor,
  type RunningStaticServer,
  type StaticPage,
  type WrkResult,
} from './lib/serve.ts';
import { nodeChildren } from '../test/helpers/processes.ts';

const SECONDS = Number(process.env.BENCH_P1_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_P1_ROUNDS ?? 3);
const WARM_UP_SECONDS = 3;
const CONNECTIONS = 100;
const THREADS = 2;
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;
const RSS_TARGET_MB = 300;
const START_TARGET_MS = 5_000;
/** How long the server is left alone after its first page before its idle memory is read. */
const SETTLE_MS = 2_000;

/** The pages measured: the home page, the last full year's report, and a search with a word the demo notices use. */
function pagesToMeasure(now = new Date()): { name: string; url: string }[] {
  return [
    { name: 'home', url: '/en/' },
    { name: 'transparency', url: `/en/transparency/${now.getUTCFullYear() - 1}` },
    { name: 'notice search', url: '/en/notices?q=biography' },
  ];
}

/** GET without Accept-Encoding, as wrk asks: the bytes as sent, their content type and the headers. */
function fetchAsWrk(url: string): Promise<{ status: number; contentType: string; body: Buffer; headers: string[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host: new URL(url).host } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks), headers: response.rawHeaders }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const mb = (value: number) => `${value.toFixed(0)} MB`;
const rate = (value: number) => `${value.toFixed(0)} req/s`;

/** A wrk run, with the server's CPU time per request answered, in microseconds. */
type Measured = WrkResult & { userUs: number; systemUs: number };

/** Bad answers or socket errors in a run are a figure of their own: the run's rate means little with them. */
function recordErrors(page: string, backend: string, result: WrkResult): void {
  if (result.requests === 0) {
    record({ part: 'P1', what: `${page}: responses`, backend, figure: `none within the run; ${result.socketErrorLine || 'no socket errors'}`, target: 'none missing', met: false });
    return;
  }
  if (result.non2xx3xx === 0 && result.socketErrors === 0) return;
  record({ part: 'P1', what: `${page}: responses not 2xx/3xx, socket errors`, backend, figure: `${result.non2xx3xx} of ${result.requests}; ${result.socketErrorLine || 'no socket errors'}`, target: 'none', met: false });
}

/** Waits until every HTTP worker of `candor serve --workers N` serves: the first answering is not yet all of them. */
async function allWorkersServing(server: RunningCandor, logDir: string, workers: number): Promise<void> {
  if (workers === 1) return;
  const log = path.join(logDir, `candor-${new URL(server.base).port}.log`);
  for (let waited = 0; !fs.readFileSync(log, 'utf8').includes('"every HTTP worker is serving"'); waited += 100) {
    if (waited > 120_000) throw new Error(`not every worker of ${server.base} serves after 2 minutes; see ${log}`);
    await sleep(100);
  }
  if (nodeChildren(server.pid).length !== workers) throw new Error(`${server.base} has ${nodeChildren(server.pid).length} workers, not ${workers}`);
}

async function measureBackend(backend: 'pglite' | 'postgres', tools: { wrk: string; nginx: string }, workers = 1): Promise<void> {
  const database = await scratchDatabase(backend, 'p1_pages');
  const logDir = path.join(scratchRoot, `p1-${backend}-${workers}-logs`);
  const args = workers > 1 ? ['--demo', '--workers', String(workers)] : ['--demo'];
  // Rows of one process keep the backend's name alone; with workers, the name says how many, and memory is every process's.
  const label = workers > 1 ? `${backend}, ${workers} workers` : backend;
  const memory = workers > 1 ? residentTreeMb : rssMb;
  const summed = workers > 1 ? ` (primary + ${workers} workers, each page once)` : '';
  // With workers, the figure counts each page once; beside it, each process's resident memory added up.
  const figure = (pid: number, value: number) => (workers > 1 ? `${mb(value)} (each process's added up: ${mb(rssTreeMb(pid))})` : mb(value));
  try {
    // P5: a first start, which creates (PGlite), migrates and fills the demo database.
    const first = await startCandor(args, database.env, logDir);
    await allWorkersServing(first, logDir, workers);
    await sleep(SETTLE_MS);
    const firstRss = memory(first.pid);
    const firstFigure = figure(first.pid, firstRss);
    await first.stop();
    record({ part: 'P5', what: 'start to first page, first start --demo (new database: create, migrate, demo data)', backend: label, figure: ms(first.startMs), target: `≤ ${ms(START_TARGET_MS)}`, met: first.startMs <= START_TARGET_MS });
    record({ part: 'P5', what: `resident memory idle, after the first start${summed}`, backend: label, figure: firstFigure, target: `≤ ${RSS_TARGET_MB} MB`, met: firstRss <= RSS_TARGET_MB });

    // P5: a restart on the database as it is now, the start an operator makes every day.
    const server = await startCandor(args, database.env, logDir);
    try {
      record({ part: 'P5', what: 'start to first page, restart (existing database)', backend: label, figure: ms(server.startMs), target: `≤ ${ms(START_TARGET_MS)}`, met: server.startMs <= START_TARGET_MS });
      await allWorkersServing(server, logDir, workers);
      await sleep(SETTLE_MS);
      const idleRss = memory(server.pid);
      record({ part: 'P5', what: `resident memory idle, after a restart${summed}`, backend: label, figure: figure(server.pid, idleRss), target: `≤ ${RSS_TARGET_MB} MB`, met: idleRss <= RSS_TARGET_MB });

      const pages: (StaticPage & { name: string })[] = [];
      for (const { name, url } of pagesToMeasure()) {
        const answer = await fetchAsWrk(`${server.base}${url}`);
        if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}, not 200`);
        if (!answer.contentType.startsWith('text/html')) throw new Error(`${url} is ${answer.contentType}, not HTML`);
        pages.push({ name, url, body: answer.body, headers: answer.headers });
      }
      const nginx = await startNginx(tools.nginx, path.join(scratchRoot, `p1-${backend}-${workers}-nginx`), pages);
      // One Candor process is also measured against the most one Node.js process does; several are not.
      let oneProcess: RunningStaticServer | undefined;
      try {
        if (workers === 1) oneProcess = await startOneProcessServer(path.join(scratchRoot, `p1-${backend}-one-process`), pages);
      } catch (error) {
        await nginx.stop();
        throw error;
      }
      const load = sampleRss(server.pid, 100, memory);
      let peak: number;
      try {
        for (const page of pages) {
          const title = `${page.name} ${page.url} (${(page.body.length / 1024).toFixed(0)} KB)`;
          // A run, with the CPU time the server (every process of it, not PostgreSQL's) spent on each request answered.
          const run = async (base: string, pid: number): Promise<Measured> => {
            const before = cpuSeconds(pid);
            const result = await wrk(tools.wrk, `${base}${page.url}`, { threads: THREADS, connections: CONNECTIONS, seconds: SECONDS });
            const after = cpuSeconds(pid);
            const per = (seconds: number) => (result.requests > 0 ? (seconds * 1e6) / result.requests : NaN);
            return { ...result, userUs: per(after.user - before.user), systemUs: per(after.system - before.system) };
          };
          await wrk(tools.wrk, `${server.base}${page.url}`, { threads: THREADS, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
          await wrk(tools.wrk, `${nginx.base}${page.url}`, { threads: THREADS, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
          if (oneProcess) await wrk(tools.wrk, `${oneProcess.base}${page.url}`, { threads: THREADS, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
          // Rounds taken in turn, Candor then nginx (then the one-process server), so that load
          // from elsewhere on the machine weighs on each alike; each figure is the median of its
          // rounds, a ratio the median of the rounds' ratios.
          const rounds: { candor: Measured; reference: Measured; node?: Measured }[] = [];
          for (let round = 0; round < ROUNDS; round++) {
            rounds.push({ candor: await run(server.base, server.pid), reference: await run(nginx.base, nginx.pid), node: oneProcess && (await run(oneProcess.base, oneProcess.pid)) });
          }
          const of = (pick: (round: (typeof rounds)[number]) => number) => median(rounds.map(pick));
          // The CPU time of a request, median of the rounds: user and system time apart.
          const cpu = (pick: (round: (typeof rounds)[number]) => Measured) => {
            const user = of((round) => pick(round).userUs);
            const system = of((round) => pick(round).systemUs);
            return `${(user + system).toFixed(0)} µs CPU a request (user ${user.toFixed(0)}, system ${system.toFixed(0)})`;
          };
          const ratio = of((round) => round.candor.requestsPerSec / round.reference.requestsPerSec);
          const candor = { rps: of((round) => round.candor.requestsPerSec), p50: of((round) => round.candor.p50Ms), p99: of((round) => round.candor.p99Ms) };
          const reference = { rps: of((round) => round.reference.requestsPerSec), p50: of((round) => round.reference.p50Ms), p99: of((round) => round.reference.p99Ms) };
          const each = (pick: (round: (typeof rounds)[number]) => number) => rounds.map((round) => pick(round).toFixed(0)).join(', ');
          record({ part: 'P1', what: `${title}: requests/s`, backend: 'nginx', figure: `${rate(reference.rps)} (rounds ${each((round) => round.reference.requestsPerSec)}); ${cpu((round) => round.reference)}` });
          record({ part: 'P1', what: `${title}: p50 / p99`, backend: 'nginx', figure: `${ms(reference.p50)} / ${ms(reference.p99)}` });
          record({ part: 'P1', what: `${title}: requests/s, Candor/nginx`, backend: label, figure: `${rate(candor.rps)} (rounds ${each((round) => round.candor.requestsPerSec)}); ${ratio.toFixed(2)} × nginx; ${cpu((round) => round.candor)}`, target: `≥ ${RATIO_TARGET} × nginx`, met: ratio >= RATIO_TARGET });
          record({ part: 'P1', what: `${title}: p50 / p99`, backend: label, figure: `${ms(candor.p50)} / ${ms(candor.p99)} (p99 rounds ${each((round) => round.candor.p99Ms)} ms)`, target: `p99 < ${P99_TARGET_MS} ms`, met: candor.p99 < P99_TARGET_MS });
          if (oneProcess) {
            const node = (round: (typeof rounds)[number]) => round.node!;
            record({
              part: 'P1',
              what: `${title}: requests/s, one Node.js process (node:http alone, the same bytes)`,
              backend: 'node:http',
              figure: `${rate(of((round) => node(round).requestsPerSec))} (rounds ${each((round) => node(round).requestsPerSec)}); ${of((round) => node(round).requestsPerSec / round.reference.requestsPerSec).toFixed(2)} × nginx; ${cpu(node)}`,
            });
            record({ part: 'P1', what: `${title}: p50 / p99, one Node.js process`, backend: 'node:http', figure: `${ms(of((round) => node(round).p50Ms))} / ${ms(of((round) => node(round).p99Ms))} (p99 rounds ${each((round) => node(round).p99Ms)} ms)` });
            record({ part: 'P1', what: `${title}: Candor / one Node.js process`, backend: label, figure: `${of((round) => round.candor.requestsPerSec / node(round).requestsPerSec).toFixed(2)} ×` });
          }
          for (const round of rounds) {
            recordErrors(title, 'nginx', round.reference);
            recordErrors(title, label, round.candor);
            if (round.node) recordErrors(title, 'node:http', round.node);
          }
        }
      } finally {
        await Promise.allSettled([nginx.stop(), oneProcess?.stop()]);
        peak = load.stop();
      }
      await sleep(SETTLE_MS);
      const after = memory(server.pid);
      const afterFigure = figure(server.pid, after);
      record({ part: 'P5', what: `resident memory, peak under the P1 load${summed}`, backend: label, figure: mb(peak), target: `≤ ${RSS_TARGET_MB} MB`, met: peak <= RSS_TARGET_MB });
      record({ part: 'P5', what: `resident memory, after the P1 load${summed}`, backend: label, figure: afterFigure, target: `≤ ${RSS_TARGET_MB} MB`, met: after <= RSS_TARGET_MB });
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

export async function run(): Promise<void> {
  const tools = requireTools();
  process.stderr.write(`  wrk --latency -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s, ${ROUNDS} rounds of Candor, nginx and (for one Candor process) plain node:http in one process, in turn, after a ${WARM_UP_SECONDS}-second warm-up of each; wrk sends no Accept-Encoding, so all send the pages uncompressed; nginx runs a worker per core\n`);
  const backends = (process.env.BENCH_P1_BACKENDS ?? 'pglite,postgres').split(',').map((entry) => entry.trim()) as ('pglite' | 'postgres')[];
  const workers = (process.env.BENCH_P1_WORKERS ?? '1,2').split(',').map((entry) => Number(entry.trim()));
  if (workers.some((count) => !Number.isInteger(count) || count < 1)) throw new Error(`BENCH_P1_WORKERS is a list of whole numbers of processes, not ${process.env.BENCH_P1_WORKERS}`);
  for (const backend of backends) {
    if (backend !== 'pglite' && backend !== 'postgres') throw new Error(`BENCH_P1_BACKENDS names no such backend: ${backend}`);
    // The embedded database belongs to one process: `--workers` is for PostgreSQL.
    for (const count of backend === 'pglite' ? [1] : workers) await measureBackend(backend, tools, count);
  }
}

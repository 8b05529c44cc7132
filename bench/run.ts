// `npm run bench`: runs Candor's benchmarks on this machine, side by side with nginx and with
// PostgreSQL's own COPY, and prints a table of figures. Never run by `npm test`.
//   BENCH_ONLY=p1,p4      runs only these parts (P1 pages, P2 report, P3 import, P4 notice search, P5 footprint)
//   BENCH_ROWS=1000000    requests for P2 and P3, notices for P4 (default 1,000,000)
//   BENCH_DATABASE_URL    the PostgreSQL server on which scratch databases are made (default the local one)
// What each part measures and against which target: BENCHMARKS.md.
import os from 'node:os';
import { figures, printTable } from './lib/results.ts';
import { dropImportedDatabases } from './data/request-databases.ts';
import { removeScratchRoot } from './lib/scratch.ts';

const PARTS: Record<string, { title: string; load: () => Promise<{ run: () => Promise<void> }> }> = {
  p1: { title: 'P1 pages and P5 footprint, against nginx', load: () => import('./p1-pages.ts') },
  p3: { title: 'P3 bulk import, against COPY', load: () => import('./p3-import.ts') },
  // P2 reports over the databases P3 imported, when both run.
  p2: { title: 'P2 the report', load: () => import('./p2-report.ts') },
  p4: { title: 'P4 notice search', load: () => import('./p4-notice-search.ts') },
};

const only = (process.env.BENCH_ONLY ?? '').split(',').map((part) => part.trim().toLowerCase()).filter(Boolean).map((part) => (part === 'p5' ? 'p1' : part));
const unknown = only.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  process.stderr.write(`BENCH_ONLY names no such part: ${unknown.join(', ')} (parts: p1 … p5)\n`);
  process.exit(2);
}
const chosen = Object.keys(PARTS).filter((part) => only.length === 0 || only.includes(part));

const cpu = os.cpus();
process.stderr.write(`Candor benchmarks on ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}\n`);
const started = performance.now();
try {
  for (const part of chosen) {
    process.stderr.write(`\n${PARTS[part]!.title}\n`);
    const module = await PARTS[part]!.load();
    await module.run();
  }
} finally {
  await dropImportedDatabases();
  removeScratchRoot();
}
process.stderr.write(`\nall parts done in ${((performance.now() - started) / 60_000).toFixed(1)} min\n`);
process.stdout.write(`${printTable(figures)}\n`);
if (figures.some((figure) => figure.met === false)) process.exitCode = 1;

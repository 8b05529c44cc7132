// P2 — the report: the transparency report of a period over BENCH_ROWS generated requests (all
// received in 2025), computed in-process as the server does, and by `candor report` as a process.
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { computeReport } from '../src/transparency/compute-report.ts';
import { parsePeriod } from '../src/transparency/period.ts';
import { dropImportedDatabases, importedDatabase, ROWS } from './data/request-databases.ts';
import { timedCandor } from './lib/candor.ts';
import { record } from './lib/results.ts';
import { median, ms, percentile, timeMs } from './lib/stats.ts';

const TARGET_MS = { postgres: 1_000, pglite: 3_000 } as const;

export async function run(): Promise<void> {
  try {
    for (const backend of ['postgres', 'pglite'] as const) {
      const { database } = await importedDatabase(backend);
      const handle = await openDatabase(loadConfig({ ...process.env, ...database.env }), { holder: 'the report benchmark' });
      const runs: Record<string, number[]> = {};
      let count = 0;
      try {
        // 2025 holds every request; 2025-H2 holds half, and its change against 2025-H1 reads the other half.
        for (const name of ['2025', '2025-H2']) {
          const period = parsePeriod(name);
          await computeReport(handle.db, period); // warm-up
          runs[name] = [];
          for (let i = 0; i < 7; i++) runs[name].push(await timeMs(async () => void (await computeReport(handle.db, period))));
        }
        count = Number((await handle.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      } finally {
        await handle.close();
      }
      for (const [name, times] of Object.entries(runs)) {
        const worst = percentile(times, 100);
        record({
          part: 'P2',
          what: `computeReport ${name} over ${count.toLocaleString('en')} requests (median; slowest of 7)`,
          backend,
          figure: `${ms(median(times))}; ${ms(worst)}`,
          target: `≤ ${ms(TARGET_MS[backend])}`,
          met: median(times) <= TARGET_MS[backend],
        });
      }
      const command = [1, 2, 3].map(() => timedCandor(['report', '2025', '--format', 'json'], database.env));
      record({ part: 'P2', what: `candor report 2025 --format json (whole command, median of 3)`, backend, figure: ms(median(command)) });
    }
  } finally {
    await dropImportedDatabases();
  }
}

// A process that runs Candor's job queue on the database in DATA_DIR or DATABASE_URL, with kinds
// made for test/flows/jobs.test.ts. Run with `node --import tsx`; it prints one line per event
// (`ready`, `hanging KEY`, `done KEY`, `round`) and stops cleanly on SIGTERM.
//   ENQUEUE=a,b      enqueues a `test.hang-before` job for KEY a and a `test.hang-after` job for b
//   ROUND_SECONDS=1  also runs a recurring round every so many seconds, recording each run
// The tables job_test_runs and job_test_effects must exist (the test creates them).
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { startJobs } from '../../src/jobs/queue.ts';
import { JobRegistry, type TaskHandler } from '../../src/jobs/registry.ts';

const worker = `${process.pid}`;
const say = (line: string) => process.stdout.write(`${line}\n`);
const handle = await openDatabase(loadConfig(), { holder: 'a test job worker' });
const log = { info: () => {}, warn: () => {}, error: (obj: unknown, msg: string) => process.stderr.write(`${msg} ${String((obj as { err?: unknown }).err)}\n`) };

/**
 * The first attempt of each job hangs until its process is killed, before (or after) its effect:
 * a row with the job's key, inserted at most once whatever happens (its key is unique).
 */
const effect =
  (hangAfterEffect: boolean): TaskHandler<{ key: string }> =>
  async (db, data, job) => {
    await sql`INSERT INTO job_test_runs (job_key, worker, attempt) VALUES (${data.key}, ${worker}, ${job.attempt})`.execute(db);
    const apply = () => sql`INSERT INTO job_test_effects (job_key, worker) VALUES (${data.key}, ${worker}) ON CONFLICT (job_key) DO NOTHING`.execute(db);
    if (hangAfterEffect) await apply();
    if (job.attempt === 1) {
      say(`hanging ${data.key}`);
      await new Promise(() => {});
    }
    if (!hangAfterEffect) await apply();
    say(`done ${data.key}`);
  };

const registry = new JobRegistry()
  .registerTask('test.hang-before', effect(false), { expireInSeconds: 2, retryDelaySeconds: 1 })
  .registerTask('test.hang-after', effect(true), { expireInSeconds: 2, retryDelaySeconds: 1 });
if (process.env.ROUND_SECONDS) {
  registry.registerRecurring('test.round', Number(process.env.ROUND_SECONDS), async (db) => {
    await sql`INSERT INTO job_test_runs (job_key, worker, attempt) VALUES ('round', ${worker}, 1)`.execute(db);
    say('round');
  });
}
const queue = await startJobs(handle.db, registry, { log, maintenanceIntervalSeconds: 1 });
const [before, after] = (process.env.ENQUEUE ?? '').split(',');
if (before) await queue.enqueue('test.hang-before', { key: before });
if (after) await queue.enqueue('test.hang-after', { key: after });
say('ready');
process.once('SIGTERM', () => {
  void queue
    .stop(1_000)
    .then(() => handle.close())
    .then(() => process.exit(0));
});

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const WORKER = path.join(import.meta.dirname, '..', 'helpers', 'job-worker.ts');

interface Worker {
  child: ChildProcess;
  /** Resolves when the worker has printed this line. */
  saw(line: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { line: string; resolve: () => void }[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wait of waiting.filter((entry) => entry.line === line)) wait.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    saw: (line) =>
      lines.includes(line)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiting.push({ line, resolve });
            void exited.then(() => reject(new Error(`the worker exited before printing "${line}":\n${stderr}`)));
          }),
  };
}

async function prepareTables(database: TestDatabase): Promise<void> {
  const handle = await database.open();
  try {
    await sql`CREATE TABLE job_test_runs (job_key text NOT NULL, worker text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(handle.db);
    await sql`CREATE TABLE job_test_effects (job_key text PRIMARY KEY, worker text NOT NULL)`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

describe('the job queue', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
    await prepareTables(database);
  });
  after(async () => {
    await database?.drop();
  });

  it('retries a job whose worker was killed (SIGKILL), and its effect happens exactly once', async () => {
    const first = startWorker({ ...database.env, ENQUEUE: 'before-effect,after-effect' });
    await first.saw('hanging before-effect');
    await first.saw('hanging after-effect');
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');

    // A second worker finds both jobs active with no one alive to finish them; once they expire, it retries them.
    const second = startWorker(database.env);
    await second.saw('done before-effect');
    await second.saw('done after-effect');
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);

    const handle = await database.open();
    try {
      const effects = await sql<{ job_key: string; worker: string }>`SELECT job_key, worker FROM job_test_effects ORDER BY job_key`.execute(handle.db);
      assert.deepEqual(
        effects.rows.map((row) => [row.job_key, row.worker]),
        [
          // Committed by the killed worker just before it hung: the retry found it there and did not repeat it.
          ['after-effect', String(first.child.pid)],
          // Never reached by the killed worker: done by the retry.
          ['before-effect', String(second.child.pid)],
        ],
      );
      const runs = await sql<{ job_key: string; worker: string; attempt: number }>`SELECT job_key, worker, attempt FROM job_test_runs ORDER BY job_key, attempt`.execute(handle.db);
      assert.deepEqual(
        runs.rows.map((row) => [row.job_key, row.worker, row.attempt]),
        [
          ['after-effect', String(first.child.pid), 1],
          ['after-effect', String(second.child.pid), 2],
          ['before-effect', String(first.child.pid), 1],
          ['before-effect', String(second.child.pid), 2],
        ],
      );
      const jobs = await sql<{ name: string; state: string; retry_count: number }>`SELECT name, state::text AS state, retry_count FROM pgboss.job WHERE name LIKE 'test.hang-%' ORDER BY name`.execute(handle.db);
      assert.deepEqual(
        jobs.rows.map((row) => [row.name, row.state, row.retry_count]),
        [
          ['test.hang-after', 'completed', 1],
          ['test.hang-before', 'completed', 1],
        ],
      );
    } finally {
      await handle.close();
    }
  });
});

describe('a recurring round, with two processes on one PostgreSQL database', { skip: process.env.CANDOR_TEST_TEMPLATE_URL ? false : 'several processes share a database only on a PostgreSQL server' }, () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
    await prepareTables(database);
  });
  after(async () => {
    await database?.drop();
  });

  it('runs once per slot, whichever process takes it', async () => {
    const workers = [startWorker({ ...database.env, ROUND_SECONDS: '1' }), startWorker({ ...database.env, ROUND_SECONDS: '1' })];
    await Promise.all(workers.map((worker) => worker.saw('ready')));
    const handle = await database.open();
    try {
      // Let both offer and take rounds for a while: until at least six slots have run.
      for (;;) {
        const { rows } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM job_test_runs WHERE job_key = 'round'`.execute(handle.db);
        if (rows[0]!.count >= 6) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      for (const worker of workers) worker.child.kill('SIGTERM');
      for (const worker of workers) assert.equal((await worker.exited).code, 0);
      const slots = await sql<{ slot: Date; jobs: number; state: string }>`
        SELECT singleton_on AS slot, count(*)::int AS jobs, min(state::text) AS state FROM pgboss.job WHERE name = 'test.round' GROUP BY singleton_on ORDER BY singleton_on`.execute(handle.db);
      assert.ok(slots.rows.length >= 6);
      assert.ok(slots.rows.every((slot) => slot.jobs === 1), 'one job per slot, though both processes offered each one');
      const completed = slots.rows.filter((slot) => slot.state === 'completed').length;
      const runs = await sql<{ count: number }>`SELECT count(*)::int AS count FROM job_test_runs WHERE job_key = 'round'`.execute(handle.db);
      assert.equal(runs.rows[0]!.count, completed, 'each completed slot ran its round once');
    } finally {
      await handle.close();
    }
  });
});

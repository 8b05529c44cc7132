import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { JOBS_SCHEMA, pgBossPlans, startJobs, trackedQueueExecutor } from './queue.ts';
import { JobRegistry } from './registry.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('startJobs', () => {
  const suite = useTestDatabase();

  it('retries a task that throws, later each time, counts the failure, and runs it to completion', async () => {
    // When each attempt threw, and when the queue then scheduled the attempt that followed it.
    const attempts: { attempt: number; threwAt: number; scheduledAt: number }[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const registry = new JobRegistry().registerTask<{ n: number }>(
      'test.flaky',
      async (db, data, job) => {
        assert.equal(data.n, 7);
        const { rows } = await sql<{ at: number }>`SELECT extract(epoch FROM start_after) * 1000 AS at FROM pgboss.job WHERE id = ${job.id}`.execute(db);
        attempts.push({ attempt: job.attempt, threwAt: Number.NaN, scheduledAt: Number(rows[0]!.at) });
        if (job.attempt < 3) {
          attempts.at(-1)!.threwAt = Date.now();
          throw new Error(`attempt ${job.attempt} fails`);
        }
        finish();
      },
      { retryDelaySeconds: 1, retryLimit: 3 },
    );
    const queue = await startJobs(suite.handle.db, registry, { log: quiet });
    try {
      const id = await queue.enqueue('test.flaky', { n: 7 });
      assert.ok(id);
      await finished;
      assert.deepEqual(attempts.map((entry) => entry.attempt), [1, 2, 3]);
      assert.equal(queue.failures().get('test.flaky'), 2);
      // Backoff: the queue puts a retry off by retryDelay × 2^(n-1) × a jitter from 1 to 2 after the
      // n-th failure: 1 to 2 s after the first, 2 to 4 s after the second. A constant delay would put
      // both off by 1 s. Measured from the moment the handler threw, a little before the queue saw it.
      const delays = [attempts[1]!.scheduledAt - attempts[0]!.threwAt, attempts[2]!.scheduledAt - attempts[1]!.threwAt];
      assert.ok(delays[0]! >= 1_000, `the first retry was put off by its delay, not ${delays[0]} ms`);
      assert.ok(delays[1]! >= 2_000, `the second retry was put off by at least twice the delay, not ${delays[1]} ms`);
      // The run that succeeded is recorded as completed, after two retries.
      for (;;) {
        const { rows } = await sql<{ state: string; retry_count: number }>`SELECT state::text AS state, retry_count FROM pgboss.job WHERE id = ${id}`.execute(suite.handle.db);
        if (rows[0]?.state === 'completed') {
          assert.equal(rows[0].retry_count, 2);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await queue.stop();
    }
  });

  it('enqueues in the caller’s transaction: a rolled-back change leaves no job behind', async () => {
    const registry = new JobRegistry().registerTask('test.after-change', async () => {});
    const queue = await startJobs(suite.handle.db, registry, { log: quiet });
    try {
      await assert.rejects(
        suite.handle.db.transaction().execute(async (trx) => {
          await queue.enqueue('test.after-change', { change: 'rolled back' }, { db: trx });
          throw new Error('the change fails');
        }),
        /the change fails/,
      );
      await suite.handle.db.transaction().execute(async (trx) => {
        await queue.enqueue('test.after-change', { change: 'kept' }, { db: trx });
      });
      const { rows } = await sql<{ change: string }>`SELECT data->>'change' AS change FROM pgboss.job WHERE name = 'test.after-change'`.execute(suite.handle.db);
      assert.deepEqual(rows.map((row) => row.change), ['kept']);
      await assert.rejects(queue.enqueue('test.unknown', {}), /no task kind named test\.unknown/);
    } finally {
      await queue.stop();
    }
    assert.equal(await queue.check(), false, 'a stopped queue reports itself');
  });

  it('stops only once a job taken while it stops has run and its end is recorded', async () => {
    const db = suite.handle.db;
    const ran: string[] = [];
    const errors: string[] = [];
    const log = { ...quiet, error: (_: unknown, msg: string) => void errors.push(msg) };
    const registry = new JobRegistry().registerTask<{ n: number }>('test.taken-late', async (_db, data) => void ran.push(`run ${data.n}`));
    const queue = await startJobs(db, registry, { log });
    let stopped = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The job goes in under a lock on the queue's table (on the embedded database, its only connection),
    // so that the worker's next look for jobs waits until the lock goes: it is under way when the queue stops.
    const transaction = db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE`.execute(trx);
      await queue.enqueue('test.taken-late', { n: 1 }, { db: trx });
      await held;
    });
    // Longer than the worker's polling interval (2 s): its look for jobs has begun.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const stopping = queue.stop(1_000).then(() => void (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = !stopped;
    release();
    await transaction;
    await stopping;
    assert.ok(waited, 'the queue waits for the statement under way');
    ran.push('stopped');
    assert.deepEqual(ran, ['run 1', 'stopped'], 'the job taken while stopping ran before the queue stopped');
    const { rows } = await sql<{ state: string }>`SELECT state::text AS state FROM pgboss.job WHERE name = 'test.taken-late'`.execute(db);
    assert.deepEqual(rows.map((row) => row.state), ['completed'], 'and its end was recorded');
    assert.deepEqual(errors, []);
  });

  it('logs an end of a job it could not record, which the queue does not wait for, instead of failing', async () => {
    // A database that cannot be reached: nothing listens on port 1 of the loopback.
    const unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://127.0.0.1:1/none' }) }) });
    const logged: { obj: unknown; msg: string }[] = [];
    const executor = trackedQueueExecutor(unreachable, { ...quiet, error: (obj, msg) => void logged.push({ obj, msg }) });
    for (const statement of [pgBossPlans.completeJobs(JOBS_SCHEMA), pgBossPlans.failJobsById(JOBS_SCHEMA)]) {
      assert.deepEqual(await executor.executeSql(statement, ['test.kind', [], null]), { rows: [{ count: 0 }] });
    }
    assert.deepEqual(logged.map((entry) => entry.msg), Array(2).fill('recording the end of a job failed: it runs again once it expires'));
    assert.match(String((logged[0]!.obj as { err: Error }).err.message), /ECONNREFUSED/);
    // Any other statement fails for whoever sent it, who waits for the answer.
    await assert.rejects(executor.executeSql('SELECT 1', []), /ECONNREFUSED/);
    assert.equal(executor.underWay, 0);
    await unreachable.destroy();
  });
});

describe('JobRegistry', () => {
  it('refuses a name twice, a bad name and an interval that is not whole seconds', () => {
    const registry = new JobRegistry().registerRecurring('news.publish-due', 30, async () => {});
    assert.throws(() => registry.registerRecurring('news.publish-due', 30, async () => {}), /registered twice/);
    assert.throws(() => registry.registerTask('News Publish', async () => {}), /lowercase words/);
    assert.throws(() => registry.registerRecurring('feeds.fetch', 0.5, async () => {}), /whole number of seconds/);
    assert.equal(registry.kinds.get('news.publish-due')?.type, 'recurring');
  });
});

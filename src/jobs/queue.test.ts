import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { startJobs } from './queue.ts';
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

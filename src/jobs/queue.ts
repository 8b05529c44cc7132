import { createRequire } from 'node:module';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { JobKind, JobRegistry, RecurringKind } from './registry.ts';

/** Where the queue keeps its tables: a schema of its own, created and upgraded by the queue itself at start. */
export const JOBS_SCHEMA = 'pgboss';

interface Log {
  info(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
}

/** What the metrics and the console see of the queue. */
export interface JobCount {
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  count: number;
}

/** The running queue of one process. */
export interface JobQueue {
  /** Enqueues a task; pass the transaction (`db`) to enqueue it in the same transaction as the change it follows. */
  enqueue(name: string, data: object, options?: { db?: Kysely<Database>; startAfter?: Date }): Promise<string | null>;
  /** Whether the queue's tables answer and this process's queue is running. */
  check(): Promise<boolean>;
  /** Jobs by kind and state, counted by the database. */
  counts(): Promise<JobCount[]>;
  /** Runs that threw in this process since it started, by kind. */
  failures(): ReadonlyMap<string, number>;
  /** Stops taking work, lets the runs in progress finish (up to `timeoutMs`), then hands back the rest for retry. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface QueueOptions {
  log: Log;
  /** How often the queue looks for runs that outlived their expiry, and archives finished jobs (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /**
   * false: this process only enqueues and reports, and runs no job (an HTTP worker of
   * `candor serve --workers N`, whose primary process runs them). The queue's tables must exist.
   */
  work?: boolean;
}

/**
 * The queue's connection to the database is Candor's own pool, through the query builder: on the
 * embedded database there is only one connection, and the queue must share it rather than open
 * another. Some of the queue's statements are a whole `BEGIN; …; COMMIT;` script: if one fails,
 * the connection is rolled back before it goes back to the pool, so that no one else inherits a
 * broken transaction.
 */
export function queueExecutor(db: Kysely<Database>): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (db.isTransaction) return db.executeQuery(CompiledQuery.raw(text, values));
      return db.connection().execute(async (connection) => {
        try {
          return await connection.executeQuery(CompiledQuery.raw(text, values));
        } catch (error) {
          if (/\bBEGIN\b/i.test(text)) await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
          throw error;
        }
      });
    },
  };
}

/** The queue's own SQL, by which the statements of its worker loop are recognised. */
export const pgBossPlans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { completeJobs(schema: string): string; failJobsById(schema: string): string };

/**
 * The statements by which the queue's worker loop records that a run returned or threw. The
 * loop sends them without waiting for their answer, so a failure (the database unreachable for a
 * moment) would be an unhandled rejection, which ends the process. Such a failure leaves the job
 * active; it is handed back for another run once it expires, so it is logged and nothing more.
 */
const UNAWAITED_ENDS = new Set([pgBossPlans.completeJobs(JOBS_SCHEMA), pgBossPlans.failJobsById(JOBS_SCHEMA)]);

/** The executor of a running queue: it keeps count of its statements under way, so that stopping can wait for them. */
export function trackedQueueExecutor(db: Kysely<Database>, log: Log): PgBoss.Db & { readonly underWay: number } {
  const executor = queueExecutor(db);
  let underWay = 0;
  return {
    get underWay() {
      return underWay;
    },
    async executeSql(text: string, values: unknown[] = []) {
      underWay += 1;
      try {
        return await executor.executeSql(text, values);
      } catch (error) {
        if (!UNAWAITED_ENDS.has(text)) throw error;
        log.error({ err: error, job: values[0] }, 'recording the end of a job failed: it runs again once it expires');
        return { rows: [{ count: 0 }] };
      } finally {
        underWay -= 1;
      }
    },
  };
}

function sendOptions(kind: JobKind): PgBoss.SendOptions {
  return { retryLimit: kind.retryLimit, retryDelay: kind.retryDelaySeconds, retryBackoff: true, expireInSeconds: kind.expireInSeconds };
}

/** PostgreSQL's code for a transaction it chose to abort to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Creates a kind's queue, a partition of the queue's job table. Two processes creating the same
 * new queue at once, or one creating it while another takes jobs, can deadlock on that table; the
 * database aborts one of them whole, and that one tries again (and finds the queue there).
 */
async function createQueue(boss: PgBoss, kind: JobKind): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await boss.createQueue(kind.name, { name: kind.name, ...sendOptions(kind) });
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/** How long stopping waits, beyond the runs' time, for the statements a worker has under way. */
const DRAIN_MS = 2_000;

/** Polls often enough that a round every few seconds is not delayed by much more than its interval. */
function pollingSeconds(kind: JobKind): number {
  return kind.type === 'recurring' ? Math.min(2, Math.max(0.5, kind.everySeconds / 2)) : 2;
}

/**
 * Starts the durable job queue (pg-boss, in the database Candor already uses): creates or
 * upgrades its tables, starts a worker for every registered kind, and, for recurring kinds,
 * offers one job per slot. Every process offers; the database keeps one job per kind and slot
 * (a unique index over the slot), and a job is taken by one worker only (FOR UPDATE SKIP LOCKED),
 * so a round runs once per slot however many processes share the database. A run that throws
 * is retried with exponential backoff; a run whose process died is retried once it expires.
 */
export async function startJobs(db: Kysely<Database>, registry: JobRegistry, options: QueueOptions): Promise<JobQueue> {
  const works = options.work ?? true;
  const kinds = works ? [...registry.kinds.values()] : [];
  const longest = Math.max(0, ...kinds.map((kind) => (kind.type === 'recurring' ? kind.everySeconds : 0)));
  const executor = trackedQueueExecutor(db, options.log);
  const boss = new PgBoss({
    db: executor,
    schema: JOBS_SCHEMA,
    // A process that runs no job neither creates the queue's tables nor looks after them.
    migrate: works,
    supervise: works,
    // Recurring kinds are offered by Candor itself, per slot of seconds; the queue's own cron counts minutes.
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Finished jobs leave the live table after an hour (or the longest interval: a slot must outlast its
    // job), failed ones after a week so that they stay visible; the archive keeps them two days more.
    archiveCompletedAfterSeconds: Math.max(3_600, longest),
    archiveFailedAfterSeconds: 7 * 86_400,
    deleteAfterDays: 2,
  });
  const failures = new Map<string, number>();
  boss.on('error', (error: unknown) => options.log.error({ err: error }, 'job queue error'));
  await boss.start();
  let running = true;
  /** Runs under way in this process. */
  let runs = 0;
  const timers: NodeJS.Timeout[] = [];

  const offer = async (kind: RecurringKind) => {
    if (!running) return;
    try {
      await boss.send(kind.name, {}, { ...sendOptions(kind), singletonSeconds: kind.everySeconds });
    } catch (error) {
      options.log.error({ err: error, job: kind.name }, 'offering a recurring job failed');
    }
  };

  for (const kind of kinds) {
    await createQueue(boss, kind);
    await boss.work<object>(kind.name, { pollingIntervalSeconds: pollingSeconds(kind), batchSize: 1, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      runs += 1;
      try {
        if (kind.type === 'recurring') await kind.round(db, new Date());
        else await kind.handler(db, job.data as never, { id: job.id, attempt: job.retryCount + 1 });
      } catch (error) {
        failures.set(kind.name, (failures.get(kind.name) ?? 0) + 1);
        options.log.error({ err: error, job: kind.name, attempt: job.retryCount + 1 }, 'job failed');
        throw error;
      } finally {
        runs -= 1;
      }
    });
    if (kind.type === 'recurring') {
      await offer(kind);
      timers.push(setInterval(() => void offer(kind), Math.min(kind.everySeconds, 60) * 1000));
    }
  }
  if (works) options.log.info({ kinds: kinds.map((kind) => kind.name) }, 'job queue started');

  return {
    async enqueue(name, data, enqueueOptions = {}) {
      const kind = registry.kinds.get(name);
      if (!kind || kind.type !== 'task') throw new Error(`no task kind named ${name} is registered`);
      return boss.send(name, data, {
        ...sendOptions(kind),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
        ...(enqueueOptions.db ? { db: queueExecutor(enqueueOptions.db) } : {}),
      });
    },
    async check() {
      if (!running) return false;
      await sql`SELECT version FROM ${sql.id(JOBS_SCHEMA, 'version')}`.execute(db);
      return true;
    },
    async counts() {
      const { rows } = await sql<JobCount>`SELECT name, state::text AS state, count(*)::int AS count FROM ${sql.id(JOBS_SCHEMA, 'job')} GROUP BY name, state ORDER BY name, state`.execute(db);
      return rows;
    },
    failures: () => failures,
    async stop(timeoutMs = 10_000) {
      if (!running) return;
      running = false;
      for (const timer of timers) clearInterval(timer);
      const deadline = Date.now() + timeoutMs + DRAIN_MS;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
      // The queue's stop waits for the runs it knows of, not for a worker's statement under way:
      // a job taken meanwhile would run, and its end be recorded, once the caller has closed the
      // database. Both are waited for here, up to DRAIN_MS past the runs' time.
      while ((runs > 0 || executor.underWay > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * One round of periodic work: does what is due at `now`, idempotently, and is safe when another
 * process runs a round at the same time (claims with FOR UPDATE SKIP LOCKED or a conditional UPDATE).
 */
export type Round = (db: Kysely<Database>, now: Date) => Promise<unknown>;

/** Handles one job of a task kind; `data` is what was enqueued with it. Must be idempotent: a job may run again after a crash. */
export type TaskHandler<T> = (db: Kysely<Database>, data: T, job: { id: string; attempt: number }) => Promise<unknown>;

/** How a kind of job is retried and when a run that stopped answering is given up and tried again. */
export interface JobOptions {
  /** Retries after the first attempt fails (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry; later retries wait about twice as long each time (default 10). */
  retryDelaySeconds?: number;
  /**
   * Seconds a run may take: a run still active after this is taken for dead (its process was
   * killed, say) and the job is tried again (default 300).
   */
  expireInSeconds?: number;
}

export interface RecurringKind extends Required<JobOptions> {
  type: 'recurring';
  name: string;
  everySeconds: number;
  round: Round;
}

export interface TaskKind extends Required<JobOptions> {
  type: 'task';
  name: string;
  handler: TaskHandler<never>;
}

export type JobKind = RecurringKind | TaskKind;

const NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

function withDefaults(options: JobOptions): Required<JobOptions> {
  return { retryLimit: options.retryLimit ?? 3, retryDelaySeconds: options.retryDelaySeconds ?? 10, expireInSeconds: options.expireInSeconds ?? 300 };
}

/**
 * The kinds of background job a process knows: recurring rounds (run once per slot of
 * `everySeconds` across all processes sharing the database) and tasks enqueued one by one.
 * The queue (src/jobs/queue.ts) starts a worker for each kind registered here.
 */
export class JobRegistry {
  readonly kinds = new Map<string, JobKind>();

  /**
   * Runs `round(db, now)` once every `everySeconds` seconds, however many Candor processes
   * share the database. A round that throws is retried with backoff; one whose process died is
   * retried after `expireInSeconds`. Example: `jobs.registerRecurring('news.publish-due', 30, publishDue)`.
   */
  registerRecurring(name: string, everySeconds: number, round: Round, options: JobOptions = {}): this {
    if (!Number.isInteger(everySeconds) || everySeconds < 1 || everySeconds > 7 * 86_400) {
      throw new Error(`job ${name}: everySeconds must be a whole number of seconds between 1 and one week`);
    }
    // A retry that waits past the next slot only repeats what that slot's round does anyway.
    const defaults = { retryLimit: 2, retryDelaySeconds: Math.max(1, Math.min(everySeconds, 60)), ...options };
    return this.add({ type: 'recurring', name, everySeconds, round, ...withDefaults(defaults) });
  }

  /** Registers a kind of one-off job; enqueue one with `queue.enqueue(name, data)` (src/jobs/queue.ts). */
  registerTask<T>(name: string, handler: TaskHandler<T>, options: JobOptions = {}): this {
    return this.add({ type: 'task', name, handler: handler as TaskHandler<never>, ...withDefaults(options) });
  }

  private add(kind: JobKind): this {
    if (!NAME.test(kind.name) || kind.name.length > 50) throw new Error(`job name "${kind.name}" must be lowercase words joined by dots or hyphens`);
    if (this.kinds.has(kind.name)) throw new Error(`job ${kind.name} is registered twice`);
    if (kind.expireInSeconds < 1 || kind.retryLimit < 0 || kind.retryDelaySeconds < 1) throw new Error(`job ${kind.name}: retry and expiry must be positive`);
    this.kinds.set(kind.name, kind);
    return this;
  }
}

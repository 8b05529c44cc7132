import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { JOBS_SCHEMA, type JobCount } from './queue.ts';

/** The states a job goes through, in order, as the console shows them. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

/** One kind of job, with how many of its jobs are in each state. */
export interface JobKindSummary {
  name: string;
  counts: Record<(typeof JOB_STATES)[number], number>;
}

/** A job that gave up after its retries, with what its last run threw. */
export interface FailedJob {
  id: string;
  name: string;
  attempts: number;
  failedAt: Date | null;
  error: string;
}

/** Whether the queue's tables exist yet (the first `candor serve` creates them). */
async function installed(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ name: string | null }>`SELECT to_regclass(${`${JOBS_SCHEMA}.job`})::text AS name`.execute(db);
  return rows[0]?.name != null;
}

/** Jobs by kind and state, counted by the database, for the console's page on background work. */
export async function summarizeJobs(db: Kysely<Database>): Promise<JobKindSummary[]> {
  if (!(await installed(db))) return [];
  const { rows } = await sql<JobCount>`
    SELECT q.name, j.state::text AS state, count(j.id)::int AS count
    FROM ${sql.id(JOBS_SCHEMA, 'queue')} q LEFT JOIN ${sql.id(JOBS_SCHEMA, 'job')} j ON j.name = q.name
    GROUP BY q.name, j.state ORDER BY q.name`.execute(db);
  const kinds = new Map<string, JobKindSummary>();
  for (const row of rows) {
    const kind = kinds.get(row.name) ?? { name: row.name, counts: Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as JobKindSummary['counts'] };
    if (row.state) kind.counts[row.state] = row.count;
    kinds.set(row.name, kind);
  }
  return [...kinds.values()];
}

/** The most recent jobs that failed for good, newest first; only the error's message is shown, never its stack. */
export async function listFailedJobs(db: Kysely<Database>, limit = 50): Promise<FailedJob[]> {
  if (!(await installed(db))) return [];
  const { rows } = await sql<{ id: string; name: string; retry_count: number; completed_on: Date | null; message: string | null }>`
    SELECT id::text AS id, name, retry_count, completed_on, left(coalesce(output->>'message', output::text), 500) AS message
    FROM ${sql.id(JOBS_SCHEMA, 'job')} WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT ${limit}`.execute(db);
  return rows.map((row) => ({ id: row.id, name: row.name, attempts: row.retry_count + 1, failedAt: row.completed_on, error: row.message ?? '' }));
}

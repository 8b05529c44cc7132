import { sql, type Kysely } from 'kysely';
import { appendEvents } from '../../audit/append-events.ts';
import type { Database } from '../../db/database.ts';
import { DEFAULT_RETRY, sendWithRetry, type RetryPolicy } from '../http-retry.ts';
import { statementsSince, type StatementResult } from './restricting-decisions.ts';

/** Where statements go: the API's base (its `/statements` batch endpoint is under it) and the platform's token. */
export interface DsaEndpoint {
  url: string;
  token: string;
}

/** What one run did. `pending` statements are kept and sent by a later run. */
export interface DsaPostReport {
  queued: number;
  invalid: Extract<StatementResult, { ok: false }>[];
  accepted: number;
  alreadyThere: number;
  pending: number;
  error: string | null;
}

/** The database's batch limit. */
export const BATCH_SIZE = 100;

/**
 * Queues a statement for every restricting decision not queued yet (with its audit event), so
 * that a decision's statement exists in the table before anything is sent; invalid ones are
 * returned, not queued, and tried again by the next run.
 */
export async function queueStatements(db: Kysely<Database>, options: { since?: Date; actor?: string } = {}): Promise<{ queued: number; invalid: Extract<StatementResult, { ok: false }>[] }> {
  const results = await statementsSince(db, options.since, { onlyUnqueued: true });
  const valid = results.filter((result): result is Extract<StatementResult, { ok: true }> => result.ok);
  const invalid = results.filter((result): result is Extract<StatementResult, { ok: false }> => !result.ok);
  if (valid.length === 0) return { queued: 0, invalid };
  let queued = 0;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < valid.length; start += 500) {
      const chunk = valid.slice(start, start + 500);
      const inserted = await trx
        .insertInto('dsa_statement_exports')
        .values(chunk.map((result) => ({ request_id: result.requestId, puid: result.statement.puid, statement: JSON.stringify(result.statement) })))
        .onConflict((conflict) => conflict.doNothing())
        .returning(['request_id', 'puid'])
        .execute();
      queued += inserted.length;
      await appendEvents(
        trx,
        inserted.map((row) => ({ actor: options.actor ?? 'cli', action: 'dsa.statement.queued', subjectType: 'request', subjectId: Number(row.request_id), payload: { puid: row.puid } })),
      );
    }
  });
  return { queued, invalid };
}

async function markAccepted(db: Kysely<Database>, puids: string[], actor: string, how: 'created' | 'existing'): Promise<number> {
  if (puids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('dsa_statement_exports')
      .set({ state: 'accepted', accepted_at: new Date(), last_error: null, last_attempt_at: new Date(), attempts: sql`attempts + 1` })
      .where('puid', 'in', puids)
      .where('state', '=', 'pending')
      .returning(['request_id', 'puid'])
      .execute();
    await appendEvents(
      trx,
      rows.map((row) => ({ actor, action: 'dsa.statement.accepted', subjectType: 'request', subjectId: Number(row.request_id), payload: { puid: row.puid, how } })),
    );
    return rows.length;
  });
}

async function markFailed(db: Kysely<Database>, puids: string[], error: string): Promise<void> {
  await db
    .updateTable('dsa_statement_exports')
    .set({ last_error: error.slice(0, 2_000), last_attempt_at: new Date(), attempts: sql`attempts + 1` })
    .where('puid', 'in', puids)
    .execute();
}

/** Reads `errors.existing_puids` from a 422 answer: the platform ids the database already holds. */
function existingPuids(body: string | undefined): string[] {
  try {
    const parsed = JSON.parse(body ?? '') as { errors?: { existing_puids?: unknown } };
    const list = parsed.errors?.existing_puids;
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Sends every pending statement in batches of at most 100, with a Bearer token, retrying as
 * sendWithRetry does. A batch the database takes is marked accepted; platform ids it says it
 * already holds count as accepted too and the rest of that batch is sent again. Anything else
 * leaves the statements pending with the error recorded, and stops the run.
 */
export async function sendPendingStatements(db: Kysely<Database>, endpoint: DsaEndpoint, options: { retry?: RetryPolicy; actor?: string } = {}): Promise<Omit<DsaPostReport, 'queued' | 'invalid'>> {
  const actor = options.actor ?? 'cli';
  const url = `${endpoint.url.replace(/\/+$/, '')}/statements`;
  let accepted = 0;
  let alreadyThere = 0;
  let error: string | null = null;
  let cursor: { createdAt: Date; requestId: number } | null = null;
  for (;;) {
    let query = db.selectFrom('dsa_statement_exports').select(['request_id', 'puid', 'statement', 'created_at']).where('state', '=', 'pending');
    if (cursor) {
      const { createdAt, requestId } = cursor;
      query = query.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('request_id', '>', requestId)])]));
    }
    const batch = await query.orderBy('created_at').orderBy('request_id').limit(BATCH_SIZE).execute();
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!;
    cursor = { createdAt: last.created_at, requestId: Number(last.request_id) };
    let remaining = batch;
    while (remaining.length > 0) {
      const statements = remaining.map((row) => (typeof row.statement === 'string' ? JSON.parse(row.statement) : row.statement));
      const outcome = await sendWithRetry(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${endpoint.token}`, accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ statements }),
        },
        options.retry ?? DEFAULT_RETRY,
      );
      const puids = remaining.map((row) => row.puid);
      if (outcome.ok && outcome.status >= 200 && outcome.status < 300) {
        accepted += await markAccepted(db, puids, actor, 'created');
        remaining = [];
      } else if (outcome.ok && outcome.status === 422 && existingPuids(outcome.body).some((puid) => puids.includes(puid))) {
        const existing = new Set(existingPuids(outcome.body));
        alreadyThere += await markAccepted(db, puids.filter((puid) => existing.has(puid)), actor, 'existing');
        remaining = remaining.filter((row) => !existing.has(row.puid));
      } else {
        error = outcome.ok ? `HTTP ${outcome.status}: ${outcome.body.slice(0, 500)}` : `${outcome.error}${outcome.body ? `: ${outcome.body.slice(0, 500)}` : ''}`;
        await markFailed(db, puids, error);
        break;
      }
    }
    if (error) break;
  }
  const pending = await db.selectFrom('dsa_statement_exports').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return { accepted, alreadyThere, pending: Number(pending.count), error };
}

/** One run of the export: queue what is owed, then send what is pending. */
export async function exportStatementsOnce(
  db: Kysely<Database>,
  endpoint: DsaEndpoint,
  options: { since?: Date; retry?: RetryPolicy; actor?: string } = {},
): Promise<DsaPostReport> {
  const { queued, invalid } = await queueStatements(db, options);
  const sent = await sendPendingStatements(db, endpoint, options);
  return { queued, invalid, ...sent };
}

import { sql, type Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { computeReport } from './compute-report.ts';
import { parsePeriod } from './period.ts';
import { isComplete } from './periods.ts';
import { sealReport, type Snapshot } from './snapshots.ts';

/** A period still running cannot be published: its figures would change after the fact. */
export class PeriodNotCompleteError extends DomainError {
  constructor(readonly periodId: string, readonly end: string) {
    super('transparency-error-period-not-complete', [periodId, end], `${periodId} runs until ${end}; only a period that has ended can be published`);
  }
}

// Any constant shared by every Candor process: serialises the publications of one period.
const PUBLISH_LOCK_KEY = 7_204_377;

/**
 * Freezes a period's report as it stands into the next version of its snapshot, with the audit
 * event, in one transaction. Only a period that has ended may be published; publishing again
 * adds a version and keeps the earlier ones.
 */
export async function publishSnapshot(db: Kysely<Database>, periodId: string, staffUserId: number, now = new Date()): Promise<Snapshot> {
  const period = parsePeriod(periodId);
  if (!isComplete(period, now)) throw new PeriodNotCompleteError(period.id, period.end);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_KEY}::int, hashtext(${period.id}::text))`.execute(trx);
    const report = await computeReport(trx, period);
    const { text, sha256 } = sealReport(report);
    const last = await trx.selectFrom('transparency_snapshots').select((eb) => eb.fn.max('version').as('version')).where('period_id', '=', period.id).executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    const row = await trx
      .insertInto('transparency_snapshots')
      .values({ period_id: period.id, version, report: text, sha256, published_at: now, published_by: staffUserId })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      actor: `staff:${staffUserId}`,
      action: 'transparency.published',
      subjectType: 'transparency_snapshot',
      subjectId: Number(row.id),
      payload: { period: period.id, version, sha256 },
      occurredAt: now,
    });
    return { id: Number(row.id), periodId: period.id, version, text, report, sha256, publishedAt: now, publishedBy: staffUserId };
  });
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { OPEN_STATES, isOpen } from '../desk/deadlines.ts';
import { FINISHED_STATES } from '../assistance/model.ts';
import { DESK_KINDS, type DeskKind } from '../requests/model.ts';
import { anonymiseCase, anonymiseQuarantined, anonymiseRequest } from './anonymise.ts';
import { cutoff, retentionPeriods, type RetentionRecord } from './periods.ts';

/** A record whose personal data is due to go: finished before its kind's cut-off and not yet anonymised. */
export interface DueRecord {
  record: RetentionRecord;
  id: number;
  /** The request's or case's reference; for quarantined mail, its number. */
  reference: string;
  finishedAt: Date;
  months: number;
}

export interface RetentionRound {
  asOf: Date;
  due: DueRecord[];
  /** How many are due in all (`due` lists at most `limit` of them). */
  total: number;
  anonymised: number;
}

const DEFAULT_LIMIT = 500;

/** When a request's matter finished: its decision, or its last change for one closed or withdrawn without a decision. */
const requestFinished = sql<Date>`COALESCE(decided_at, updated_at)`;

/** The records due as of `asOf`, oldest first, at most `limit` of them, and how many there are in all. */
export async function dueRecords(db: Kysely<Database>, asOf: Date, limit = DEFAULT_LIMIT): Promise<{ due: DueRecord[]; total: number }> {
  const periods = await retentionPeriods(db);
  const due: DueRecord[] = [];
  let total = 0;
  const kinds = DESK_KINDS.filter((kind) => periods[kind] !== null);
  for (const kind of kinds) {
    const months = periods[kind]!;
    const before = cutoff(asOf, months);
    const base = db
      .selectFrom('requests')
      .where('kind', '=', kind)
      .where('anonymised_at', 'is', null)
      .where('state', 'not in', OPEN_STATES)
      .where(requestFinished, '<=', before);
    total += Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.select(['id', 'reference', requestFinished.as('finished_at')]).orderBy(requestFinished).orderBy('id').limit(limit).execute();
    due.push(...rows.map((row) => ({ record: kind as DeskKind, id: Number(row.id), reference: row.reference, finishedAt: new Date(row.finished_at), months })));
  }
  if (periods.assistance_case !== null) {
    const months = periods.assistance_case;
    const base = db
      .selectFrom('assistance_cases')
      .where('anonymised_at', 'is', null)
      .where('state', 'in', FINISHED_STATES)
      .where('updated_at', '<=', cutoff(asOf, months));
    total += Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.select(['id', 'reference', 'updated_at']).orderBy('updated_at').orderBy('id').limit(limit).execute();
    due.push(...rows.map((row) => ({ record: 'assistance_case' as const, id: Number(row.id), reference: row.reference, finishedAt: new Date(row.updated_at), months })));
  }
  if (periods.mail_quarantine !== null) {
    const months = periods.mail_quarantine;
    const base = db
      .selectFrom('mail_quarantine')
      .where('anonymised_at', 'is', null)
      .where('resolution', '=', 'dismissed')
      .where('resolved_at', '<=', cutoff(asOf, months));
    total += Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.select(['id', 'resolved_at']).orderBy('resolved_at').orderBy('id').limit(limit).execute();
    due.push(...rows.map((row) => ({ record: 'mail_quarantine' as const, id: Number(row.id), reference: `Q-${row.id}`, finishedAt: new Date(row.resolved_at!), months })));
  }
  due.sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || a.id - b.id);
  return { due: due.slice(0, limit), total };
}

/**
 * One round of retention as of `now`: anonymises every record due, each in a transaction of its
 * own that locks the record first and skips one another process holds (FOR UPDATE SKIP LOCKED)
 * and one already anonymised, so that several Candor processes never anonymise a record twice and
 * a crash loses nothing but the round's remainder, which the next round takes. `dryRun` only lists.
 */
export async function runRetention(db: Kysely<Database>, now: Date, options: { dryRun?: boolean; actor?: string; limit?: number } = {}): Promise<RetentionRound> {
  const actor = options.actor ?? 'system:retention';
  let anonymised = 0;
  let round = await dueRecords(db, now, options.limit);
  const listed = round.due;
  const total = round.total;
  if (options.dryRun) return { asOf: now, due: listed, total, anonymised };
  // Rounds of `limit` until nothing is due, so that one run clears a backlog.
  for (;;) {
    let progressed = 0;
    for (const due of round.due) {
      const done = await db.transaction().execute(async (trx) => {
        // Decided again under the lock, with the periods as they stand now: the record may have
        // been reopened, or its period lengthened, since it was listed.
        const months = (await retentionPeriods(trx))[due.record];
        if (months === null) return false;
        const before = cutoff(now, months);
        const context = { now, actor, months };
        if (due.record === 'assistance_case') {
          const record = await trx.selectFrom('assistance_cases').selectAll().where('id', '=', due.id).where('anonymised_at', 'is', null).forUpdate().skipLocked().executeTakeFirst();
          if (!record || !FINISHED_STATES.includes(record.state) || record.updated_at > before) return false;
          await anonymiseCase(trx, record, context);
          return true;
        }
        if (due.record === 'mail_quarantine') {
          const row = await trx.selectFrom('mail_quarantine').select(['id', 'resolution', 'resolved_at']).where('id', '=', due.id).where('anonymised_at', 'is', null).forUpdate().skipLocked().executeTakeFirst();
          if (!row || row.resolution !== 'dismissed' || !row.resolved_at || row.resolved_at > before) return false;
          await anonymiseQuarantined(trx, due.id, context);
          return true;
        }
        const request = await trx.selectFrom('requests').selectAll().where('id', '=', due.id).where('anonymised_at', 'is', null).forUpdate().skipLocked().executeTakeFirst();
        if (!request || isOpen(request.state) || request.kind !== due.record || (request.decided_at ?? request.updated_at) > before) return false;
        await anonymiseRequest(trx, request, context);
        return true;
      });
      if (done) progressed++;
    }
    anonymised += progressed;
    if (progressed === 0 || round.total <= round.due.length) break;
    round = await dueRecords(db, now, options.limit);
  }
  return { asOf: now, due: listed, total, anonymised };
}

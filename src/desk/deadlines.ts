import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { DESK_KINDS, type DeskKind } from '../requests/model.ts';
import { appendEvent } from '../audit/append-events.ts';

/** States in which a request still has a deadline to meet. */
export const OPEN_STATES = ['received', 'triage', 'in_review', 'waiting'] as const;

/** Whether a request in this state still awaits its decision. */
export function isOpen(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/**
 * The deadline of a request (alias `r`, joined with its kind's row as `d`): received time plus
 * the kind's hours, plus every pause spent waiting on the requester, the current one included.
 */
export function deadlineSql(now: Date): RawBuilder<Date> {
  return sql<Date>`(r.received_at + make_interval(hours => d.hours) + r.deadline_paused
    + CASE WHEN r.waiting_since IS NOT NULL THEN greatest(${now}::timestamptz - r.waiting_since, interval '0') ELSE interval '0' END)`;
}

export type DeadlineStatus = 'overdue' | 'soon' | 'ok' | 'none';

/**
 * How a deadline stands: overdue once past; due soon within the last fifth of its time or the
 * last 24 hours, whichever is longer; none for requests no longer open.
 */
export function deadlineStatus(deadline: Date | null, hours: number, open: boolean, now = new Date()): DeadlineStatus {
  if (!open || !deadline) return 'none';
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= Math.max(24 * 3_600_000, hours * 3_600_000 * 0.2) ? 'soon' : 'ok';
}

/** The deadline of every kind, for the queue's legend and the settings page. */
export async function kindDeadlines(db: Kysely<Database>): Promise<Map<DeskKind, { hours: number; basis: 'statutory' | 'internal' }>> {
  const rows = await db.selectFrom('kind_deadlines').select(['kind', 'hours', 'basis']).execute();
  return new Map(rows.map((row) => [row.kind, { hours: row.hours, basis: row.basis }]));
}

/** Changes the deadlines of some kinds, audited. Hours from 1 to a year. */
export async function setKindDeadlines(db: Kysely<Database>, values: Record<string, { hours: string; basis: string }>, actor: string): Promise<void> {
  const issues: FieldIssue[] = [];
  const parsed: { kind: DeskKind; hours: number; basis: 'statutory' | 'internal' }[] = [];
  for (const kind of DESK_KINDS) {
    const value = values[kind];
    if (!value) continue;
    const hours = Number(value.hours);
    if (!/^\d+$/.test(value.hours.trim()) || hours < 1 || hours > 8760) {
      issues.push({ field: `hours_${kind}`, message: 'must be a whole number of hours from 1 to 8760', code: 'desk-error-deadline-hours' });
      continue;
    }
    if (value.basis !== 'statutory' && value.basis !== 'internal') {
      issues.push({ field: `basis_${kind}`, message: 'must be statutory or internal', code: 'desk-error-deadline-basis' });
      continue;
    }
    parsed.push({ kind, hours, basis: value.basis });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    for (const row of parsed) {
      const before = await trx.selectFrom('kind_deadlines').select(['hours', 'basis']).where('kind', '=', row.kind).executeTakeFirst();
      if (before && before.hours === row.hours && before.basis === row.basis) continue;
      await trx
        .insertInto('kind_deadlines')
        .values({ ...row, updated_at: new Date() })
        .onConflict((conflict) => conflict.column('kind').doUpdateSet({ hours: row.hours, basis: row.basis, updated_at: new Date() }))
        .execute();
      await appendEvent(trx, { actor, action: 'deadline.changed', subjectType: 'kind_deadline', subjectId: null, payload: { kind: row.kind, from: before ?? null, to: { hours: row.hours, basis: row.basis } } });
    }
  });
}

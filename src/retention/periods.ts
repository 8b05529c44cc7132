import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { DESK_KINDS } from '../requests/model.ts';

/**
 * The kinds of record retention knows: requests of each kind (messages to a person among them),
 * contributors' requests for legal help, and quarantined mail that was dismissed. (Newsletter sign-ups never confirmed go after
 * 30 days, always; they are no matter of policy.)
 */
export const RETENTION_RECORDS = [...DESK_KINDS, 'assistance_case', 'mail_quarantine'] as const;
export type RetentionRecord = (typeof RETENTION_RECORDS)[number];

/**
 * How long personal data is kept once a matter is finished, unless the organisation sets
 * otherwise: three years for requests (the usual limitation period for claims that may follow a
 * decision), six for legal help (court cases run long), three months for dismissed mail.
 */
export const DEFAULT_MONTHS: Record<RetentionRecord, number> = {
  ...(Object.fromEntries(DESK_KINDS.map((kind) => [kind, 36])) as Record<(typeof DESK_KINDS)[number], number>),
  assistance_case: 72,
  mail_quarantine: 3,
};

export const MAX_MONTHS = 1200;

/** Months per kind of record; `null` keeps the personal data for as long as the record exists. */
export type RetentionPeriods = Record<RetentionRecord, number | null>;

export function isRetentionRecord(value: string): value is RetentionRecord {
  return (RETENTION_RECORDS as readonly string[]).includes(value);
}

/** The periods in force: what the organisation set, else the defaults. */
export async function retentionPeriods(db: Kysely<Database>): Promise<RetentionPeriods> {
  const rows = await db.selectFrom('retention_periods').select(['record_kind', 'months']).execute();
  const periods = { ...DEFAULT_MONTHS } as RetentionPeriods;
  for (const row of rows) if (isRetentionRecord(row.record_kind)) periods[row.record_kind] = row.months;
  return periods;
}

/**
 * Changes some periods, audited; `values` holds the form's text per kind of record: a whole
 * number of months from 1 to 1200, or empty to keep the personal data. All or nothing.
 */
export async function setRetentionPeriods(db: Kysely<Database>, values: Partial<Record<string, string>>, actor: string): Promise<void> {
  const issues: FieldIssue[] = [];
  const parsed: { record: RetentionRecord; months: number | null }[] = [];
  for (const record of RETENTION_RECORDS) {
    const value = values[record];
    if (value === undefined) continue;
    const text = value.trim();
    if (text === '') {
      parsed.push({ record, months: null });
      continue;
    }
    const months = Number(text);
    if (!/^\d+$/.test(text) || months < 1 || months > MAX_MONTHS) {
      issues.push({ field: `months_${record}`, message: `must be a whole number of months from 1 to ${MAX_MONTHS}, or empty`, code: 'retention-error-months', params: [MAX_MONTHS] });
      continue;
    }
    parsed.push({ record, months });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    const current = new Map((await trx.selectFrom('retention_periods').select(['record_kind', 'months']).forUpdate().execute()).map((row) => [row.record_kind, row.months]));
    for (const { record, months } of parsed) {
      const before = current.has(record) ? current.get(record)! : DEFAULT_MONTHS[record];
      if (before === months) continue;
      await trx
        .insertInto('retention_periods')
        .values({ record_kind: record, months, updated_by: actor, updated_at: new Date() })
        .onConflict((conflict) => conflict.column('record_kind').doUpdateSet({ months, updated_by: actor, updated_at: new Date() }))
        .execute();
      await appendEvent(trx, { actor, action: 'retention.period_changed', subjectType: 'retention_period', subjectId: null, payload: { record_kind: record, from_months: before, to_months: months } });
    }
  });
}

/** The moment before which a matter finished `months` ago or earlier: `now` less that many calendar months (UTC). */
export function cutoff(now: Date, months: number): Date {
  const date = new Date(now.getTime());
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  // The same day of the month, or the month's last day when it has fewer (31 March less one month: 28 or 29 February).
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date;
}

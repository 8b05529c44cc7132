import type { Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { CaseRecord } from './case-columns.ts';

/**
 * Fields whose values may identify or describe a person (the contributor, the people threatening
 * them, the counsel): the audit log records that they changed, never their values.
 */
const PERSONAL_FIELDS = new Set([
  'threat_description', 'authority', 'related_reference', 'contact_name', 'contact_email', 'contact_phone', 'contact_messenger',
  'eligibility_reasons', 'counsel_name', 'outcome',
]);

/** The fields staff change on a case, in the form `CaseRecord` reads them (dates `YYYY-MM-DD`, amounts as decimal text). */
export type CaseChanges = Partial<
  Pick<
    CaseRecord,
    'state' | 'eligibility' | 'eligibility_reasons' | 'eligibility_decided_at' | 'counsel_name' | 'counsel_firm' | 'counsel_referred_on' | 'funding_amount' | 'funding_currency' | 'funding_approved_on' | 'outcome'
  >
>;

function auditable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Applies a change to a case (already read and locked by the caller) and appends the audit event
 * describing it: old and new values, personal fields by name only. Fields that do not actually
 * change are left out; a change that changes nothing records nothing and returns false.
 */
export async function changeCase(trx: Transaction<Database>, current: CaseRecord, changes: CaseChanges, actor: string, action: string): Promise<boolean> {
  const diff: Record<string, unknown> = {};
  const personal: string[] = [];
  const effective: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const before = current[field as keyof CaseRecord];
    if (JSON.stringify(auditable(before)) === JSON.stringify(auditable(value))) continue;
    // A new decision date alone is not a change: it follows the decision it dates.
    if (field === 'eligibility_decided_at') continue;
    effective[field] = value;
    if (PERSONAL_FIELDS.has(field)) personal.push(field);
    else diff[field] = { from: auditable(before), to: auditable(value) };
  }
  if (Object.keys(effective).length === 0) return false;
  if (changes.eligibility_decided_at !== undefined) effective.eligibility_decided_at = changes.eligibility_decided_at;
  await trx
    .updateTable('assistance_cases')
    .set({ ...effective, updated_at: new Date() })
    .where('id', '=', current.id)
    .execute();
  await appendEvent(trx, {
    actor,
    action,
    subjectType: 'assistance_case',
    subjectId: current.id,
    payload: { reference: current.reference, changes: diff, personal_fields_changed: personal },
  });
  return true;
}

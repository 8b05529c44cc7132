import type { Kysely, Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { isCalendarDate, latestToday } from './calendar.ts';
import type { CaseRecord } from './case-columns.ts';
import { changeCase, type CaseChanges } from './change-case.ts';
import { CASE_STATES, ELIGIBILITIES, isCurrency, isRequestReference, minorUnits, type CaseState, type Eligibility } from './model.ts';
import { findCase } from './view-case.ts';

/** The console's forms on a case page; each names the fields it posts. */
export const WORK_FORMS = ['eligibility', 'counsel', 'funding', 'outcome', 'state', 'link', 'unlink'] as const;
export type WorkForm = (typeof WORK_FORMS)[number];

/** What a form posted, by field name. */
export type WorkValues = Record<string, string>;

const MAX_TEXT = 20_000;
const MAX_LINE = 300;

/** A form's problems, each keyed by the form's own field and naming its catalog message. */
class Problems {
  readonly issues: FieldIssue[] = [];
  add(field: string, code: string, params: (string | number)[] = []) {
    this.issues.push({ field, message: code, code, params });
  }
  throwIfAny() {
    if (this.issues.length > 0) throw new ValidationError(this.issues);
  }
}

function text(values: WorkValues, name: string): string {
  return values[name]?.trim() ?? '';
}

function requiredText(problems: Problems, values: WorkValues, name: string, missing: string, max = MAX_TEXT): string {
  const value = text(values, name);
  if (!value) problems.add(name, missing);
  else if (value.length > max) problems.add(name, 'assistance-work-too-long', [max]);
  return value;
}

/** A date something happened: required, real, and not after today anywhere on Earth. */
function pastDate(problems: Problems, values: WorkValues, name: string, now: Date): string {
  const value = text(values, name);
  if (!value) problems.add(name, 'assistance-work-date-required');
  else if (!isCalendarDate(value)) problems.add(name, 'assistance-work-date-invalid', [value.slice(0, 40)]);
  else if (value > latestToday(now)) problems.add(name, 'assistance-work-date-future', [value]);
  return value;
}

/** `0012.50` → `12.5`: the form the database gives back with trim_scale, so equal amounts compare equal. */
export function normalizeAmount(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${digits}.${decimals}` : digits;
}

/**
 * Reads an amount in a currency: digits with an optional decimal point, above zero, with no
 * more decimals than the currency has (EUR 2, JPY none, BHD 3). Returns the amount, or the
 * catalog message saying what is wrong with it.
 */
export function readAmount(raw: string, currency: string | null): { amount: string } | { code: string; params: (string | number)[] } {
  const value = raw.trim().replace(/[\s\u00a0\u202f_]/g, '');
  if (!value) return { code: 'assistance-work-amount-required', params: [] };
  if (!/^\d{1,16}(\.\d+)?$/.test(value)) return { code: 'assistance-work-amount-invalid', params: [raw.trim().slice(0, 40)] };
  const amount = normalizeAmount(value);
  if (!/[1-9]/.test(amount)) return { code: 'assistance-work-amount-positive', params: [] };
  if (currency) {
    const decimals = amount.split('.')[1]?.length ?? 0;
    const allowed = Math.min(minorUnits(currency), 4);
    if (decimals > allowed) return { code: allowed === 0 ? 'assistance-work-amount-whole' : 'assistance-work-amount-decimals', params: [currency, allowed] };
  }
  return { amount };
}

type Action = (trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string, now: Date) => Promise<boolean>;

async function eligibility(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string, now: Date): Promise<boolean> {
  const problems = new Problems();
  const decision = text(values, 'eligibility') as Eligibility;
  if (!ELIGIBILITIES.includes(decision)) problems.add('eligibility', 'assistance-work-invalid-eligibility');
  const reasons = text(values, 'reasons');
  if (decision !== 'pending' && !reasons) problems.add('reasons', 'assistance-work-reasons-required');
  if (reasons.length > MAX_TEXT) problems.add('reasons', 'assistance-work-too-long', [MAX_TEXT]);
  problems.throwIfAny();
  const changes: CaseChanges = { eligibility: decision, eligibility_reasons: reasons || null, eligibility_decided_at: decision === 'pending' ? null : now };
  return changeCase(trx, record, changes, actor, 'assistance_case.eligibility_recorded');
}

async function counsel(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string, now: Date): Promise<boolean> {
  const problems = new Problems();
  const name = requiredText(problems, values, 'counsel_name', 'assistance-work-counsel-name-required', MAX_LINE);
  const firm = text(values, 'counsel_firm');
  if (firm.length > MAX_LINE) problems.add('counsel_firm', 'assistance-work-too-long', [MAX_LINE]);
  const referredOn = pastDate(problems, values, 'referred_on', now);
  problems.throwIfAny();
  return changeCase(trx, record, { counsel_name: name, counsel_firm: firm || null, counsel_referred_on: referredOn }, actor, 'assistance_case.counsel_referred');
}

async function funding(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string, now: Date): Promise<boolean> {
  const problems = new Problems();
  const currency = text(values, 'currency').toUpperCase();
  if (!currency) problems.add('currency', 'assistance-work-currency-required');
  else if (!isCurrency(currency)) problems.add('currency', 'assistance-work-currency-invalid', [text(values, 'currency').slice(0, 20)]);
  const amount = readAmount(values.amount ?? '', currency && isCurrency(currency) ? currency : null);
  if ('code' in amount) problems.add('amount', amount.code, amount.params);
  const approvedOn = pastDate(problems, values, 'approved_on', now);
  if (record.eligibility !== 'eligible') problems.add('amount', 'assistance-work-funding-needs-eligible');
  problems.throwIfAny();
  return changeCase(trx, record, { funding_amount: 'amount' in amount ? amount.amount : null, funding_currency: currency, funding_approved_on: approvedOn }, actor, 'assistance_case.funding_approved');
}

async function outcome(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string): Promise<boolean> {
  const problems = new Problems();
  const value = requiredText(problems, values, 'outcome', 'assistance-work-outcome-required');
  problems.throwIfAny();
  return changeCase(trx, record, { outcome: value }, actor, 'assistance_case.outcome_recorded');
}

/** What a case must already have before it may take a state. */
const STATE_NEEDS: Partial<Record<CaseState, { met: (record: CaseRecord) => boolean; code: string }>> = {
  referred: { met: (record) => record.counsel_name !== null, code: 'assistance-work-state-needs-counsel' },
  funded: { met: (record) => record.funding_amount !== null, code: 'assistance-work-state-needs-funding' },
  declined: { met: (record) => record.eligibility === 'ineligible', code: 'assistance-work-state-needs-ineligible' },
};

async function state(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string): Promise<boolean> {
  const problems = new Problems();
  const next = text(values, 'state') as CaseState;
  if (!CASE_STATES.includes(next)) problems.add('state', 'assistance-work-invalid-state');
  else if (next !== record.state && STATE_NEEDS[next] && !STATE_NEEDS[next].met(record)) problems.add('state', STATE_NEEDS[next].code);
  problems.throwIfAny();
  return changeCase(trx, record, { state: next }, actor, 'assistance_case.state_changed');
}

async function requestOf(trx: Transaction<Database>, problems: Problems, values: WorkValues) {
  const reference = text(values, 'request_reference').toUpperCase();
  if (!reference) problems.add('request_reference', 'assistance-work-reference-required');
  else if (!isRequestReference(reference)) problems.add('request_reference', 'assistance-work-reference-invalid', [text(values, 'request_reference').slice(0, 40)]);
  problems.throwIfAny();
  const request = await trx.selectFrom('requests').select(['id', 'reference']).where('reference', '=', reference).executeTakeFirst();
  if (!request) problems.add('request_reference', 'assistance-work-request-unknown', [reference]);
  problems.throwIfAny();
  return request!;
}

async function link(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string): Promise<boolean> {
  const problems = new Problems();
  const request = await requestOf(trx, problems, values);
  const added = await trx
    .insertInto('assistance_case_requests')
    .values({ case_id: record.id, request_id: request.id, linked_by: actor })
    .onConflict((conflict) => conflict.columns(['case_id', 'request_id']).doNothing())
    .returning('request_id')
    .executeTakeFirst();
  if (!added) problems.add('request_reference', 'assistance-work-request-already-linked', [request.reference]);
  problems.throwIfAny();
  await appendEvent(trx, { actor, action: 'assistance_case.request_linked', subjectType: 'assistance_case', subjectId: record.id, payload: { reference: record.reference, request: request.reference } });
  return true;
}

async function unlink(trx: Transaction<Database>, record: CaseRecord, values: WorkValues, actor: string): Promise<boolean> {
  const problems = new Problems();
  const request = await requestOf(trx, problems, values);
  const removed = await trx.deleteFrom('assistance_case_requests').where('case_id', '=', record.id).where('request_id', '=', request.id).returning('request_id').executeTakeFirst();
  if (!removed) problems.add('request_reference', 'assistance-work-request-not-linked', [request.reference]);
  problems.throwIfAny();
  await appendEvent(trx, { actor, action: 'assistance_case.request_unlinked', subjectType: 'assistance_case', subjectId: record.id, payload: { reference: record.reference, request: request.reference } });
  return true;
}

const ACTIONS: Record<WorkForm, Action> = { eligibility, counsel, funding, outcome, state, link, unlink };

/**
 * Applies one of the case page's forms, with its audit event, in one transaction. Bad input
 * raises a ValidationError naming the form's fields, and nothing is stored. Returns whether
 * anything changed.
 */
export async function workOnCase(db: Kysely<Database>, reference: string, form: WorkForm, values: WorkValues, actor: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const record = await findCase(trx, reference, true);
    return ACTIONS[form](trx, record, values, actor, now);
  });
}

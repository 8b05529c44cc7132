import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { AwarenessSurveyRow } from '../db/tables/awareness-surveys.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { isCountryCode } from '../requests/countries.ts';

/** One survey result as the console enters it. */
export interface SurveyInput {
  country: string;
  year: number;
  shareTenths: number;
  sampleSize: number | null;
  source: string | null;
}

export const FIRST_SURVEY_YEAR = 1990;
const SOURCE_MAX = 300;
const SAMPLE_MAX = 100_000_000;

export class SurveyNotFoundError extends NotFoundError {
  constructor(id: number) {
    super('awareness-error-not-found', [id]);
  }
}

const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads a survey result from form fields (`country`, `year`, `share`, `sample_size`, `source`).
 * The share is a percentage with at most one decimal, written with a point or a comma
 * ("47.3", "47,3"), kept as tenths so that it is never rounded by a float.
 */
export function readSurveyInput(fields: Record<string, string | undefined>, now = new Date()): SurveyInput {
  const issues: FieldIssue[] = [];
  const country = clean(fields.country).toUpperCase();
  if (!country) issues.push({ field: 'country', message: 'is required', code: 'awareness-error-required' });
  else if (!isCountryCode(country)) issues.push({ field: 'country', message: 'is not an ISO 3166-1 alpha-2 code', code: 'awareness-error-country', params: [country] });
  const lastYear = now.getUTCFullYear();
  const yearText = clean(fields.year);
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!yearText) issues.push({ field: 'year', message: 'is required', code: 'awareness-error-required' });
  else if (!(year >= FIRST_SURVEY_YEAR && year <= lastYear)) issues.push({ field: 'year', message: `must be a year from ${FIRST_SURVEY_YEAR} to ${lastYear}`, code: 'awareness-error-year', params: [FIRST_SURVEY_YEAR, lastYear] });
  const shareText = clean(fields.share).replace(/\s*%$/, '');
  const shareMatch = /^(\d{1,3})(?:[.,](\d))?$/.exec(shareText);
  const shareTenths = shareMatch ? Number(shareMatch[1]) * 10 + Number(shareMatch[2] ?? 0) : NaN;
  if (!shareText) issues.push({ field: 'share', message: 'is required', code: 'awareness-error-required' });
  else if (!(shareTenths >= 0 && shareTenths <= 1000)) issues.push({ field: 'share', message: 'must be a percentage from 0 to 100 with at most one decimal', code: 'awareness-error-share' });
  const sampleText = clean(fields.sample_size).replace(/[\s,.]/g, '');
  const sampleSize = sampleText ? (/^\d{1,9}$/.test(sampleText) ? Number(sampleText) : NaN) : null;
  if (sampleSize !== null && !(sampleSize >= 1 && sampleSize <= SAMPLE_MAX)) issues.push({ field: 'sample_size', message: 'must be a whole number of people', code: 'awareness-error-sample' });
  const source = clean(fields.source) || null;
  if (source && source.length > SOURCE_MAX) issues.push({ field: 'source', message: `is longer than ${SOURCE_MAX} characters`, code: 'awareness-error-too-long', params: [SOURCE_MAX] });
  if (issues.length > 0) throw new ValidationError(issues);
  return { country, year, shareTenths, sampleSize, source };
}

const actorOf = (staff: StaffSession) => `staff:${staff.email}`;
const duplicate = (input: SurveyInput): FieldIssue => ({ field: 'year', message: `${input.country} already has a result for ${input.year}`, code: 'awareness-error-duplicate', params: [input.country, input.year] });
const payloadOf = (input: SurveyInput) => ({ country: input.country, year: input.year, share_tenths: input.shareTenths, sample_size: input.sampleSize, source: input.source });

/** Every survey result, by country and then year: the chart's and the table's order. */
export function listSurveys(db: Kysely<Database>): Promise<AwarenessSurveyRow[]> {
  return db.selectFrom('awareness_surveys').selectAll().orderBy('country').orderBy('year').execute();
}

export async function loadSurvey(db: Kysely<Database>, id: number): Promise<AwarenessSurveyRow> {
  const row = Number.isSafeInteger(id) && id > 0 ? await db.selectFrom('awareness_surveys').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new SurveyNotFoundError(id);
  return row;
}

/** Adds a result; a second one for the same country and year is refused. Audited. */
export async function addSurvey(db: Kysely<Database>, staff: StaffSession, input: SurveyInput, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('awareness_surveys').select('id').where('country', '=', input.country).where('year', '=', input.year).executeTakeFirst();
    if (existing) throw new ValidationError([duplicate(input)]);
    const row = await trx
      .insertInto('awareness_surveys')
      .values({ country: input.country, year: input.year, share_tenths: input.shareTenths, sample_size: input.sampleSize, source: input.source, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { actor: actorOf(staff), action: 'awareness.added', subjectType: 'awareness_survey', subjectId: row.id, payload: payloadOf(input), occurredAt: now });
    return row.id;
  });
}

/** Changes a result. Audited, with what it was before. */
export async function editSurvey(db: Kysely<Database>, staff: StaffSession, id: number, input: SurveyInput, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('awareness_surveys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new SurveyNotFoundError(id);
    const clash = await trx.selectFrom('awareness_surveys').select('id').where('country', '=', input.country).where('year', '=', input.year).where('id', '<>', id).executeTakeFirst();
    if (clash) throw new ValidationError([duplicate(input)]);
    await trx.updateTable('awareness_surveys').set({ country: input.country, year: input.year, share_tenths: input.shareTenths, sample_size: input.sampleSize, source: input.source, updated_at: now }).where('id', '=', id).execute();
    await appendEvent(trx, {
      actor: actorOf(staff),
      action: 'awareness.edited',
      subjectType: 'awareness_survey',
      subjectId: id,
      payload: { ...payloadOf(input), before: { country: before.country, year: before.year, share_tenths: before.share_tenths, sample_size: before.sample_size, source: before.source } },
      occurredAt: now,
    });
  });
}

/** Deletes a result; the audit event keeps what it said. */
export async function deleteSurvey(db: Kysely<Database>, staff: StaffSession, id: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('awareness_surveys').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new SurveyNotFoundError(id);
    await appendEvent(trx, { actor: actorOf(staff), action: 'awareness.deleted', subjectType: 'awareness_survey', subjectId: id, payload: { country: row.country, year: row.year, share_tenths: row.share_tenths, sample_size: row.sample_size, source: row.source }, occurredAt: now });
  });
}

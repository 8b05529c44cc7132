import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { Answer, RequestEvaluationRow } from '../db/tables/desk.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { RequestClosedError, staffActor, assertLegalDemand } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

/** The questions of the evaluation, in the order counsel answers them. */
export const QUESTIONS = [
  { key: 'valid_and_complete', notes: 'valid_notes', answers: ['yes', 'no', 'unclear'] },
  { key: 'must_act', notes: 'must_act_notes', answers: ['yes', 'no', 'unclear'] },
  { key: 'harms_rights', notes: 'harms_notes', answers: ['yes', 'no', 'unclear'] },
  { key: 'authority_competent', notes: 'authority_notes', answers: ['yes', 'no', 'unclear', 'not_applicable'] },
] as const;

export type EvaluationInput = Record<(typeof QUESTIONS)[number]['key'] | (typeof QUESTIONS)[number]['notes'], string | undefined>;

const NOTES_MAX = 5_000;

/**
 * Records the structured evaluation: is the demand legally valid and complete; must the
 * organisation act under the law that applies to it; would acting harm users' rights or the
 * public interest; for orders, is the issuing authority competent. Each answer may carry its
 * reasoning. Audited with the answers (the reasoning by name only, as it may quote people).
 */
export async function recordEvaluation(db: Kysely<Database>, staff: StaffSession, reference: string, input: EvaluationInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const values: Record<string, string | null> = {};
  for (const question of QUESTIONS) {
    const answer = input[question.key];
    if (!answer || !(question.answers as readonly string[]).includes(answer)) {
      issues.push({ field: question.key, message: 'needs an answer', code: 'desk-error-answer-required' });
    } else values[question.key] = answer;
    const notes = (input[question.notes] ?? '').replace(/\r\n/g, '\n').trim();
    if (notes.length > NOTES_MAX) issues.push({ field: question.notes, message: `is longer than ${NOTES_MAX} characters`, code: 'desk-error-too-long', params: [NOTES_MAX] });
    values[question.notes] = notes || null;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    assertLegalDemand(request, 'valid_and_complete');
    if (request.state === 'closed' || request.state === 'withdrawn') throw new RequestClosedError(request.reference);
    const before = await trx.selectFrom('request_evaluations').selectAll().where('request_id', '=', request.id).executeTakeFirst();
    const row = {
      request_id: request.id,
      valid_and_complete: values.valid_and_complete as Answer,
      valid_notes: values.valid_notes ?? null,
      must_act: values.must_act as Answer,
      must_act_notes: values.must_act_notes ?? null,
      harms_rights: values.harms_rights as Answer,
      harms_notes: values.harms_notes ?? null,
      authority_competent: values.authority_competent as RequestEvaluationRow['authority_competent'],
      authority_notes: values.authority_notes ?? null,
      evaluated_by: staff.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('request_evaluations')
      .values(row)
      .onConflict((conflict) => conflict.column('request_id').doUpdateSet(row))
      .execute();
    const answers = Object.fromEntries(QUESTIONS.map((q) => [q.key, { from: before?.[q.key] ?? null, to: row[q.key] }]));
    const notesChanged = QUESTIONS.filter((q) => (before?.[q.notes] ?? null) !== row[q.notes]).map((q) => q.notes);
    await appendEvent(trx, { actor: staffActor(staff), action: 'request.evaluated', subjectType: 'request', subjectId: request.id, payload: { reference: request.reference, answers, notes_changed: notesChanged } });
  });
}

/** A request's evaluation, if there is one. */
export async function findEvaluation(db: Kysely<Database>, requestId: number): Promise<RequestEvaluationRow | undefined> {
  return db.selectFrom('request_evaluations').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

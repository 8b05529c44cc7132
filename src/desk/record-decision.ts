import type { Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import { requireStepUp } from '../auth/step-up.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { prepareNoticeDraft } from '../notices/prepare-draft.ts';
import { changeRequest } from '../requests/change-request.ts';
import { OUTCOMES, type Outcome } from '../requests/model.ts';
import { RequestClosedError, staffActor, assertLegalDemand } from './errors.ts';
import { isOpen } from './deadlines.ts';
import { findRequestForStaff } from './find-request.ts';
import { applyWaitingPause } from './move-request.ts';

/** Outcomes a decision may record; withdrawal is the requester's act, recorded as a move. */
export const DECISION_OUTCOMES = OUTCOMES.filter((outcome) => outcome !== 'withdrawn');

export interface DecisionInput {
  outcome: string | undefined;
  rationale: string | undefined;
  /** For user-data requests: accounts whose data is produced. */
  accountsActuallyAffected?: string;
}

const RATIONALE_MAX = 20_000;

/** Whether recording this outcome for this kind discloses users' data (and so needs a fresh second factor). */
export function disclosesUserData(kind: string, outcome: string | undefined): boolean {
  return kind === 'user_data' && (outcome === 'granted' || outcome === 'partially_granted');
}

/**
 * Records the decision on a request with its rationale. A decision on the merits needs the
 * evaluation first (a request found not actionable does not). For user data, `granted` means
 * produced in full and `partially_granted` in part; the accounts actually affected are recorded
 * with it. Audited; the request moves to `decided`, and the draft of its public notice is prepared.
 */
export async function recordDecision(db: Kysely<Database>, staff: StaffSession, reference: string, input: DecisionInput, now = new Date()): Promise<void> {
  const issues: FieldIssue[] = [];
  const outcome = input.outcome as Outcome | undefined;
  if (!outcome || !(DECISION_OUTCOMES as readonly string[]).includes(outcome)) issues.push({ field: 'outcome', message: 'choose an outcome', code: 'desk-error-outcome' });
  const rationale = (input.rationale ?? '').replace(/\r\n/g, '\n').trim();
  if (!rationale) issues.push({ field: 'rationale', message: 'every decision carries its rationale', code: 'desk-error-rationale' });
  else if (rationale.length > RATIONALE_MAX) issues.push({ field: 'rationale', message: `is longer than ${RATIONALE_MAX} characters`, code: 'desk-error-too-long', params: [RATIONALE_MAX] });
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    assertLegalDemand(request, 'outcome');
    // Producing users' data needs the second factor entered within the last minutes.
    if (disclosesUserData(request.kind, input.outcome)) requireStepUp(staff, now);
    if (!isOpen(request.state)) throw new RequestClosedError(request.reference);
    let actuallyAffected: number | undefined;
    if (request.kind === 'user_data' && input.accountsActuallyAffected !== undefined && input.accountsActuallyAffected.trim() !== '') {
      const value = input.accountsActuallyAffected.trim();
      actuallyAffected = Number(value);
      if (!/^\d{1,9}$/.test(value)) issues.push({ field: 'accounts_actually_affected', message: 'must be a whole number', code: 'desk-error-count' });
      else if (outcome === 'denied' && actuallyAffected > 0) issues.push({ field: 'accounts_actually_affected', message: 'must be 0 when nothing is produced', code: 'desk-error-count-denied' });
    }
    if (outcome && outcome !== 'not_actionable') {
      const evaluated = await trx.selectFrom('request_evaluations').select('request_id').where('request_id', '=', request.id).executeTakeFirst();
      if (!evaluated) issues.push({ field: 'outcome', message: 'record the evaluation before deciding on the merits', code: 'desk-error-evaluate-first' });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    await applyWaitingPause(trx, request, 'decided', now);
    await changeRequest(
      trx,
      request.id,
      { state: 'decided', outcome: outcome!, rationale, decided_at: now, ...(actuallyAffected !== undefined ? { accounts_actually_affected: actuallyAffected } : {}) },
      staffActor(staff),
      'request.decided',
    );
    // The redacted public notice is prepared with the decision, for counsel to review and publish.
    await prepareNoticeDraft(trx, request.id, staffActor(staff), now);
  });
}

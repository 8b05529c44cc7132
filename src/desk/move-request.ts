import { sql, type Kysely, type Transaction } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { changeRequest } from '../requests/change-request.ts';
import type { DeskKind, State } from '../requests/model.ts';
import { NotAllowedError, RequestClosedError, TransitionError, staffActor } from './errors.ts';
import { canDecideRequest } from './policy.ts';
import { findRequestForStaff } from './find-request.ts';

/**
 * The lifecycle: received → triage → in review ⇄ waiting on the requester → decided → closed,
 * or withdrawn from any open state. Deciding goes through recordDecision, which needs a rationale.
 */
const MOVES: Record<State, readonly State[]> = {
  received: ['triage', 'in_review', 'withdrawn'],
  triage: ['in_review', 'withdrawn'],
  in_review: ['waiting', 'withdrawn'],
  waiting: ['in_review', 'withdrawn'],
  decided: ['closed', 'in_review'],
  closed: [],
  withdrawn: [],
};

/**
 * A contact message is answered, not decided: from any open state it may be closed, and it is
 * never withdrawn (the person who wrote simply stops writing).
 */
const CONTACT_MOVES: Record<State, readonly State[]> = {
  received: ['triage', 'in_review', 'closed'],
  triage: ['in_review', 'closed'],
  in_review: ['waiting', 'closed'],
  waiting: ['in_review', 'closed'],
  decided: ['closed', 'in_review'],
  closed: [],
  withdrawn: [],
};

/** The states a request of a kind may be moved to by hand from its current one. */
export function nextStates(state: State, kind: DeskKind): readonly State[] {
  return (kind === 'contact' ? CONTACT_MOVES : MOVES)[state];
}

/**
 * Leaves or enters the waiting state's pause inside the caller's transaction: entering notes the
 * time; leaving adds the time spent waiting to the deadline.
 */
export async function applyWaitingPause(trx: Transaction<Database>, request: RequestRow, to: State, now: Date): Promise<void> {
  if (to === 'waiting' && !request.waiting_since) {
    await trx.updateTable('requests').set({ waiting_since: now }).where('id', '=', request.id).execute();
  } else if (to !== 'waiting' && request.waiting_since) {
    await trx
      .updateTable('requests')
      .set({
        deadline_paused: sql`deadline_paused + greatest(${now}::timestamptz - waiting_since, interval '0')`,
        waiting_since: null,
      })
      .where('id', '=', request.id)
      .execute();
  }
}

/** Moves a request along its lifecycle, audited; withdrawing records the outcome `withdrawn`; reopening a decision clears it. */
export async function moveRequest(db: Kysely<Database>, staff: StaffSession, reference: string, to: State, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    if (request.state === 'closed' || request.state === 'withdrawn') throw new RequestClosedError(request.reference);
    if (!nextStates(request.state, request.kind).includes(to)) throw new TransitionError(request.state, to);
    // Reopening a decision undoes it: only those who may decide may do that.
    if (request.state === 'decided' && to === 'in_review' && !canDecideRequest(staff, request)) throw new NotAllowedError();
    await applyWaitingPause(trx, request, to, now);
    const changes = to === 'withdrawn' ? { state: to, outcome: 'withdrawn' as const, decided_at: now } : to === 'in_review' && request.state === 'decided' ? { state: to, outcome: null, decided_at: null } : { state: to };
    await changeRequest(trx, request.id, changes, staffActor(staff), `request.moved.${to}`);
  });
}

import type { Kysely, Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { DeskKind, State } from '../requests/model.ts';
import { selectCases, type CaseRecord } from './case-columns.ts';

/** A request linked to a case, as its page lists it. */
export interface LinkedRequest {
  id: number;
  reference: string;
  kind: DeskKind;
  state: State;
  received_at: Date;
  linked_at: Date;
  linked_by: string;
}

/** One entry of a case's history: who did what, and which fields changed (never their personal values). */
export interface CaseEvent {
  id: number;
  occurred_at: Date;
  actor: string;
  action: string;
  payload: Record<string, unknown>;
}

/** Everything a case page shows. */
export interface CaseView {
  record: CaseRecord;
  requests: LinkedRequest[];
  history: CaseEvent[];
  views: number;
  mail: { id: number; subject: string; status: string; created_at: Date; sent_at: Date | null }[];
}

export class CaseNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('assistance-error-case-not-found', [reference.slice(0, 40)]);
  }
}

/** Finds a case by its reference, locking it when the caller is about to change it. */
export async function findCase(trx: Transaction<Database>, reference: string, lock = false): Promise<CaseRecord> {
  let query = selectCases(trx).where('reference', '=', reference);
  if (lock) query = query.forUpdate();
  const record = await query.executeTakeFirst();
  if (!record) throw new CaseNotFoundError(reference);
  return record as CaseRecord;
}

async function readCase(trx: Transaction<Database>, reference: string): Promise<CaseView> {
  const record = await findCase(trx, reference);
  const requests = await trx
    .selectFrom('assistance_case_requests as link')
    .innerJoin('requests', 'requests.id', 'link.request_id')
    .select(['requests.id', 'requests.reference', 'requests.kind', 'requests.state', 'requests.received_at', 'link.linked_at', 'link.linked_by'])
    .where('link.case_id', '=', record.id)
    .orderBy('link.linked_at')
    .execute();
  const events = await trx
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor', 'action', 'payload'])
    .where('subject_type', '=', 'assistance_case')
    .where('subject_id', '=', record.id)
    .orderBy('id')
    .execute();
  const mail = await trx
    .selectFrom('outbox')
    .select(['id', 'subject', 'status', 'created_at', 'sent_at'])
    .where('assistance_case_id', '=', record.id)
    .orderBy('id')
    .execute();
  const history = events.filter((event) => event.action !== 'assistance_case.viewed').map((event) => ({ ...event, payload: event.payload as Record<string, unknown> }));
  return { record, requests, history, views: events.length - history.length, mail };
}

/**
 * Reads a case for a member of staff and records that they saw it, in one transaction: the
 * contact data and the story of a threatened contributor are never shown without a trace.
 */
export async function viewCase(db: Kysely<Database>, reference: string, actor: string): Promise<CaseView> {
  return db.transaction().execute(async (trx) => {
    const view = await readCase(trx, reference);
    await appendEvent(trx, {
      actor,
      action: 'assistance_case.viewed',
      subjectType: 'assistance_case',
      subjectId: view.record.id,
      payload: { reference: view.record.reference },
    });
    return view;
  });
}

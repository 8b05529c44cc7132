import { sql, type Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { RequestEvaluationRow } from '../db/tables/desk.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { deadlineSql, deadlineStatus, isOpen, type DeadlineStatus } from './deadlines.ts';
import { findRequestForStaff } from './find-request.ts';

/** One entry of a request's timeline: an audit event, in the order the chain recorded it. */
export interface TimelineEvent {
  id: number;
  occurredAt: Date;
  actor: string;
  action: string;
  payload: Record<string, unknown>;
}

/** Everything the request page shows, loaded for a member of staff who may see the request. */
export interface DeskRequest {
  request: RequestRow;
  deadline: Date | null;
  deadlineHours: number;
  deadlineStatus: DeadlineStatus;
  assignee: { id: number; name: string } | null;
  parties: { role: string; name: string | null; organization: string | null; email: string | null; address: string | null; country: string | null }[];
  targets: { target_type: string; url: string | null; project: string | null; account: string | null }[];
  attachments: { id: number; filename: string; content_type: string; size_bytes: number; sha256: string }[];
  messages: { id: number; direction: string; subject: string | null; from_address: string | null; body_text: string | null; received_at: Date }[];
  notes: { id: number; body: string; created_at: Date; author: string }[];
  outbox: { id: number; to_address: string; subject: string; body_text: string; language: string; status: string; created_at: Date; sent_at: Date | null }[];
  evaluation: (RequestEvaluationRow & { evaluator: string }) | undefined;
  notifications: { id: number; account: string; status: string; barred_reason: string | null; created_at: Date; outbox_id: number | null }[];
  duplicateOf: { reference: string } | null;
  duplicates: { reference: string; received_at: Date }[];
  counterNoticeTo: { reference: string } | null;
  counterNotices: { reference: string; received_at: Date }[];
  timeline: TimelineEvent[];
}

const name = sql<string>`coalesce(u.display_name, u.email)`;

/** Loads a request and all that belongs to it for its console page. */
export async function loadDeskRequest(db: Kysely<Database>, staff: StaffSession, reference: string, now = new Date()): Promise<DeskRequest> {
  const request = await findRequestForStaff(db, staff, reference);
  const id = request.id;
  const deadline = await db
    .selectFrom('requests as r')
    .innerJoin('kind_deadlines as d', 'd.kind', 'r.kind')
    .select([deadlineSql(now).as('deadline'), 'd.hours'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  const open = isOpen(request.state);
  const deadlineAt = open && deadline ? new Date(deadline.deadline) : null;
  const assignee = request.assignee_id
    ? await db.selectFrom('staff_users as u').select(['u.id', name.as('name')]).where('u.id', '=', request.assignee_id).executeTakeFirst()
    : undefined;
  const [parties, targets, attachments, messages, notes, outbox, evaluation, notifications, duplicates, counterNotices, timeline] = await Promise.all([
    db.selectFrom('request_parties').select(['role', 'name', 'organization', 'email', 'address', 'country']).where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('request_targets').select(['target_type', 'url', 'project', 'account']).where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('request_attachments').select(['id', 'filename', 'content_type', 'size_bytes', 'sha256']).where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('request_messages').select(['id', 'direction', 'subject', 'from_address', 'body_text', 'received_at']).where('request_id', '=', id).orderBy('received_at').orderBy('id').execute(),
    db.selectFrom('request_notes as n').innerJoin('staff_users as u', 'u.id', 'n.author_id').select(['n.id', 'n.body', 'n.created_at', name.as('author')]).where('n.request_id', '=', id).orderBy('n.id').execute(),
    db.selectFrom('outbox').select(['id', 'to_address', 'subject', 'body_text', 'language', 'status', 'created_at', 'sent_at']).where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('request_evaluations as e').innerJoin('staff_users as u', 'u.id', 'e.evaluated_by').selectAll('e').select(name.as('evaluator')).where('e.request_id', '=', id).executeTakeFirst(),
    db.selectFrom('request_notifications').select(['id', 'account', 'status', 'barred_reason', 'created_at', 'outbox_id']).where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('requests').select(['reference', 'received_at']).where('duplicate_of_id', '=', id).orderBy('received_at').execute(),
    db.selectFrom('requests').select(['reference', 'received_at']).where('counter_notice_to_id', '=', id).orderBy('received_at').execute(),
    db.selectFrom('audit_events').select(['id', 'occurred_at', 'actor', 'action', 'payload']).where('subject_type', '=', 'request').where('subject_id', '=', id).orderBy('id').execute(),
  ]);
  const referenceOf = async (other: number | null) => (other ? ((await db.selectFrom('requests').select('reference').where('id', '=', other).executeTakeFirst()) ?? null) : null);
  return {
    request,
    deadline: deadlineAt,
    deadlineHours: deadline?.hours ?? 0,
    deadlineStatus: deadlineStatus(deadlineAt, deadline?.hours ?? 0, open, now),
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    parties,
    targets,
    attachments,
    messages,
    notes,
    outbox,
    evaluation,
    notifications,
    duplicateOf: await referenceOf(request.duplicate_of_id),
    duplicates,
    counterNoticeTo: await referenceOf(request.counter_notice_to_id),
    counterNotices,
    timeline: timeline.map((event) => ({ id: event.id, occurredAt: event.occurred_at, actor: event.actor, action: event.action, payload: event.payload as Record<string, unknown> })),
  };
}

import type { Generated, Selectable } from 'kysely';
import type { DeskKind } from '../../requests/model.ts';

/** How long the desk has for a request of each kind, counted from its receipt, paused while waiting. */
export interface KindDeadlinesTable {
  kind: DeskKind;
  hours: number;
  /** `statutory` when a law sets it, `internal` when the organisation does. */
  basis: 'statutory' | 'internal';
  updated_at: Generated<Date>;
}

/** A note staff keep about a request. Never sent to anyone. */
export interface RequestNotesTable {
  id: Generated<number>;
  request_id: number;
  author_id: number;
  body: string;
  created_at: Generated<Date>;
}

export type Answer = 'yes' | 'no' | 'unclear';

/** The structured evaluation of a request: the questions counsel answers before deciding. */
export interface RequestEvaluationsTable {
  request_id: number;
  valid_and_complete: Answer;
  valid_notes: string | null;
  must_act: Answer;
  must_act_notes: string | null;
  harms_rights: Answer;
  harms_notes: string | null;
  authority_competent: Answer | 'not_applicable';
  authority_notes: string | null;
  evaluated_by: number;
  updated_at: Generated<Date>;
}

export type RequestEvaluationRow = Selectable<RequestEvaluationsTable>;

/** A reply template in one language; `{{reference}}` and the like are filled in when it is used. */
export interface ReplyTemplatesTable {
  id: Generated<number>;
  name: string;
  language: string;
  subject: string;
  body: string;
  updated_at: Generated<Date>;
}

export type ReplyTemplateRow = Selectable<ReplyTemplatesTable>;

/** A user whose content or account a request targets: notified, or recorded as legally barred from being told. */
export interface RequestNotificationsTable {
  id: Generated<number>;
  request_id: number;
  account: string;
  status: 'queued' | 'barred';
  outbox_id: number | null;
  barred_reason: string | null;
  created_by: number;
  created_at: Generated<Date>;
}

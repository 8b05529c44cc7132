import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Channel, DeskKind, Outcome, RequesterType, State } from '../../requests/model.ts';

/** A legal demand received by the organisation: one row however many pages or users it names. */
export interface RequestsTable {
  id: Generated<number>;
  reference: string;
  external_id: string | null;
  kind: DeskKind;
  /** The ground, instrument or threat, depending on the kind; see CATEGORIES_BY_KIND. */
  category: string | null;
  channel: Channel;
  state: Generated<State>;
  outcome: Outcome | null;
  rationale: string | null;
  received_at: Date;
  decided_at: Date | null;
  requester_name: string | null;
  requester_organization: string | null;
  requester_email: string | null;
  requester_type: RequesterType | null;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  requester_country: string | null;
  /** The requester's language (BCP 47 tag), for acknowledgements and replies. */
  requester_language: string | null;
  jurisdiction: string | null;
  laws_cited: Generated<string[]>;
  original_text: string | null;
  accounts_potentially_affected: Generated<number>;
  accounts_actually_affected: Generated<number>;
  accounts_notified: Generated<number>;
  duplicate_of_id: number | null;
  counter_notice_to_id: number | null;
  /** The member of staff working on it. */
  assignee_id: number | null;
  /** Time spent waiting on the requester in earlier rounds (PostgreSQL interval, e.g. `02:00:00`). */
  deadline_paused: Generated<string>;
  /** Set while waiting on the requester: the deadline is paused since then. */
  waiting_since: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** When retention replaced its personal data; NULL while it is kept. */
  anonymised_at: Generated<Date | null>;
  /** The distinct projects of its targets, sorted: what the report counts per project. */
  projects: Generated<string[]>;
}

export type RequestRow = Selectable<RequestsTable>;
export type NewRequestRow = Insertable<RequestsTable>;
export type RequestUpdate = Updateable<RequestsTable>;

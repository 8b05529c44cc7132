import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CaseState, ContributorRole, Eligibility, ThreatKind } from '../../assistance/model.ts';

/**
 * A calendar date (`date` column). Written as `YYYY-MM-DD`; read through `caseColumns`
 * (src/assistance/case-columns.ts), which casts it to text, so no time zone ever shifts it.
 */
type CalendarDate = ColumnType<string, string, string>;

/** A contributor's request for legal help over their work on the projects: the most sensitive data Candor keeps. */
export interface AssistanceCasesTable {
  id: Generated<number>;
  /** `LA-2026-000001`. */
  reference: string;
  received_at: Generated<Date>;
  /** The contributor's preferred language, for every message to them. */
  language: string;
  state: Generated<CaseState>;
  threat_kind: ThreatKind;
  threat_description: string;
  /** ISO 3166-1 alpha-2: where the threat or case is. */
  country: string;
  /** The court or authority involved, as the contributor names it. */
  authority: string | null;
  /** The project the work was on, e.g. `en.wikipedia.org`. */
  project: string;
  contributor_role: ContributorRole;
  court_case: boolean;
  court_deadline: CalendarDate | null;
  related_urls: Generated<string[]>;
  /** A request reference the contributor gave (`CR-…`), as typed; staff link the request itself. */
  related_reference: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  contact_messenger: string | null;
  eligibility: Generated<Eligibility>;
  eligibility_reasons: string | null;
  eligibility_decided_at: Date | null;
  counsel_name: string | null;
  counsel_firm: string | null;
  counsel_referred_on: CalendarDate | null;
  /** numeric: kept and returned as a decimal string, never a float. */
  funding_amount: string | null;
  /** ISO 4217. */
  funding_currency: string | null;
  funding_approved_on: CalendarDate | null;
  outcome: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** When retention replaced its personal data; NULL while it is kept. */
  anonymised_at: Generated<Date | null>;
}

export type AssistanceCaseRow = Selectable<AssistanceCasesTable>;
export type NewAssistanceCaseRow = Insertable<AssistanceCasesTable>;
export type AssistanceCaseUpdate = Updateable<AssistanceCasesTable>;

/** A request (`requests`) related to a case, linked by staff. */
export interface AssistanceCaseRequestsTable {
  case_id: number;
  request_id: number;
  linked_at: Generated<Date>;
  /** The staff e-mail that linked it. */
  linked_by: string;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CaseState, ContributorRole, Eligibility, ThreatKind } from './model.ts';

/** A case as the console reads it: calendar dates as `YYYY-MM-DD`, the amount as a decimal string without trailing zeros. */
export interface CaseRecord {
  id: number;
  reference: string;
  received_at: Date;
  language: string;
  state: CaseState;
  threat_kind: ThreatKind;
  threat_description: string;
  country: string;
  authority: string | null;
  project: string;
  contributor_role: ContributorRole;
  court_case: boolean;
  court_deadline: string | null;
  related_urls: string[];
  related_reference: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  contact_messenger: string | null;
  eligibility: Eligibility;
  eligibility_reasons: string | null;
  eligibility_decided_at: Date | null;
  counsel_name: string | null;
  counsel_firm: string | null;
  counsel_referred_on: string | null;
  funding_amount: string | null;
  funding_currency: string | null;
  funding_approved_on: string | null;
  outcome: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Selects whole cases. Dates are cast to text in SQL: the driver would otherwise turn a `date`
 * into a local midnight and a time zone could move it by a day.
 */
export function selectCases(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom('assistance_cases')
    .select([
      'id', 'reference', 'received_at', 'language', 'state', 'threat_kind', 'threat_description', 'country', 'authority', 'project',
      'contributor_role', 'court_case', 'related_urls', 'related_reference', 'contact_name', 'contact_email', 'contact_phone',
      'contact_messenger', 'eligibility', 'eligibility_reasons', 'eligibility_decided_at', 'counsel_name', 'counsel_firm',
      'funding_currency', 'outcome', 'created_at', 'updated_at',
      sql<string | null>`court_deadline::text`.as('court_deadline'),
      sql<string | null>`counsel_referred_on::text`.as('counsel_referred_on'),
      sql<string | null>`funding_approved_on::text`.as('funding_approved_on'),
      sql<string | null>`trim_scale(funding_amount)::text`.as('funding_amount'),
    ]);
}

import type { Kind, PartyRole, RequesterType } from '../../requests/model.ts';

/**
 * What a notice sent to Lumen is made from. The text fields come already redacted from the
 * public notice pipeline; this module only arranges them in Lumen's format.
 */
export interface LumenNoticeInput {
  reference: string;
  kind: Kind;
  category: string | null;
  requesterType: RequesterType | null;
  title: string;
  subject?: string | null;
  /** Redacted text of the notice. */
  body?: string | null;
  dateSent?: Date | null;
  dateReceived: Date;
  jurisdictions: string[];
  lawsCited?: string[];
  /** Work described, the URLs of the original work (copyright) and the URLs the notice targets. */
  works: { description: string; copyrightedUrls: string[]; infringingUrls: string[] }[];
  parties: { role: PartyRole; kind: 'individual' | 'organization'; name?: string | null; countryCode?: string | null }[];
  outcome?: 'granted' | 'partially_granted' | 'denied' | null;
  language?: string | null;
}

/** A Lumen notice as its `POST /notices` takes it in JSON. */
export interface LumenNotice {
  notice: {
    type: string;
    title: string;
    subject?: string;
    body?: string;
    date_sent?: string;
    date_received: string;
    source: string;
    jurisdiction_list?: string;
    regulation_list?: string;
    action_taken?: 'Yes' | 'No' | 'Partial';
    request_type?: string;
    language?: string;
    works_attributes: { kind: string; description: string; copyrighted_urls_attributes: { url: string }[]; infringing_urls_attributes: { url: string }[] }[];
    entity_notice_roles_attributes: { name: PartyRole; entity_attributes: { name?: string; kind: 'individual' | 'organization'; country_code?: string } }[];
  };
}

/** Lumen's notice types (its API documentation's list), by what we record. */
export function lumenType(kind: Kind, category: string | null, requesterType: RequesterType | null): string {
  switch (kind) {
    case 'copyright':
      return category === 'counter_notice' ? 'Other' : 'DMCA';
    case 'content_alteration':
      if (requesterType === 'court') return 'CourtOrder';
      return ({ defamation: 'Defamation', privacy: 'PrivateInformation', erasure: 'DataProtection', trademark: 'Trademark' } as Record<string, string>)[category ?? ''] ?? 'Other';
    default:
      return 'LawEnforcementRequest';
  }
}

const REQUEST_TYPES: Record<string, string> = {
  civil_subpoena: 'Civil Subpoena',
  criminal_subpoena: 'Subpoena',
  administrative_subpoena: 'Subpoena',
  search_warrant: 'Warrant',
  court_order: 'Warrant',
  informal_government: 'Agency',
  informal_private: 'Email',
};

/** Lumen's request type of a law-enforcement notice: the instrument, or records preservation. */
function requestType(kind: Kind, category: string | null): string | undefined {
  if (kind === 'preservation') return 'Records Preservation';
  if (kind !== 'user_data' && kind !== 'emergency') return undefined;
  return REQUEST_TYPES[category ?? ''] ?? 'Agency';
}

const ACTION_TAKEN = { granted: 'Yes', partially_granted: 'Partial', denied: 'No' } as const;

/**
 * Builds the JSON Lumen takes for one notice. A private individual among the parties is sent as
 * the role and country only, never by name; organisations keep their names.
 */
export function buildLumenNotice(input: LumenNoticeInput): LumenNotice {
  const type = lumenType(input.kind, input.category, input.requesterType);
  const notice: LumenNotice['notice'] = {
    type,
    title: input.title,
    date_received: input.dateReceived.toISOString(),
    source: `Candor ${input.reference}`,
    works_attributes: input.works.map((work) => ({
      kind: input.kind === 'copyright' ? 'Unspecified' : 'Content',
      description: work.description,
      copyrighted_urls_attributes: work.copyrightedUrls.map((url) => ({ url })),
      infringing_urls_attributes: work.infringingUrls.map((url) => ({ url })),
    })),
    entity_notice_roles_attributes: input.parties.map((party) => {
      const entity: { name?: string; kind: 'individual' | 'organization'; country_code?: string } = { kind: party.kind };
      if (party.kind === 'organization' && party.name) entity.name = party.name;
      if (party.countryCode) entity.country_code = party.countryCode.toUpperCase();
      return { name: party.role, entity_attributes: entity };
    }),
  };
  if (input.subject) notice.subject = input.subject;
  if (input.body) notice.body = input.body;
  if (input.dateSent) notice.date_sent = input.dateSent.toISOString();
  if (input.jurisdictions.length > 0) notice.jurisdiction_list = input.jurisdictions.join(', ');
  if (input.lawsCited && input.lawsCited.length > 0 && (type === 'CourtOrder' || type === 'LawEnforcementRequest')) notice.regulation_list = input.lawsCited.join(', ');
  if (input.outcome) notice.action_taken = ACTION_TAKEN[input.outcome];
  const request = type === 'LawEnforcementRequest' ? requestType(input.kind, input.category) : undefined;
  if (request) notice.request_type = request;
  if (input.language) notice.language = input.language.slice(0, 2).toLowerCase();
  return { notice };
}

/**
 * The vocabulary of a request, as PRODUCT.md §1 and the transparency report count it.
 * Every list here is also enforced by a CHECK constraint in the database.
 */

export const KINDS = ['content_alteration', 'copyright', 'user_data', 'preservation', 'emergency'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * What the desk's queue holds: the legal demands above, and messages sent to a person through
 * "Contact a human" (kind `contact`). A contact message is worked like a request (assignment,
 * notes, replies, states, a deadline) but is no legal demand: the transparency report, the
 * public notices, the exports and the API leave it out, and only the desk names it.
 */
export const DESK_KINDS = [...KINDS, 'contact'] as const;
export type DeskKind = (typeof DESK_KINDS)[number];

/** What a contact message is about; stored as its category, shown and filtered in the queue. */
export const CONTACT_TOPICS = ['press', 'policy', 'legal', 'other'] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

/** Whether a stored kind is a legal demand (counted and exported), not a contact message. */
export function isLegalKind(kind: string): kind is Kind {
  return (KINDS as readonly string[]).includes(kind);
}

/** Grounds for content alteration, instruments for user data, threats for emergencies. */
export const CATEGORIES_BY_KIND = {
  content_alteration: ['defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other'],
  copyright: ['counter_notice'],
  user_data: [
    'informal_private',
    'informal_government',
    'civil_subpoena',
    'criminal_subpoena',
    'administrative_subpoena',
    'search_warrant',
    'court_order',
    'national_security',
  ],
  preservation: [],
  emergency: ['violence', 'terrorism', 'self_harm'],
} as const satisfies Record<Kind, readonly string[]>;
export type Category = (typeof CATEGORIES_BY_KIND)[Kind][number];

export const REQUESTER_TYPES = [
  'executive',
  'law_enforcement',
  'court',
  'regulator',
  'individual',
  'company',
  'lawyer',
  'organization',
] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];

/** Requester types that are part of a government, as the report separates them. */
export const GOVERNMENT_REQUESTER_TYPES: readonly RequesterType[] = ['executive', 'law_enforcement', 'court', 'regulator'];

export const CHANNELS = ['web', 'email', 'api', 'post', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATES = ['received', 'triage', 'in_review', 'waiting', 'decided', 'closed', 'withdrawn'] as const;
export type State = (typeof STATES)[number];

export const OUTCOMES = ['granted', 'partially_granted', 'denied', 'not_actionable', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PARTY_ROLES = ['sender', 'principal', 'agent', 'recipient'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const TARGET_TYPES = ['page', 'revision', 'file', 'account', 'project'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** Whether a category belongs to a kind (an empty category is always allowed). */
export function isCategoryOf(kind: Kind, category: string): boolean {
  return (CATEGORIES_BY_KIND[kind] as readonly string[]).includes(category);
}

/** The state a request reaches once an outcome is recorded for it. */
export function stateForOutcome(outcome: Outcome | null): State {
  if (outcome === null) return 'received';
  return outcome === 'withdrawn' ? 'withdrawn' : 'closed';
}

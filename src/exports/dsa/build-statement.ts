import { GOVERNMENT_REQUESTER_TYPES, type Kind, type Outcome, type RequesterType, type TargetType } from '../../requests/model.ts';
import type { Statement } from './validate-statement.ts';
import { EEA_COUNTRIES, type ContentType, type SourceType, type StatementCategory } from './vocabulary.ts';

/** The structured facts of one decision that a statement of reasons is made from; never names or texts. */
export interface DecisionFacts {
  reference: string;
  kind: Kind;
  category: string | null;
  outcome: Outcome;
  receivedAt: Date;
  decidedAt: Date;
  requesterType: RequesterType | null;
  requesterCountry: string | null;
  jurisdiction: string | null;
  lawsCited: string[];
  targets: { type: TargetType; project: string | null }[];
}

/** Our grounds and kinds, in the database's categories. */
export const STATEMENT_CATEGORY_OF: Record<string, StatementCategory> = {
  defamation: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  privacy: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  erasure: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  trademark: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  copyright: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  unlawful: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  other: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
};

/** The category of a content request in the database's terms (copyright by kind, the rest by ground). */
export function statementCategory(kind: Kind, category: string | null): StatementCategory {
  if (kind === 'copyright') return STATEMENT_CATEGORY_OF.copyright!;
  return STATEMENT_CATEGORY_OF[category ?? 'other'] ?? STATEMENT_CATEGORY_OF.other!;
}

/**
 * Whether a decision restricts content, and so owes a statement of reasons: a demand to remove
 * or change content (other than a counter-notice, which asks for content back) granted in full or
 * in part, and not a duplicate of a request already counted.
 */
export function restrictsContent(row: { kind: Kind; category: string | null; outcome: Outcome | null; duplicate_of_id?: number | null }): boolean {
  if (row.duplicate_of_id) return false;
  if (row.outcome !== 'granted' && row.outcome !== 'partially_granted') return false;
  if (row.kind === 'content_alteration') return true;
  return row.kind === 'copyright' && row.category !== 'counter_notice';
}

/** The platform id of a request's statement: its reference, which is stable and already of the allowed form. */
export function puidFor(reference: string): string {
  return `candor-${reference.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

const GROUND_WORDS: Record<string, string> = {
  copyright: 'copyright law',
  defamation: 'the law of defamation',
  privacy: 'the law protecting private life',
  erasure: 'data protection law (right to erasure)',
  trademark: 'trademark law',
  unlawful: 'the local law the notice invokes',
  other: 'the law the notice invokes',
};

const KIND_WORDS: Record<string, string> = {
  content_alteration: 'demand to remove or change content',
  copyright: 'copyright takedown notice',
};

const REQUESTER_WORDS: Record<RequesterType, string> = {
  executive: 'a government executive body',
  law_enforcement: 'a law enforcement authority',
  court: 'a court',
  regulator: 'a regulator',
  individual: 'a private individual',
  company: 'a company',
  lawyer: 'a lawyer',
  organization: 'an organisation',
};

const day = (at: Date) => at.toISOString().slice(0, 10);

/** Where a decision's restriction applies: one EEA country when a partial grant answers that country's law, else everywhere (no scope). */
function territorialScope(facts: DecisionFacts): string[] | undefined {
  const country = facts.jurisdiction?.trim().toUpperCase();
  if (facts.outcome === 'partially_granted' && country && EEA_COUNTRIES.includes(country)) return [country];
  return undefined;
}

function contentTypes(facts: DecisionFacts): ContentType[] {
  const types = new Set<ContentType>();
  for (const target of facts.targets) types.add(target.type === 'file' ? 'CONTENT_TYPE_IMAGE' : 'CONTENT_TYPE_TEXT');
  if (types.size === 0) types.add('CONTENT_TYPE_TEXT');
  return [...types].sort();
}

function sourceType(facts: DecisionFacts): SourceType {
  // Orders from authorities are not Article 16 notices; the API files them as other notifications.
  return facts.requesterType && GOVERNMENT_REQUESTER_TYPES.includes(facts.requesterType) ? 'SOURCE_TYPE_OTHER_NOTIFICATION' : 'SOURCE_ARTICLE_16';
}

/**
 * Writes the facts and circumstances from structured fields only (kind, ground, who in general
 * terms, outcome, dates, laws, projects), so that no requester's words or names can reach the
 * public database.
 */
function decisionFacts(facts: DecisionFacts, scope: string[] | undefined): string {
  const ground = facts.kind === 'copyright' ? 'copyright' : (facts.category ?? 'other');
  const from = facts.requesterType ? REQUESTER_WORDS[facts.requesterType] : 'a requester of unknown type';
  const where = facts.requesterCountry ? ` in ${facts.requesterCountry}` : '';
  const counts = new Map<string, number>();
  for (const target of facts.targets) counts.set(target.type, (counts.get(target.type) ?? 0) + 1);
  const projects = [...new Set(facts.targets.map((target) => target.project).filter((project): project is string => !!project))].sort();
  const parts = [
    `A ${KIND_WORDS[facts.kind] ?? 'request'} (${facts.reference}) was received on ${day(facts.receivedAt)} from ${from}${where}, relying on ${GROUND_WORDS[ground] ?? GROUND_WORDS.other}.`,
    counts.size > 0 ? `It named ${[...counts].sort().map(([type, count]) => `${count} ${type}${count === 1 ? '' : 's'}`).join(', ')}${projects.length > 0 ? ` on ${projects.join(', ')}` : ''}.` : '',
    facts.lawsCited.length > 0 ? `Laws cited: ${facts.lawsCited.join('; ')}.` : '',
    `After review by staff, the request was ${facts.outcome === 'granted' ? 'granted' : 'granted in part'} on ${day(facts.decidedAt)}${scope ? `; access is withheld in ${scope.join(', ')} only` : ''}.`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** Builds the statement of reasons for one decision that restricts content. */
export function buildStatement(facts: DecisionFacts): Statement {
  const scope = territorialScope(facts);
  const ground = facts.kind === 'copyright' ? 'copyright' : (facts.category ?? 'other');
  const legalGround = facts.lawsCited.length > 0 ? facts.lawsCited.join('; ') : GROUND_WORDS[ground] ?? GROUND_WORDS.other!;
  const statement: Statement = {
    decision_visibility: [scope ? 'DECISION_VISIBILITY_CONTENT_DISABLED' : 'DECISION_VISIBILITY_CONTENT_REMOVED'],
    decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
    illegal_content_legal_ground: legalGround,
    illegal_content_explanation: `The content was found to infringe ${GROUND_WORDS[ground] ?? GROUND_WORDS.other} as the ${KIND_WORDS[facts.kind] ?? 'request'} showed, and the request was ${facts.outcome === 'granted' ? 'granted' : 'granted in part'} after review.`,
    content_type: contentTypes(facts),
    category: statementCategory(facts.kind, facts.category),
    content_date: day(facts.receivedAt),
    application_date: day(facts.decidedAt),
    decision_facts: decisionFacts(facts, scope),
    source_type: sourceType(facts),
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: puidFor(facts.reference),
  };
  if (scope) statement.territorial_scope = scope;
  return statement;
}

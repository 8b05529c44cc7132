import {
  ACCOUNT_TYPES,
  AUTOMATED_DECISIONS,
  AUTOMATED_DETECTIONS,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_MONETARIES,
  DECISION_PROVISIONS,
  DECISION_VISIBILITIES,
  EEA_COUNTRIES,
  PUID_PATTERN,
  SOURCE_TYPES,
  STATEMENT_CATEGORIES,
} from './vocabulary.ts';

/** One statement of reasons as the database's API takes it (fields it does not know are refused here). */
export interface Statement {
  decision_visibility?: string[];
  decision_visibility_other?: string;
  decision_monetary?: string;
  decision_monetary_other?: string;
  decision_provision?: string;
  decision_account?: string;
  account_type?: string;
  decision_ground: string;
  decision_ground_reference_url?: string;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: string;
  content_type: string[];
  content_type_other?: string;
  category: string;
  category_addition?: string[];
  territorial_scope?: string[];
  content_language?: string;
  content_date: string;
  application_date: string;
  decision_facts: string;
  source_type: string;
  source_identity?: string;
  automated_detection: string;
  automated_decision: string;
  puid: string;
}

/** A rule a statement breaks: the field and what is wrong with it. */
export interface StatementIssue {
  field: string;
  message: string;
}

const KNOWN_FIELDS = new Set([
  'decision_visibility', 'decision_visibility_other', 'decision_monetary', 'decision_monetary_other', 'decision_provision', 'decision_account',
  'account_type', 'decision_ground', 'decision_ground_reference_url', 'illegal_content_legal_ground', 'illegal_content_explanation',
  'incompatible_content_ground', 'incompatible_content_explanation', 'incompatible_content_illegal', 'content_type', 'content_type_other',
  'category', 'category_addition', 'territorial_scope', 'content_language', 'content_date', 'application_date', 'end_date_account_restriction',
  'end_date_monetary_restriction', 'end_date_service_restriction', 'end_date_visibility_restriction', 'decision_facts', 'source_type',
  'source_identity', 'automated_detection', 'automated_decision', 'puid',
]);

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A calendar date `YYYY-MM-DD` that exists, between two bounds (inclusive). */
function dateIssue(value: unknown, lowest: string, highest: string): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a date in the form YYYY-MM-DD';
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return 'is not a date that exists';
  if (value < lowest || value > highest) return `must be between ${lowest} and ${highest}`;
  return undefined;
}

/**
 * Checks a statement of reasons against the rules the Transparency Database applies when it
 * receives one, so that a statement that would be refused is caught here, named, and never sent.
 */
export function validateStatement(statement: Record<string, unknown>): StatementIssue[] {
  const issues: StatementIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const text = (field: string, max: number, required: boolean) => {
    const value = statement[field];
    if (!present(value)) {
      if (required) add(field, 'is required');
      return;
    }
    if (typeof value !== 'string') add(field, 'must be text');
    else if (value.length > max) add(field, `must be at most ${max} characters`);
  };
  const oneOf = (field: string, allowed: readonly string[], required: boolean) => {
    const value = statement[field];
    if (!present(value)) {
      if (required) add(field, 'is required');
      return;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) add(field, `must be one of ${allowed.join(', ')}`);
  };
  const listOf = (field: string, allowed: readonly string[], required: boolean) => {
    const value = statement[field];
    if (!present(value)) {
      if (required) add(field, 'is required');
      return;
    }
    if (!Array.isArray(value) || (required && value.length === 0)) add(field, 'must be a non-empty list');
    else {
      const wrong = value.filter((item) => typeof item !== 'string' || !allowed.includes(item));
      if (wrong.length > 0) add(field, `has values outside the allowed list: ${wrong.map(String).join(', ')}`);
    }
  };

  for (const field of Object.keys(statement)) if (!KNOWN_FIELDS.has(field)) add(field, 'is not a field of a statement of reasons');

  const puid = statement.puid;
  if (!present(puid)) add('puid', 'is required');
  else if (typeof puid !== 'string' || puid.length > 500 || !PUID_PATTERN.test(puid)) add('puid', 'must be at most 500 letters, digits, hyphens and underscores');

  const restrictions = ['decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account'];
  const visibility = statement.decision_visibility;
  const hasVisibility = Array.isArray(visibility) ? visibility.length > 0 : present(visibility);
  if (!hasVisibility && !restrictions.slice(1).some((field) => present(statement[field]))) {
    add('decision_visibility', 'at least one of decision_visibility, decision_monetary, decision_provision, decision_account is required');
  }
  if (present(visibility)) listOf('decision_visibility', DECISION_VISIBILITIES, false);
  if (Array.isArray(visibility) && visibility.includes('DECISION_VISIBILITY_OTHER')) text('decision_visibility_other', 500, true);
  oneOf('decision_monetary', DECISION_MONETARIES, false);
  if (statement.decision_monetary === 'DECISION_MONETARY_OTHER') text('decision_monetary_other', 500, true);
  oneOf('decision_provision', DECISION_PROVISIONS, false);
  oneOf('decision_account', DECISION_ACCOUNTS, false);
  oneOf('account_type', ACCOUNT_TYPES, false);

  oneOf('decision_ground', DECISION_GROUNDS, true);
  if (statement.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    text('illegal_content_legal_ground', 500, true);
    text('illegal_content_explanation', 2000, true);
  } else if (statement.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT') {
    text('incompatible_content_ground', 500, true);
    text('incompatible_content_explanation', 2000, true);
    oneOf('incompatible_content_illegal', ['Yes', 'No'], false);
  }
  if (present(statement.decision_ground_reference_url)) {
    const url = statement.decision_ground_reference_url;
    if (typeof url !== 'string' || url.length > 500 || !/^https?:\/\/\S+$/.test(url)) add('decision_ground_reference_url', 'must be a URL of at most 500 characters');
  }

  listOf('content_type', CONTENT_TYPES, true);
  if (Array.isArray(statement.content_type) && statement.content_type.includes('CONTENT_TYPE_OTHER')) text('content_type_other', 500, true);

  oneOf('category', STATEMENT_CATEGORIES, true);
  listOf('category_addition', STATEMENT_CATEGORIES, false);
  listOf('territorial_scope', EEA_COUNTRIES, false);

  const contentDate = dateIssue(statement.content_date, '2000-01-01', '2038-01-01');
  if (!present(statement.content_date)) add('content_date', 'is required');
  else if (contentDate) add('content_date', contentDate);
  const applicationDate = dateIssue(statement.application_date, '2020-01-01', '2038-01-01');
  if (!present(statement.application_date)) add('application_date', 'is required');
  else if (applicationDate) add('application_date', applicationDate);

  text('decision_facts', 5000, true);
  oneOf('source_type', SOURCE_TYPES, true);
  text('source_identity', 500, false);
  oneOf('automated_detection', AUTOMATED_DETECTIONS, true);
  oneOf('automated_decision', AUTOMATED_DECISIONS, true);
  return issues;
}

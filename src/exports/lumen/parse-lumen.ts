import crypto from 'node:crypto';
import { parseInstant } from '../../intake/parse-instant.ts';
import { isCountryCode } from '../../requests/countries.ts';
import type { NewRequest } from '../../requests/create-requests.ts';
import type { Category, Kind, Outcome, PartyRole, RequesterType } from '../../requests/model.ts';
import { stateForOutcome } from '../../requests/model.ts';
import { projectOfUrl } from '../../requests/projects.ts';

/** A problem with one notice of a Lumen file: `notice N: field: message`, N counted from 1. */
export interface LumenIssue {
  notice: number;
  field: string;
  message: string;
}

export function formatLumenIssue(issue: LumenIssue): string {
  return `notice ${issue.notice}: ${issue.field}: ${issue.message}`;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lumen's notice types (its class names and their display names alike, squeezed) to our kind and category. */
const TYPES: Record<string, { kind: Kind; category: Category | null; requesterType?: RequesterType }> = {
  dmca: { kind: 'copyright', category: null },
  counternotice: { kind: 'copyright', category: 'counter_notice' },
  defamation: { kind: 'content_alteration', category: 'defamation' },
  courtorder: { kind: 'content_alteration', category: 'unlawful', requesterType: 'court' },
  dataprotection: { kind: 'content_alteration', category: 'erasure' },
  privateinformation: { kind: 'content_alteration', category: 'privacy' },
  trademark: { kind: 'content_alteration', category: 'trademark' },
  governmentrequest: { kind: 'content_alteration', category: 'unlawful', requesterType: 'executive' },
  other: { kind: 'content_alteration', category: 'other' },
  lawenforcementrequest: { kind: 'user_data', category: 'informal_government', requesterType: 'law_enforcement' },
};

const squeeze = (type: string) => type.toLowerCase().replace(/[^a-z]/g, '');

/** The instruments of Lumen's law-enforcement `request_type`. */
const INSTRUMENTS: Record<string, Category> = {
  civilsubpoena: 'civil_subpoena',
  subpoena: 'criminal_subpoena',
  warrant: 'search_warrant',
  agency: 'informal_government',
  email: 'informal_government',
};

/** The lists of URLs a work carries, under the names Lumen gives them per notice type. */
const TARGET_URL_LISTS = [
  'infringing_urls_attributes', 'infringing_urls', 'targetted_urls', 'defamatory_urls', 'urls_mentioned_in_request', 'urls_in_request',
  'problematic_urls', 'urls_with_private_information',
];

/** Takes the notices out of whatever shape the file has: one notice, a list, or a search result's `notices`. */
export function lumenNotices(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (isObject(document) && Array.isArray(document.notices)) return document.notices;
  return [document];
}

/** One notice without its wrapper: `{"notice": {...}}` as submitted, `{"dmca": {...}}` as Lumen shows one, or bare. */
function unwrap(value: unknown): { notice: Json; rootType?: string } | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.notice)) return { notice: value.notice };
  const keys = Object.keys(value);
  if (keys.length === 1 && isObject(value[keys[0]!]) && !('type' in value)) return { notice: value[keys[0]!] as Json, rootType: keys[0] };
  return { notice: value };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return [];
}

/** A date Lumen wrote: ISO 8601 as it serialises them (`2013-06-04T19:23:12Z`) or a plain date. */
function lumenDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  // `2013-05-21 10:01:01 -04:00`, as Lumen's documentation writes one, is ISO 8601 with spaces.
  return parseInstant(value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i, '$1T$2$3'));
}

export interface ParsedLumenNotice {
  externalId: string;
  request: NewRequest;
}

/**
 * Checks every notice of a Lumen document and maps each to a request of ours (channel `import`,
 * external id `lumen:ID`). All or nothing: any problem is returned and no notice with it.
 */
export function parseLumenDocument(document: unknown): { notices: ParsedLumenNotice[]; issues: LumenIssue[] } {
  const issues: LumenIssue[] = [];
  const notices: ParsedLumenNotice[] = [];
  const seen = new Set<string>();
  const raw = lumenNotices(document);
  if (raw.length === 0) issues.push({ notice: 0, field: 'notices', message: 'the file holds no notice' });
  raw.forEach((value, index) => {
    const number = index + 1;
    const add = (field: string, message: string) => issues.push({ notice: number, field, message });
    const unwrapped = unwrap(value);
    if (!unwrapped) return add('notice', 'must be a JSON object');
    const { notice, rootType } = unwrapped;
    const before = issues.length;

    let id: string | undefined;
    if (notice.id !== undefined && notice.id !== null) {
      if (!(typeof notice.id === 'number' || typeof notice.id === 'string') || !/^[1-9]\d{0,17}$/.test(String(notice.id))) add('id', 'must be a positive whole number');
      else id = String(notice.id);
    }
    const typeName = text(notice.type) ?? rootType;
    const mapped = typeName ? TYPES[squeeze(typeName)] : undefined;
    if (!typeName) add('type', 'is required');
    else if (!mapped) add('type', `"${typeName}" is not a Lumen notice type this import knows (${Object.keys(TYPES).join(', ')})`);
    const title = text(notice.title);
    if (!title) add('title', 'is required');
    else if (title.length > 1_000) add('title', 'must be at most 1000 characters');

    const received = notice.date_received ?? notice.date_sent;
    const receivedAt = lumenDate(received);
    if (received === undefined || received === null) add('date_received', 'is required (or date_sent)');
    else if (!receivedAt) add(notice.date_received !== undefined ? 'date_received' : 'date_sent', `"${String(received)}" is not a date`);
    if (notice.date_sent !== undefined && notice.date_sent !== null && !lumenDate(notice.date_sent)) add('date_sent', `"${String(notice.date_sent)}" is not a date`);

    let outcome: Outcome | null = null;
    if (notice.action_taken !== undefined && notice.action_taken !== null && notice.action_taken !== '') {
      const taken = ({ yes: 'granted', partial: 'partially_granted', no: 'denied' } as Record<string, Outcome>)[String(notice.action_taken).toLowerCase()];
      if (!taken) add('action_taken', 'must be Yes, No or Partial');
      else outcome = taken;
    }

    let kind = mapped?.kind ?? 'content_alteration';
    let category: Category | null = mapped?.category ?? null;
    if (kind === 'user_data') {
      const requestType = text(notice.request_type);
      if (requestType && squeeze(requestType) === 'recordspreservation') {
        kind = 'preservation';
        category = null;
      } else if (requestType) {
        const instrument = INSTRUMENTS[squeeze(requestType)];
        if (!instrument) add('request_type', `"${requestType}" is not one of Agency, Civil Subpoena, Email, Records Preservation, Subpoena, Warrant`);
        else category = instrument;
      }
    }

    const targets: NewRequest['targets'] = [];
    const works = Array.isArray(notice.works_attributes) ? notice.works_attributes : Array.isArray(notice.works) ? notice.works : [];
    works.forEach((work, w) => {
      if (!isObject(work)) return add(`works[${w}]`, 'must be an object');
      for (const name of TARGET_URL_LISTS) {
        const urls = work[name];
        if (urls === undefined) continue;
        if (!Array.isArray(urls)) {
          add(`works[${w}].${name}`, 'must be a list');
          continue;
        }
        urls.forEach((entry, u) => {
          const url = isObject(entry) ? entry.url : entry;
          let parsed: URL | undefined;
          try {
            parsed = typeof url === 'string' ? new URL(url) : undefined;
          } catch {
            parsed = undefined;
          }
          if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return add(`works[${w}].${name}[${u}].url`, 'must be an http or https URL');
          const isFile = parsed.hostname === 'upload.wikimedia.org' || /\/wiki\/(File|Image):/i.test(decodeURIComponent(parsed.pathname));
          targets.push({ type: isFile ? 'file' : 'page', url: String(url), project: projectOfUrl(String(url)) });
        });
      }
    });

    const parties: NonNullable<NewRequest['parties']> = [];
    const roles = Array.isArray(notice.entity_notice_roles_attributes) ? notice.entity_notice_roles_attributes : [];
    roles.forEach((role, r) => {
      if (!isObject(role)) return add(`entity_notice_roles_attributes[${r}]`, 'must be an object');
      const name = text(role.name);
      if (!name || !['sender', 'principal', 'agent', 'recipient', 'submitter', 'target', 'issuing_court', 'plaintiff', 'defendant'].includes(name)) {
        return add(`entity_notice_roles_attributes[${r}].name`, 'must be a Lumen role such as sender, principal, agent or recipient');
      }
      if (!['sender', 'principal', 'agent', 'recipient'].includes(name)) return; // roles the request model does not keep
      const entity = isObject(role.entity_attributes) ? role.entity_attributes : {};
      const kindOfEntity = text(entity.kind);
      if (kindOfEntity && kindOfEntity !== 'individual' && kindOfEntity !== 'organization') add(`entity_notice_roles_attributes[${r}].entity_attributes.kind`, 'must be individual or organization');
      const country = text(entity.country_code)?.toUpperCase();
      if (country && !isCountryCode(country)) add(`entity_notice_roles_attributes[${r}].entity_attributes.country_code`, `"${country}" is not an ISO 3166-1 alpha-2 code`);
      const entityName = text(entity.name);
      parties.push({
        role: name as PartyRole,
        name: kindOfEntity === 'organization' ? null : (entityName ?? null),
        organization: kindOfEntity === 'organization' ? (entityName ?? null) : null,
        email: text(entity.email) ?? null,
        country: country && isCountryCode(country) ? country : null,
      });
    });
    // Lumen's own JSON names the parties instead of listing roles.
    if (roles.length === 0) {
      for (const role of ['sender', 'principal', 'recipient'] as const) {
        const name = text(notice[`${role}_name`]);
        if (name) parties.push({ role, name: null, organization: name, country: null });
      }
    }

    if (issues.length > before || !mapped || !title || !receivedAt) return;
    const externalId = id ? `lumen:${id}` : `lumen:sha256-${crypto.createHash('sha256').update(JSON.stringify(notice)).digest('hex').slice(0, 24)}`;
    if (seen.has(externalId)) return add('id', `the same notice appears twice in the file (${externalId})`);
    seen.add(externalId);

    const sender = parties.find((party) => party.role === 'sender');
    const senderKind = roles.find((role) => isObject(role) && role.name === 'sender') as Json | undefined;
    const senderEntityKind = senderKind && isObject(senderKind.entity_attributes) ? text(senderKind.entity_attributes.kind) : undefined;
    const requesterType: RequesterType | null = mapped.requesterType ?? (senderEntityKind === 'individual' ? 'individual' : senderEntityKind === 'organization' ? 'organization' : null);
    const jurisdictions = notice.jurisdiction_list !== undefined ? list(notice.jurisdiction_list) : list(notice.jurisdictions);
    const body = text(notice.body) ?? text(notice.explanation) ?? text(notice.legal_complaint);
    notices.push({
      externalId,
      request: {
        externalId,
        kind,
        category,
        channel: 'import',
        receivedAt,
        outcome,
        state: stateForOutcome(outcome),
        requester: {
          name: sender?.name ?? null,
          organization: sender?.organization ?? null,
          email: sender?.email ?? null,
          type: requesterType,
          country: sender?.country ?? null,
        },
        jurisdiction: jurisdictions.length > 0 ? jurisdictions.join(', ').slice(0, 200) : null,
        lawsCited: [...list(notice.regulation_list), ...list(notice.regulations), ...list(notice.laws_referenced)],
        originalText: body ? `${title}\n\n${body}` : title,
        parties,
        targets,
      },
    });
  });
  return { notices: issues.length > 0 ? [] : notices, issues };
}

import type { FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { isStorableText } from '../intake/storable-text.ts';
import { isCountryCode } from '../requests/countries.ts';
import { isProjectName, projectOfUrl } from '../requests/projects.ts';
import { addYears, earliestToday, isCalendarDate } from './calendar.ts';
import { CONTRIBUTOR_ROLES, THREAT_KINDS, isRequestReference, type ContributorRole, type ThreatKind } from './model.ts';

/** One field of the legal-help form. Labels are `assistance-field-NAME`, hints `assistance-field-NAME-hint`. */
export interface HelpFieldSpec {
  name: string;
  type: 'text' | 'email' | 'tel' | 'date' | 'textarea' | 'select' | 'country' | 'language' | 'yes-no' | 'checkbox';
  required?: boolean;
  /** For selects: the values; their labels are `assistance-option-NAME-VALUE`. */
  options?: readonly string[];
  maxLength?: number;
  autocomplete?: string;
  /** Which part of the form it belongs to (a fieldset with a legend `assistance-section-GROUP`). */
  group: 'threat' | 'work' | 'court' | 'contact';
}

/** The form's fields, in order: only what the desk needs to help, and only the contact data needed to reach the contributor. */
export const HELP_FIELDS: HelpFieldSpec[] = [
  { name: 'threat_kind', type: 'select', required: true, options: THREAT_KINDS, group: 'threat' },
  { name: 'description', type: 'textarea', required: true, maxLength: 20_000, group: 'threat' },
  { name: 'country', type: 'country', required: true, group: 'threat' },
  { name: 'authority', type: 'text', maxLength: 300, group: 'threat' },
  { name: 'project', type: 'text', required: true, maxLength: 253, group: 'work' },
  { name: 'role', type: 'select', required: true, options: CONTRIBUTOR_ROLES, group: 'work' },
  { name: 'urls', type: 'textarea', maxLength: 20_000, group: 'work' },
  { name: 'request_reference', type: 'text', maxLength: 40, group: 'work' },
  { name: 'court_case', type: 'yes-no', required: true, group: 'court' },
  { name: 'court_deadline', type: 'date', group: 'court' },
  { name: 'name', type: 'text', required: true, maxLength: 200, autocomplete: 'nickname', group: 'contact' },
  { name: 'email', type: 'email', required: true, maxLength: 254, autocomplete: 'email', group: 'contact' },
  { name: 'phone', type: 'tel', maxLength: 40, autocomplete: 'tel', group: 'contact' },
  { name: 'messenger', type: 'text', maxLength: 200, group: 'contact' },
  { name: 'language', type: 'language', required: true, group: 'contact' },
  { name: 'consent', type: 'checkbox', required: true, group: 'contact' },
];

/** A validated request for legal help, ready to be opened as a case. */
export interface HelpRequest {
  language: string;
  threatKind: ThreatKind;
  description: string;
  country: string;
  authority: string | null;
  project: string;
  role: ContributorRole;
  courtCase: boolean;
  courtDeadline: string | null;
  relatedUrls: string[];
  relatedReference: string | null;
  name: string;
  email: string;
  phone: string | null;
  messenger: string | null;
}

const MAX_URLS = 50;

function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A project as the report names it: a host such as `en.wikipedia.org`, also when a page address is given. */
function projectOf(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (/^https?:\/\//.test(text)) {
    try {
      return projectOfUrl(text);
    } catch {
      return undefined;
    }
  }
  const host = text.replace(/\/.*$/, '');
  return isProjectName(host) ? host : undefined;
}

function webAddress(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the legal-help form as submitted: every required answer present, each answer of the
 * right form, a court deadline not already past. Problems are keyed by form field and name a
 * catalog message, so the page says them in its own language; nothing is stored here.
 */
export function readHelpForm(values: Record<string, string>, now = new Date()): { ok: true; help: HelpRequest } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value = (name: string) => values[name]?.trim() ?? '';
  const add = (field: string, code: string, params: (string | number)[] = []) => issues.push({ field, message: code, code, params });

  for (const spec of HELP_FIELDS) {
    const text = value(spec.name);
    if (!text) {
      if (spec.required) add(spec.name, `assistance-missing-${spec.name}`);
      continue;
    }
    // Text the database would refuse (U+0000) is named, never stored.
    if (!isStorableText(text)) {
      add(spec.name, 'site-form-invalid-text');
      continue;
    }
    if (spec.maxLength && text.length > spec.maxLength) {
      add(spec.name, 'assistance-too-long', [spec.name, spec.maxLength]);
      continue;
    }
    if (spec.options && !spec.options.includes(text)) add(spec.name, 'assistance-invalid-option', [spec.name]);
  }
  const reported = (field: string) => issues.some((issue) => issue.field === field);

  const country = value('country');
  if (country && !reported('country') && !isCountryCode(country)) add('country', 'assistance-invalid-country');
  const language = value('language');
  if (language && !LANGUAGES.includes(language)) add('language', 'assistance-invalid-option', ['language']);
  const courtCase = value('court_case');
  if (courtCase && courtCase !== 'yes' && courtCase !== 'no') add('court_case', 'assistance-invalid-option', ['court_case']);

  const projectText = value('project');
  const project = projectText && !reported('project') ? projectOf(projectText) : undefined;
  if (projectText && !reported('project') && !project) add('project', 'assistance-invalid-project', [projectText.slice(0, 80)]);

  const deadline = value('court_deadline');
  if (deadline) {
    if (!isCalendarDate(deadline)) add('court_deadline', 'assistance-invalid-deadline', [deadline.slice(0, 40)]);
    else if (deadline < earliestToday(now)) add('court_deadline', 'assistance-past-deadline', [deadline]);
    else if (deadline > addYears(earliestToday(now), 10)) add('court_deadline', 'assistance-far-deadline', [deadline]);
  }

  const urls: string[] = [];
  if (!reported('urls')) {
    const given = lines(values.urls);
    if (given.length > MAX_URLS) add('urls', 'assistance-too-many-urls', [MAX_URLS]);
    else
      given.forEach((line, index) => {
        const url = webAddress(line);
        if (url) urls.push(url);
        else add('urls', 'assistance-invalid-url', [index + 1, line.slice(0, 80)]);
      });
  }
  const reference = value('request_reference').toUpperCase();
  if (reference && !reported('request_reference') && !isRequestReference(reference)) add('request_reference', 'assistance-invalid-reference', [reference.slice(0, 40)]);

  const email = value('email');
  if (email && !reported('email') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) add('email', 'assistance-invalid-email', [email.slice(0, 80)]);
  const phone = value('phone');
  if (phone && !reported('phone') && !/^\+?[0-9 ()./-]{5,}$/.test(phone)) add('phone', 'assistance-invalid-phone');

  // The problems in the order of the form, as a reader meets the fields.
  const order = (issue: FieldIssue) => HELP_FIELDS.findIndex((spec) => spec.name === issue.field);
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => order(a) - order(b)) };
  return {
    ok: true,
    help: {
      language,
      threatKind: value('threat_kind') as ThreatKind,
      description: value('description'),
      country,
      authority: value('authority') || null,
      project: project!,
      role: value('role') as ContributorRole,
      courtCase: courtCase === 'yes',
      courtDeadline: deadline || null,
      relatedUrls: urls,
      relatedReference: reference || null,
      name: value('name'),
      email,
      phone: phone || null,
      messenger: value('messenger') || null,
    },
  };
}

import type { FieldIssue } from '../../errors.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { Kind } from '../../requests/model.ts';
import { validateRequestInput } from '../request-from-input.ts';
import type { RequestInputValue } from '../request-input.ts';
import { isStorableText } from '../storable-text.ts';
import { FORM_FIELDS } from './form-spec.ts';

/** What a requester typed, by field name; checkboxes are present with any value when ticked. */
export type FormValues = Record<string, string>;

/** A file chosen in the form's attachments field. */
export interface FormFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The message for a missing required field. Copyright and content notices name the legal element
 * that is missing (17 U.S.C. §512(c)(3); EU DSA Art. 16(2)); other forms just say it is required.
 */
const MISSING: Partial<Record<Kind, Record<string, string>>> = {
  copyright: {
    signature: 'dmca-missing-signature',
    work: 'dmca-missing-work',
    urls: 'dmca-missing-material',
    name: 'dmca-missing-contact',
    email: 'dmca-missing-contact',
    good_faith: 'dmca-missing-good-faith',
    accuracy: 'dmca-missing-accuracy',
  },
  content_alteration: {
    explanation: 'dsa-missing-explanation',
    urls: 'dsa-missing-urls',
    name: 'dsa-missing-contact',
    email: 'dsa-missing-contact',
    good_faith: 'dsa-missing-good-faith',
  },
};

/** Where a problem found in the request schema shows on the form. */
function formFieldOf(path: string): string {
  if (path.startsWith('requester.')) {
    const field = path.slice('requester.'.length);
    return field === 'type' ? 'requester_type' : field;
  }
  if (path.startsWith('targets')) return /\.account$/.test(path) ? 'accounts' : /\.project$/.test(path) ? 'project' : 'urls';
  if (path === 'text') return 'explanation';
  if (path.startsWith('attachments')) return 'attachments';
  if (path === 'laws_cited' || path.startsWith('laws_cited[')) return 'laws';
  return path;
}

function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The notice as one text, each part under its label in the requester's language, for the record. */
function composeText(kind: Kind, values: FormValues, t: Translate): string {
  const parts: string[] = [];
  for (const field of FORM_FIELDS[kind]) {
    // Fields stored in their own columns are not repeated in the text.
    if (['name', 'organization', 'email', 'requester_type', 'country', 'urls', 'accounts', 'project', 'category', 'jurisdiction', 'laws', 'address', 'attachments'].includes(field.name)) continue;
    const value = values[field.name]?.trim();
    if (!value) continue;
    parts.push(field.type === 'checkbox' ? `[x] ${t(`form-field-${field.name}`)}` : `${t(`form-field-${field.name}`)}:\n${value}`);
  }
  return parts.join('\n\n');
}

/**
 * Reads a submitted request form: checks that every element the law requires is there, turns the
 * answers into the one request schema every channel uses, and validates that. Returns the input to
 * store, or the problems keyed by form field.
 */
export function readRequestForm(
  kind: Kind,
  values: FormValues,
  lang: string,
  t: Translate,
  files: FormFile[] = [],
): { ok: true; input: RequestInputValue } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const reported = new Set<string>();
  const add = (issue: FieldIssue) => {
    const key = `${issue.field}\u0000${issue.code ?? issue.message}`;
    if (!reported.has(key)) {
      reported.add(key);
      issues.push(issue);
    }
  };

  // Text the database would refuse (U+0000) is named in its field, not dropped by the address parser or the schema's walk.
  for (const field of FORM_FIELDS[kind]) {
    const value = values[field.name];
    if (value && !isStorableText(value)) add({ field: field.name, message: 'holds a character that cannot be stored', code: 'site-form-invalid-text' });
  }
  if (issues.length > 0) return { ok: false, issues };

  for (const field of FORM_FIELDS[kind]) {
    if (!field.required || values[field.name]?.trim()) continue;
    const code = MISSING[kind]?.[field.name] ?? 'field-required';
    add({ field: field.name, message: code === 'field-required' ? 'is required' : code, code });
  }

  const targets: RequestInputValue['targets'] = [];
  lines(values.urls).forEach((url, index) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      add({ field: 'urls', message: `line ${index + 1} is not a web address`, code: 'form-url-line', params: [index + 1, url.slice(0, 80)] });
    } else {
      targets.push({ url: parsed.toString() });
    }
  });
  const project = values.project?.trim().toLowerCase() || undefined;
  for (const account of lines(values.accounts)) targets.push(project ? { account, project } : { account });
  if (targets.length === 0 && !FORM_FIELDS[kind].some((field) => field.name === 'urls' && field.required) && !issues.some((issue) => issue.field === 'urls')) {
    add({ field: 'urls', message: 'name at least one page address or account', code: 'form-missing-target' });
  }
  if (issues.length > 0) return { ok: false, issues };

  const input: RequestInputValue = {
    kind,
    category: (values.category || null) as RequestInputValue['category'],
    language: lang,
    requester: {
      name: values.name?.trim() || null,
      organization: values.organization?.trim() || null,
      email: values.email?.trim() || null,
      type: (values.requester_type || null) as RequestInputValue['requester']['type'],
      country: values.country || null,
    },
    jurisdiction: values.jurisdiction || null,
    laws_cited: values.laws?.trim() ? [values.laws.trim()] : [],
    text: composeText(kind, values, t),
    targets,
  };
  if (files.length > 0) {
    input.attachments = files.map((file) => ({ filename: file.filename, content_type: file.contentType, content_base64: file.content.toString('base64') }));
  }
  if (values.address?.trim()) {
    input.parties = [{ role: 'sender', name: input.requester.name ?? null, email: input.requester.email ?? null, address: values.address.trim() }];
  }
  const checked = validateRequestInput(input);
  if (!checked.ok) return { ok: false, issues: checked.issues.map((issue) => ({ ...issue, field: formFieldOf(issue.field) })) };
  return checked;
}

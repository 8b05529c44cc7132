import type { FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { isStorableText } from '../intake/storable-text.ts';
import type { SignUpInput } from './model.ts';

export const EMAIL_MAX = 254;
export const NAME_MAX = 200;

// One @, something on each side, a dot in the domain, no spaces or angle brackets.
const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$/;

/**
 * Reads the sign-up form: an e-mail address, an optional name, and the language of the mail
 * (the page's own when the form did not say). Problems name catalog messages, so the page says
 * them in its reader's language; nothing is stored here.
 */
export function readSignUpForm(values: Record<string, string | undefined>, pageLanguage: string): { ok: true; input: SignUpInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string, params: (string | number)[] = []) => issues.push({ field, message: code, code, params });
  const email = (values.email ?? '').trim();
  const name = (values.name ?? '').trim().replace(/\s+/g, ' ');
  const language = (values.language ?? '').trim() || pageLanguage;
  // Text the database would refuse (U+0000) is named, never stored: the rest of the checks assume it is gone.
  for (const field of ['email', 'name', 'language']) if (!isStorableText(values[field] ?? '')) add(field, 'site-form-invalid-text');
  if (issues.length > 0) return { ok: false, issues };
  if (!email) add('email', 'connect-missing-email');
  else if (email.length > EMAIL_MAX) add('email', 'connect-email-too-long', [EMAIL_MAX]);
  else if (!EMAIL.test(email)) add('email', 'connect-invalid-email', [email.slice(0, 80)]);
  if (name.length > NAME_MAX) add('name', 'connect-name-too-long', [NAME_MAX]);
  if (!LANGUAGES.includes(language)) add('language', 'connect-invalid-language');
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, input: { email, name: name || null, language } };
}

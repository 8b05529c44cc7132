/** Message-IDs and request references as they appear in mail headers and subjects. */

const MAX_ID_LENGTH = 998;
const MAX_IDS = 100;

/**
 * The Message-IDs a header names (`<a@b> <c@d>`), in order, each with its angle brackets.
 * A header written without brackets counts as whitespace-separated ids.
 */
export function messageIdsIn(value: string | readonly string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : ((value as string | null | undefined) ?? '');
  const bracketed = text.match(/<[^<>\s]+>/g);
  const ids = bracketed ?? text.split(/[\s,]+/).filter(Boolean).map((id) => `<${id.replace(/^<|>$/g, '')}>`);
  const unique = [...new Set(ids.filter((id) => id.length > 2 && id.length <= MAX_ID_LENGTH && !id.includes('\u0000')))];
  return unique.slice(-MAX_IDS);
}

// A reference as Candor writes it (CR-2026-000123), or as an imported one may be written.
const REFERENCE = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*-\d{4}-\d{3,12})(?![A-Za-z0-9])/g;

/** The request references a subject line quotes (`Re: your request CR-2026-000123`), upper-cased. */
export function referencesInSubject(subject: string | null | undefined): string[] {
  if (!subject) return [];
  return [...new Set([...subject.matchAll(REFERENCE)].map((match) => match[1]!.toUpperCase()))].slice(0, 10);
}

import { findShapedData, type Found } from './patterns.ts';

/**
 * The redaction pipeline of public notices. It finds, in a text, the URLs the organisation did not
 * act on and the personal data of private persons — the names and strings the request records
 * (matched regardless of case and accents, and by their parts), and anything shaped like an
 * e-mail address, phone number, identity number, IBAN, card number or street address — and
 * replaces each with a visible marker. It runs on the text prepared from a request and again on
 * every edit staff make, so that what staff type is caught too.
 */

export const PRIVATE_MARKER = '[private]';
export const NOT_ACTIONED_MARKER = '[not actioned]';

/** What the request itself tells the pipeline to look for. */
export interface RedactionTerms {
  /** Names of private persons: matched whole and by their parts. */
  names: readonly string[];
  /** Other strings to hide wherever they appear, whole: e-mail addresses, accounts, addresses. */
  literals: readonly string[];
  /** URLs the organisation did not act on: shown as `[not actioned]`. */
  notActionedUrls: readonly string[];
}

/** A replaced range of the original text. */
export interface RedactedSpan {
  start: number;
  end: number;
  marker: 'private' | 'not_actioned';
  reason: Found['reason'] | 'name' | 'literal' | 'url';
}

export interface Redaction {
  text: string;
  /** Ranges of the input that were replaced, in order; for showing staff what changed. */
  spans: RedactedSpan[];
}

// ---------------------------------------------------------------- folding

/** Arabic letters that are written interchangeably, and the tatweel that only stretches a word. */
const ARABIC_FOLD: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ـ': '' };

function foldChar(char: string): string {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return ARABIC_FOLD[base] ?? base;
}

/** A text folded for matching (no case, no accents or Arabic vowel marks), with each folded position's range in the original. */
interface Folded {
  text: string;
  starts: number[];
  ends: number[];
}

function fold(text: string): Folded {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    for (const unit of piece) {
      folded += unit;
      starts.push(index);
      ends.push(index + char.length);
    }
    index += char.length;
  }
  return { text: folded, starts, ends };
}

export function foldForMatching(text: string): string {
  return fold(text).text;
}

/** The folded words of a notice's title and text, for accent-insensitive search; markers left out. */
export function foldedForSearch(title: string, body: string): string {
  return foldForMatching(`${title}\n${body}`.replace(/\[private\]|\[not actioned\]/g, ' '));
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words that join the parts of a name and say nothing about the person on their own. */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'da', 'das', 'do', 'dos', 'di', 'du', 'van', 'von', 'der', 'den', 'le', 'al', 'bin', 'ibn', 'bint', 'ben', 'abu', 'abd', 'عبد', 'بن', 'بنت', 'ابن', 'ابو', 'mr', 'mrs', 'ms', 'dr', 'sr', 'sra', 'don', 'doña', 'dona']);

/** A name and each of its meaningful parts, folded, longest first so that a full name is one marker. */
export function nameVariants(names: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const name of names) {
    const folded = foldForMatching(name).replace(/\s+/g, ' ').trim();
    if (folded.length < 2) continue;
    variants.add(folded);
    for (const part of folded.split(/[\s,]+/)) {
      for (const piece of [part, ...part.split(/[-'’]/)]) {
        const clean = piece.replace(/^[.'’-]+|[.'’-]+$/g, '');
        if (clean.length >= 3 && !PARTICLES.has(clean)) variants.add(clean);
      }
    }
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

/** Finds the names (and their parts) in the text; an Arabic proclitic (و, ب, ل, ف) before a name is left in place. */
function findNames(folded: Folded, names: readonly string[]): { start: number; end: number }[] {
  const variants = nameVariants(names);
  if (variants.length === 0) return [];
  const alternation = variants.map((variant) => escapeRegex(variant).replace(/ /g, '[\\s\\u00A0_]+')).join('|');
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])((?:\\p{L}\\.\\s?)?)([وبلف]?)(${alternation})(?![\\p{L}\\p{N}])`, 'gu');
  const found: { start: number; end: number }[] = [];
  for (const match of folded.text.matchAll(regex)) {
    // An initial before a surname ("J. Vale") goes with it; a proclitic stays.
    const start = match[1] ? match.index! : match.index! + match[2]!.length;
    const end = match.index! + match[0].length - 1;
    found.push({ start: folded.starts[start]!, end: folded.ends[end]! });
  }
  return found;
}

function findLiterals(folded: Folded, literals: readonly string[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const literal of literals) {
    const needle = foldForMatching(literal).replace(/\s+/g, ' ').trim();
    if (needle.length < 3) continue;
    const regex = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(needle).replace(/ /g, '[\\s\\u00A0_]+')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of folded.text.matchAll(regex)) found.push({ start: folded.starts[match.index!]!, end: folded.ends[match.index! + match[0].length - 1]! });
  }
  return found;
}

// ---------------------------------------------------------------- URLs

const URL_IN_TEXT = /(?:https?:\/\/|www\.)[^\s<>"'\]]+|(?<![\p{L}\p{N}@._/-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s<>"'\]]*/giu;

/** A URL reduced to what identifies the page: no scheme, `www.` or mobile host, decoded, underscores as spaces, no trailing slash. */
export function normalizeUrl(raw: string): string {
  let value = raw.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  try {
    value = decodeURIComponent(value);
  } catch {
    // Leave a URL with a stray % as it was written.
  }
  const slash = value.indexOf('/');
  const host = (slash < 0 ? value : value.slice(0, slash)).toLowerCase().replace(/^([a-z-]+)\.m\./, '$1.');
  const rest = slash < 0 ? '' : value.slice(slash);
  return `${host}${rest}`.replace(/_/g, ' ').replace(/[/#]+$/, '');
}

function findUrls(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // Sentence punctuation after a URL is not part of it; a closing bracket only when it has no opening one inside.
    let value = match[0].replace(/[.,;:!?]+$/, '');
    if (value.endsWith(')') && !value.includes('(')) value = value.slice(0, -1).replace(/[.,;:!?]+$/, '');
    found.push({ start: match.index!, end: match.index! + value.length });
  }
  return found;
}

// ---------------------------------------------------------------- the pipeline

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Merges overlapping or touching ranges; a range that touches a not-actioned URL becomes part of it. */
function merge(spans: RedactedSpan[]): RedactedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: RedactedSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      if (span.marker === 'not_actioned') last.marker = 'not_actioned';
    } else merged.push({ ...span });
  }
  return merged;
}

/** Marker text is not itself personal data: a redacted text redacts to itself. */
const MARKERS = /\[private\]|\[not actioned\]/g;

/** Characters the search snippets use to mark hits; they never appear in a stored notice. */
export const SNIPPET_START = '⟪';
export const SNIPPET_STOP = '⟫';

/**
 * Finds and replaces the personal data and not-actioned URLs of a text. Kept URLs are left as
 * they are, except for names in them (an article's title may be the person's name).
 */
export function redact(input: string, terms: RedactionTerms): Redaction {
  const text = input.replace(/\r\n?/g, '\n').replace(new RegExp(`[${SNIPPET_START}${SNIPPET_STOP}]`, 'g'), '');
  const folded = fold(text);
  const markers = [...text.matchAll(MARKERS)].map((match) => ({ start: match.index!, end: match.index! + match[0].length }));
  const notActioned = new Set(terms.notActionedUrls.map(normalizeUrl));
  const urls = findUrls(text);
  const spans: RedactedSpan[] = [];
  const kept: { start: number; end: number }[] = [];
  for (const url of urls) {
    if (notActioned.has(normalizeUrl(text.slice(url.start, url.end)))) spans.push({ ...url, marker: 'not_actioned', reason: 'url' });
    else kept.push(url);
  }
  const shielded = [...kept, ...markers];
  for (const found of findShapedData(text)) {
    // An e-mail address is hidden even inside a URL; other shapes in URLs are page ids, dates, revisions.
    if (found.reason !== 'email' && shielded.some((range) => overlaps(range, found))) continue;
    if (markers.some((range) => overlaps(range, found))) continue;
    spans.push({ start: found.start, end: found.end, marker: 'private', reason: found.reason });
  }
  for (const found of findNames(folded, terms.names)) {
    if (!markers.some((range) => overlaps(range, found))) spans.push({ ...found, marker: 'private', reason: 'name' });
  }
  for (const found of findLiterals(folded, terms.literals)) {
    if (!markers.some((range) => overlaps(range, found))) spans.push({ ...found, marker: 'private', reason: 'literal' });
  }
  const merged = merge(spans);
  let output = '';
  let at = 0;
  for (const span of merged) {
    output += text.slice(at, span.start) + (span.marker === 'private' ? PRIVATE_MARKER : NOT_ACTIONED_MARKER);
    at = span.end;
  }
  output += text.slice(at);
  return { text: output, spans: merged };
}

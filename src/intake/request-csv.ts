import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import type { FieldIssue } from '../errors.ts';
import { isCountryCode } from '../requests/countries.ts';
import type { NewRequest } from '../requests/create-requests.ts';
import { CATEGORIES_BY_KIND, KINDS, OUTCOMES, REQUESTER_TYPES, isCategoryOf, type Kind, type Outcome, type RequesterType } from '../requests/model.ts';
import { isProjectName } from '../requests/projects.ts';
import { parseInstant } from './parse-instant.ts';

/** The columns of the request import CSV, in the order PRODUCT.md §5 gives them. */
export const CSV_COLUMNS = [
  'reference',
  'kind',
  'category',
  'received_at',
  'country',
  'requester_type',
  'project',
  'outcome',
  'accounts_potentially_affected',
  'accounts_actually_affected',
  'accounts_notified',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** A row that passed validation, with the line it started on. */
export interface ParsedRow {
  line: number;
  request: NewRequest;
}

export interface ParsedCsv {
  rows: ParsedRow[];
  issues: FieldIssue[];
}

const MAX_COUNT = 2_147_483_647;
const REFERENCE = /^[A-Z][A-Z0-9]*-[0-9A-Za-z-]+$/;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Counts lines the way an editor shows them: a line ends at CRLF, LF or a lone CR. csv-parse's
 * own line count cannot be used for messages: it counts a CRLF inside a quoted field twice.
 * Both bytes are ASCII, so they never occur inside a multi-byte UTF-8 sequence.
 */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  /** The line the byte at `offset` is on; offsets must be asked for in increasing order. */
  lineAt(offset: number): number {
    for (; this.offset < offset && this.offset < this.bytes.length; this.offset++) {
      const byte = this.bytes[this.offset];
      if (byte === LF || (byte === CR && this.bytes[this.offset + 1] !== LF)) this.line += 1;
    }
    return this.line;
  }
}

/** The offset of the first byte at or after `offset` that is not a line break (where a record really starts). */
function skipLineBreaks(bytes: Buffer, offset: number): number {
  let at = offset;
  while (at < bytes.length && (bytes[at] === CR || bytes[at] === LF)) at += 1;
  return at;
}

/** The first line (1-based) that is not valid UTF-8, or 0 when the whole file is. */
function firstNonUtf8Line(bytes: Buffer): number {
  if (isUtf8(bytes)) return 0;
  const lines = new LineCounter(bytes);
  let start = 0;
  for (let at = 0; at <= bytes.length; at++) {
    if (at === bytes.length || bytes[at] === CR || bytes[at] === LF) {
      if (!isUtf8(bytes.subarray(start, at))) return lines.lineAt(start);
      start = at + 1;
    }
  }
  return lines.lineAt(bytes.length);
}

function readCount(value: string, field: Column, line: number, issues: FieldIssue[]): number {
  if (value === '') return 0;
  if (!/^\d+$/.test(value) || Number(value) > MAX_COUNT) {
    issues.push({ line, field, message: `"${value}" is not a whole number of accounts (0 or more)` });
    return 0;
  }
  return Number(value);
}

/**
 * One copy of each value that repeats from row to row (a kind, a country, a project), so that a
 * file of a million rows is not held as millions of copies of the same few hundred words.
 */
class SharedWords {
  private readonly words = new Map<string, string>();
  of(word: string): string {
    const known = this.words.get(word);
    if (known !== undefined) return known;
    this.words.set(word, word);
    return word;
  }
}

function validateRow(values: Record<Column, string>, line: number, issues: FieldIssue[], shared: SharedWords): NewRequest | undefined {
  const before = issues.length;
  const add = (field: Column, message: string) => issues.push({ line, field, message });

  const reference = values.reference;
  if (reference !== '' && !REFERENCE.test(reference)) add('reference', `"${reference}" is not a reference such as CR-2026-000123`);

  const kind = values.kind as Kind;
  const knownKind = (KINDS as readonly string[]).includes(kind);
  if (!knownKind) add('kind', values.kind === '' ? 'is required' : `unknown kind "${values.kind}"; expected one of ${KINDS.join(', ')}`);

  const category = values.category;
  if (knownKind && category !== '' && !isCategoryOf(kind, category)) {
    const allowed = CATEGORIES_BY_KIND[kind];
    add(
      'category',
      allowed.length === 0
        ? `must be empty for kind ${kind}, got "${category}"`
        : `unknown category "${category}" for kind ${kind}; expected one of ${allowed.join(', ')} or empty`,
    );
  }

  const receivedAt = parseInstant(values.received_at);
  if (!receivedAt) {
    add('received_at', values.received_at === '' ? 'is required' : `"${values.received_at}" is not an ISO 8601 date or time (such as 2026-03-31 or 2026-03-31T14:05:00Z)`);
  }

  const country = values.country.toUpperCase();
  if (country !== '' && !isCountryCode(country)) add('country', `"${values.country}" is not an ISO 3166-1 alpha-2 country code`);

  const requesterType = values.requester_type as RequesterType;
  if (values.requester_type !== '' && !(REQUESTER_TYPES as readonly string[]).includes(requesterType)) {
    add('requester_type', `unknown requester type "${values.requester_type}"; expected one of ${REQUESTER_TYPES.join(', ')} or empty`);
  }

  const project = values.project.toLowerCase();
  if (project !== '' && !isProjectName(project)) add('project', `"${values.project}" is not a project host name such as en.wikipedia.org`);

  const outcome = values.outcome as Outcome;
  if (values.outcome !== '' && !(OUTCOMES as readonly string[]).includes(outcome)) {
    add('outcome', `unknown outcome "${values.outcome}"; expected one of ${OUTCOMES.join(', ')} or empty`);
  }

  const accounts = {
    potentiallyAffected: readCount(values.accounts_potentially_affected, 'accounts_potentially_affected', line, issues),
    actuallyAffected: readCount(values.accounts_actually_affected, 'accounts_actually_affected', line, issues),
    notified: readCount(values.accounts_notified, 'accounts_notified', line, issues),
  };

  if (issues.length > before) return undefined;
  return {
    reference: reference || null,
    kind: shared.of(kind) as Kind,
    category: category ? shared.of(category) : null,
    channel: 'import',
    receivedAt: receivedAt!,
    outcome: values.outcome === '' ? null : (shared.of(outcome) as Outcome),
    requester: { type: values.requester_type === '' ? null : (shared.of(requesterType) as RequesterType), country: country ? shared.of(country) : null },
    accounts,
    targets: project ? [{ type: 'project', project: shared.of(project) }] : [],
  };
}

/**
 * Reads a request import file completely and validates every row against the contract,
 * collecting every problem as `line N: field: message` rather than stopping at the first.
 */
export function parseRequestCsv(bytes: Buffer): ParsedCsv {
  const issues: FieldIssue[] = [];
  const badLine = firstNonUtf8Line(bytes);
  if (badLine > 0) return { rows: [], issues: [{ line: badLine, field: 'file', message: 'is not valid UTF-8 text' }] };
  // The BOM some spreadsheets write is not part of the header; offsets below are into `content`.
  const content = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const text = content.toString('utf8');
  if (text.trim() === '') {
    return { rows: [], issues: [{ line: 1, field: 'file', message: `is empty; expected a header row: ${CSV_COLUMNS.join(',')}` }] };
  }

  // Each record with the line it starts on: past the byte offset where the previous record
  // ended, and past the empty lines csv-parse skips. Records are checked as they are read, so
  // that a large file is never held as records and rows at once.
  const lines = new LineCounter(content);
  const rows: ParsedRow[] = [];
  const seenReferences = new Map<string, number>();
  const shared = new SharedWords();
  let header: string[] | undefined;
  let headerLine = 1;
  let headerBad = false;
  let records = 0;
  let end = 0;
  const take = (record: string[], line: number) => {
    records += 1;
    if (!header) {
      header = record.map((name) => name.trim());
      headerLine = line;
      const missing = CSV_COLUMNS.filter((column) => !header!.includes(column));
      const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
      const repeated = header.filter((name, i) => header!.indexOf(name) !== i);
      if (missing.length > 0) issues.push({ line, field: 'header', message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
      if (unknown.length > 0) issues.push({ line, field: 'header', message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` });
      if (repeated.length > 0) issues.push({ line, field: 'header', message: `repeated column ${repeated.join(', ')}` });
      headerBad = issues.length > 0;
      return;
    }
    if (headerBad) return;
    if (record.length !== header.length) {
      const columns = `${record.length} column${record.length === 1 ? '' : 's'}`;
      issues.push({ line, field: 'row', message: `has ${columns}; the header has ${header.length}` });
      return;
    }
    const values = {} as Record<Column, string>;
    for (let i = 0; i < header.length; i++) values[header[i] as Column] = record[i]!.trim();
    const request = validateRow(values, line, issues, shared);
    if (!request) return;
    if (request.reference) {
      const earlier = seenReferences.get(request.reference);
      if (earlier !== undefined) {
        issues.push({ line, field: 'reference', message: `"${request.reference}" already appears on line ${earlier}` });
        return;
      }
      seenReferences.set(request.reference, line);
    }
    rows.push({ line, request });
  };
  try {
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { bytes: number }) => {
        take(record, lines.lineAt(skipLineBreaks(content, end)));
        end = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      // The record being read when the error struck starts after the last complete one; that is
      // where an unclosed quote was opened, and the line to look at.
      const line = lines.lineAt(skipLineBreaks(content, end));
      return { rows: [], issues: [{ line, field: 'csv', message: error.message.replace(/ at line \d+.*$/s, '') }] };
    }
    throw error;
  }
  if (!header) return { rows: [], issues: [{ line: 1, field: 'file', message: `is empty; expected a header row: ${CSV_COLUMNS.join(',')}` }] };
  if (headerBad) return { rows: [], issues };
  if (records === 1) issues.push({ line: headerLine + 1, field: 'file', message: 'has a header but no request rows' });
  return { rows, issues };
}

import type { Kysely } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { canonicalJson } from './canonical-json.ts';
import { eventsInChunks, type AuditEventView, type AuditFilters } from './list-events.ts';

/** The columns of an export: every field the hash covers, the hash itself, and whether the payload was withheld. */
export const EXPORT_COLUMNS = ['id', 'occurred_at', 'actor', 'action', 'subject_type', 'subject_id', 'payload', 'prev_hash', 'hash', 'payload_restricted'] as const;

// A spreadsheet takes a cell that begins with one of these for a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A cell a spreadsheet would run as a formula gets a leading `'`, and so does one that already
 * begins with `'`, so a reader recovers every value exactly by dropping one leading `'`.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** An event's exported fields. The payload is written as canonical JSON, the text its hash covers. */
function csvRow(event: AuditEventView): string {
  return csvLine([
    String(event.id),
    event.occurredAt.toISOString(),
    event.actor,
    event.action,
    event.subjectType,
    event.subjectId === null ? '' : String(event.subjectId),
    event.restricted ? '' : canonicalJson(event.payload),
    event.prevHash,
    event.hash,
    event.restricted ? 'true' : 'false',
  ]);
}

/**
 * The filtered events as CSV, oldest first, produced a chunk at a time. With the hash-chain fields
 * a recipient can recompute each event's hash and check that each follows the one before it.
 */
export async function* auditCsv(db: Kysely<Database>, staff: StaffSession, filters: AuditFilters): AsyncGenerator<string> {
  yield csvLine([...EXPORT_COLUMNS]);
  for await (const events of eventsInChunks(db, staff, filters)) yield events.map(csvRow).join('');
}

function jsonEvent(event: AuditEventView): string {
  return JSON.stringify({
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    payload: event.restricted ? null : event.payload,
    prev_hash: event.prevHash,
    hash: event.hash,
    payload_restricted: event.restricted,
  });
}

/** The filtered events as one JSON document, oldest first, produced a chunk at a time. */
export async function* auditJson(db: Kysely<Database>, staff: StaffSession, filters: AuditFilters, exportedAt = new Date()): AsyncGenerator<string> {
  const described = Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
  yield `{"exported_at":${JSON.stringify(exportedAt.toISOString())},"filters":${JSON.stringify(described)},"events":[`;
  let first = true;
  for await (const events of eventsInChunks(db, staff, filters)) {
    const text = events.map(jsonEvent).join(',\n');
    yield first ? `\n${text}` : `,\n${text}`;
    first = false;
  }
  yield '\n]}\n';
}

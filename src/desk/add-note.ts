import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { staffActor } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

export const NOTE_MAX = 20_000;

/**
 * Keeps an internal note on a request. Notes are for staff only: nothing in Candor sends them,
 * and the audit event records that a note was added, not what it says.
 */
export async function addNote(db: Kysely<Database>, staff: StaffSession, reference: string, body: string): Promise<number> {
  const text = body.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) throw new ValidationError([{ field: 'note', message: 'is required', code: 'desk-error-note-empty' }]);
  if (text.length > NOTE_MAX) throw new ValidationError([{ field: 'note', message: `is longer than ${NOTE_MAX} characters`, code: 'desk-error-too-long', params: [NOTE_MAX] }]);
  return db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference);
    const note = await trx.insertInto('request_notes').values({ request_id: request.id, author_id: staff.userId, body: text }).returning('id').executeTakeFirstOrThrow();
    await appendEvent(trx, { actor: staffActor(staff), action: 'request.note_added', subjectType: 'request', subjectId: request.id, payload: { reference: request.reference, note_id: note.id } });
    return note.id;
  });
}

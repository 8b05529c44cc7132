import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, type StaffSession } from './sessions.ts';

/** One live session as its owner sees it. */
export interface LiveSession {
  id: number;
  browser: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The session to revoke is not a live session of this member of staff. */
export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('auth-error-session-not-found');
  }
}

/** A member of staff's sessions that still work (not revoked, idle or too old), newest first. */
export async function listLiveSessions(db: Kysely<Database>, staff: StaffSession, now = new Date()): Promise<LiveSession[]> {
  const rows = await db
    .selectFrom('staff_sessions')
    .select(['id', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', staff.userId)
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>', new Date(now.getTime() - IDLE_TIMEOUT_MS))
    .where('created_at', '>', new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, browser: row.user_agent, createdAt: row.created_at, lastSeenAt: row.last_seen_at, current: row.id === staff.sessionId }));
}

/** Ends one of a member of staff's own sessions, with its audit event. */
export async function endSession(db: Kysely<Database>, staff: StaffSession, sessionId: number, reason: 'signed_out' | 'revoked', now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('staff_sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('user_id', '=', staff.userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new SessionNotFoundError();
    await appendEvent(trx, {
      actor: `staff:${staff.userId}`,
      action: reason === 'signed_out' ? 'staff.signed_out' : 'staff.session_revoked',
      subjectType: 'staff_user',
      subjectId: staff.userId,
      payload: { session_id: sessionId, from_session_id: staff.sessionId },
      occurredAt: now,
    });
  });
}

/** Ends every session of a member of staff but the one making the request ("sign out everywhere else"). */
export async function endOtherSessions(db: Kysely<Database>, staff: StaffSession, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('staff_sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', staff.userId)
      .where('id', '!=', staff.sessionId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    await appendEvent(trx, { actor: `staff:${staff.userId}`, action: 'staff.other_sessions_revoked', subjectType: 'staff_user', subjectId: staff.userId, payload: { session_ids: ended.map((row) => row.id), from_session_id: staff.sessionId }, occurredAt: now });
    return ended.length;
  });
}

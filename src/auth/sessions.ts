import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { isRole, type Role } from './permissions.ts';

/** A session ends after this long without a request… */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Entering the second factor again is asked for when the last time is older than this. */
export const STEP_UP_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * The session cookie. `__Host-` binds it to this host and path `/` and requires Secure, so a
 * subdomain or plain-HTTP page can neither set nor read it.
 */
export const SESSION_COOKIE = '__Host-candor-session';

/** The signed-in member of staff behind a console request. */
export interface StaffSession {
  sessionId: number;
  userId: number;
  email: string;
  displayName: string | null;
  role: Role;
  csrfToken: string;
  createdAt: Date;
  steppedUpAt: Date | null;
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session for a user who has just proved both factors; returns the cookie's token. */
export async function createSession(db: Kysely<Database>, userId: number, userAgent: string | undefined, now = new Date()): Promise<{ token: string; sessionId: number }> {
  const token = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('staff_sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      stepped_up_at: now,
      user_agent: userAgent ? describeBrowser(userAgent) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, sessionId: row.id };
}

/**
 * The live session a cookie names, or undefined: unknown, revoked, idle for 30 minutes, older
 * than 12 hours, or of a disabled account. A live one is marked as seen (at most once a minute).
 */
export async function loadSession(db: Kysely<Database>, token: string | undefined, now = new Date()): Promise<StaffSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.stepped_up_at', 's.revoked_at', 'u.email', 'u.display_name', 'u.role', 'u.disabled_at'])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at || !isRole(row.role)) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > IDLE_TIMEOUT_MS) return undefined;
  if (now.getTime() - row.created_at.getTime() > ABSOLUTE_TIMEOUT_MS) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return {
    sessionId: row.id,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    steppedUpAt: row.stepped_up_at,
  };
}

/** Ends one session of a user (their own, or any for an admin acting on the user's behalf). */
export async function revokeSession(db: Kysely<Database>, userId: number, sessionId: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every session of a user, e.g. when the account is disabled or its password reset. */
export async function revokeAllSessions(db: Kysely<Database>, userId: number, now = new Date()): Promise<void> {
  await db.updateTable('staff_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Records that the second factor was entered again in this session. */
export async function markSteppedUp(db: Kysely<Database>, sessionId: number, now = new Date()): Promise<void> {
  await db.updateTable('staff_sessions').set({ stepped_up_at: now }).where('id', '=', sessionId).execute();
}

/** Whether the session entered its second factor recently enough to disclose user data or publish. */
export function isSteppedUp(session: StaffSession, now = new Date()): boolean {
  return session.steppedUpAt !== null && now.getTime() - session.steppedUpAt.getTime() <= STEP_UP_MAX_AGE_MS;
}

/** Compares a submitted CSRF token with the session's, in constant time. */
export function csrfMatches(session: StaffSession, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "Firefox on Linux": enough to tell sessions apart, without keeping the whole user-agent string. */
export function describeBrowser(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chromium' : /Safari\//.test(userAgent) ? 'Safari' : 'a browser';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : 'an unknown system';
  return `${browser} on ${system}`;
}

/** Ends the session a cookie names, whoever it belongs to: signing in again in a browser replaces its session. */
export async function revokeSessionToken(db: Kysely<Database>, token: string | undefined, now = new Date()): Promise<void> {
  if (!token || token.length > 100) return;
  await db.updateTable('staff_sessions').set({ revoked_at: now }).where('token_hash', '=', sha256(token)).where('revoked_at', 'is', null).execute();
}

import type { Kysely } from 'kysely';
import type { Role } from '../../src/auth/permissions.ts';
import { SESSION_COOKIE, createSession } from '../../src/auth/sessions.ts';
import type { Database } from '../../src/db/database.ts';

/** A signed-in member of staff for a test: the cookie header to send and the CSRF token forms carry. */
export interface StaffLogin {
  userId: number;
  sessionId: number;
  email: string;
  role: Role;
  cookie: string;
  csrf: string;
}

/**
 * Creates an activated staff account and a live session for it directly in the database, for
 * tests of what the console does once signed in (signing in itself is tested through its pages).
 * With the embedded database, call it before the server opens the folder.
 */
export async function createStaffLogin(db: Kysely<Database>, role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@staff.example`): Promise<StaffLogin> {
  const user = await db
    .insertInto('staff_users')
    .values({ email, role, display_name: `Test ${role}`, activated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token, sessionId } = await createSession(db, user.id, 'test');
  const session = await db.selectFrom('staff_sessions').select('csrf_token').where('id', '=', sessionId).executeTakeFirstOrThrow();
  return { userId: user.id, sessionId, email, role, cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrf_token };
}

/** Posts a console form as a browser of this site would, with the session cookie and (unless told otherwise) its CSRF token. */
export function postForm(url: string, login: StaffLogin | undefined, fields: Record<string, string | string[]>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  const csrf = options.csrf === undefined ? login?.csrf : options.csrf;
  if (csrf) body.set('_csrf', csrf);
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(login ? { cookie: login.cookie } : {}), ...options.headers },
    body,
  });
}

/** Gets a console page with the session cookie, without following redirects. */
export function getPage(url: string, login: StaffLogin | undefined, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: { ...(login ? { cookie: login.cookie } : {}), ...headers } });
}

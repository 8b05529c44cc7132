import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/connect.ts';
import { CONSOLE_PERMISSIONS, roleHolds, type ConsolePermission } from '../auth/permissions.ts';
import { SESSION_COOKIE, csrfMatches, loadSession, type StaffSession } from '../auth/sessions.ts';
import { DomainError, ForbiddenError } from '../errors.ts';

export { ForbiddenError };

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff, on console routes. */
    staff?: StaffSession;
  }
}

/** No live session: the reader is sent to the sign-in page. */
export class SignInRequiredError extends DomainError {
  constructor() {
    super('console-error-sign-in-required');
  }
}


/** A state-changing console request without the session's CSRF token (or from another site). */
export class CsrfError extends DomainError {
  constructor() {
    super('console-error-csrf');
  }
}

/** Whether a permission name is one of the console's (as opposed to public or an API scope). */
export function isConsolePermission(permission: string): permission is ConsolePermission {
  return Object.hasOwn(CONSOLE_PERMISSIONS, permission);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser says where a request comes from (Sec-Fetch-Site, Origin). A request another site
 * made is refused even before the token is checked; a client that says nothing (an older browser,
 * a script) still needs the token. Sec-Fetch-Site, where sent, decides: under the pages'
 * `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` even with a form of this very
 * page, so Origin is only consulted from browsers without Sec-Fetch-Site.
 */
export function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** The session cookie of a request, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies?.[SESSION_COOKIE];
}

/**
 * The check every console route runs before its handler: a live session, a role that holds the
 * route's permission, and, for anything but reading, the session's CSRF token in the form field
 * `_csrf` (or the `x-csrf-token` header) from a page of this site.
 */
export function consoleGuard(handle: DatabaseHandle, permission: ConsolePermission) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const staff = await loadSession(handle.db, sessionToken(request));
    if (!staff) throw new SignInRequiredError();
    request.staff = staff;
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const submitted = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
      if (fromAnotherSite(request) || !csrfMatches(staff, submitted)) throw new CsrfError();
    }
    if (!roleHolds(staff.role, permission)) throw new ForbiddenError();
  };
}

// The class lives with the rest of signing in (services raise it); exported here as before.
export { StepUpRequiredError } from '../auth/step-up.ts';

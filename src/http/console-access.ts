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
    /** The files of a console form sent as multipart, on routes that take uploads. */
    uploads?: UploadedFile[];
  }
}

/** A file a console form sent. */
export interface UploadedFile {
  field: string;
  filename: string;
  content: Buffer;
}

/** How much a console route that takes uploads accepts in one form. */
export interface UploadLimits {
  files: number;
  fileBytes: number;
}

/** A multipart form the parser could not read to its end. */
export class UploadMalformedError extends DomainError {
  constructor() {
    super('media-error-upload-malformed');
  }
}

/** A file larger than the route takes, or more files than it takes: the form is refused. */
export class UploadTooLargeError extends DomainError {
  constructor(limits: UploadLimits) {
    super('media-error-upload-too-large', [Math.round(limits.fileBytes / 1024 / 1024), limits.files]);
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
export function consoleGuard(handle: DatabaseHandle, permission: ConsolePermission, uploads?: UploadLimits) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const staff = await loadSession(handle.db, sessionToken(request));
    if (!staff) throw new SignInRequiredError();
    request.staff = staff;
    if (uploads && !SAFE_METHODS.has(request.method) && request.isMultipart()) {
      // A multipart form's token is inside its body: the body is read only for a role that may
      // send it, from a page of this site, and only then is the token checked.
      if (fromAnotherSite(request)) throw new CsrfError();
      if (!roleHolds(staff.role, permission)) throw new ForbiddenError();
      await readMultipartForm(request, uploads);
    }
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

/** Reads a multipart console form: its fields become the body (first value of each), its files `request.uploads`. */
async function readMultipartForm(request: FastifyRequest, limits: UploadLimits): Promise<void> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.parts({ limits: { files: limits.files, fileSize: limits.fileBytes } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.filename || content.length > 0) files.push({ field: part.fieldname, filename: part.filename, content });
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') throw new UploadTooLargeError(limits);
    // Anything else that stops the parser (a cut-off body, a missing boundary) is a form sent wrong.
    if (!(error as { statusCode?: number }).statusCode || (error as { statusCode: number }).statusCode < 500) throw new UploadMalformedError();
    throw error;
  }
  request.body = fields;
  request.uploads = files;
}

// What the server's log leaves out: credentials, bodies, client addresses, tokens in URLs.

/** Fields never written to the log, wherever a handler puts them (one level deep, and at the top). */
const SECRET_FIELDS = ['password', 'newPassword', 'token', 'secret', 'authorization', 'cookie', 'csrf', '_csrf', 'body', 'text', 'ip', 'remoteAddress'];
const SECRETS = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));
const CENSOR = '[redacted]';
/**
 * Fields of an error that may quote personal data, blanked out as the error is logged: the values
 * a constraint refused and the statement's context (pg's `detail`, `where`, `internalQuery`), and
 * a mail server's answer with the addresses it took or refused (nodemailer's `response`,
 * `rejected`, `envelope`, `command`), besides the message's own parts.
 */
const ERROR_FIELDS = ['detail', 'where', 'hint', 'internalQuery', 'query', 'parameters', 'response', 'rejected', 'rejectedErrors', 'accepted', 'envelope', 'command', 'subject', 'raw', 'html', 'to', 'from', 'cc', 'bcc'];
const ERROR_SECRETS = new Set([...SECRETS, ...ERROR_FIELDS.map((field) => field.toLowerCase())]);
/** An e-mail address in an error's message or stack (`550 5.1.1 <someone@example.org>: unknown user`). */
const EMAIL_ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * A copy of `error` (same class, so it is logged with its type) with the fields that may hold
 * personal data blanked out and e-mail addresses taken out of its message and stack; its cause
 * and the errors it aggregates alike, a few levels down.
 */
function withoutPersonalData(error: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Reflect.ownKeys(error)) {
    const { enumerable } = Object.getOwnPropertyDescriptor(error, key)!;
    let value: unknown = (error as unknown as Record<string | symbol, unknown>)[key];
    if (typeof key === 'string') {
      if (ERROR_SECRETS.has(key.toLowerCase())) value = CENSOR;
      else if ((key === 'message' || key === 'stack') && typeof value === 'string') value = value.replace(EMAIL_ADDRESS, '[address]');
      else if (value instanceof Error) value = depth > 0 ? withoutPersonalData(value, depth - 1) : CENSOR;
      else if (key === 'errors' && Array.isArray(value)) value = value.map((item: unknown) => (item instanceof Error && depth > 0 ? withoutPersonalData(item, depth - 1) : CENSOR));
    }
    Object.defineProperty(copy, key, { value, enumerable, writable: true, configurable: true });
  }
  return copy;
}

/** `object` with its secret fields blanked out; the object itself when it has none. */
function withoutSecrets(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const value = object[key];
    let clean = value;
    if (SECRETS.has(key.toLowerCase())) clean = CENSOR;
    else if (depth > 0 && isPlainObject(value)) clean = withoutSecrets(value, depth - 1);
    // Errors are rare in the log, and may quote whatever the statement or the mail server saw: each is copied without it.
    else if (value instanceof Error) clean = withoutPersonalData(value, 3);
    if (clean !== value) (copy ??= { ...object })[key] = clean;
  }
  return copy ?? object;
}

/**
 * Blanks out credentials and bodies (SECRET_FIELDS) in whatever a handler logs, at the top and
 * one level deep (`{ form: { password } }`, `{ headers: { authorization } }`), and the fields of
 * an error that may hold personal data (ERROR_FIELDS), as pino's `formatters.log`. The requests
 * and replies the logger serializes itself (`req`, `res`) are written by the serializers given
 * with it, which keep only method, path and status. It copies nothing when there is nothing to
 * blank, which is every request line: the server logs two per request, and pino's path-based
 * redaction, which walks every field of every line for its wildcards, cost about a tenth of the
 * time of serving a cached page.
 */
export function redactLogFields(object: Record<string, unknown>): Record<string, unknown> {
  return withoutSecrets(object, 1);
}

/** A run of characters long enough to hold a TOKEN_LIKE segment. */
const LONG_RUN = /[A-Za-z0-9_-]{20}/;

/** A path segment that looks like a random credential (a set-up link's token, say): long, with capitals and digits. */
const TOKEN_LIKE = /^(?=[A-Za-z0-9_-]{20,}$)(?=.*[A-Z])(?=.*[0-9]).*$/;

/**
 * The request path as logged: without its query string (which may carry a token) and with any
 * segment that looks like a credential replaced by an ellipsis.
 */
export function loggablePath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  // Nearly every path has no segment long enough to be a credential: it is logged as it is, without being taken apart.
  if (!LONG_RUN.test(path) && !path.startsWith('/console/welcome/')) return path;
  return path
    .split('/')
    .map((segment) => (TOKEN_LIKE.test(segment) ? '…' : segment))
    .join('/')
    .replace(/^\/console\/welcome\/[^/]+/, '/console/welcome/…');
}

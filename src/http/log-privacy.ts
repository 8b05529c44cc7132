// What the server's log leaves out: credentials, bodies, client addresses, tokens in URLs.
import pino from 'pino';

/** Fields never written to the log, wherever a handler puts them (one level deep, and at the top). */
const SECRET_FIELDS = ['password', 'newPassword', 'token', 'secret', 'authorization', 'cookie', 'csrf', '_csrf', 'body', 'text', 'ip', 'remoteAddress'];
const SECRETS = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));
const CENSOR = '[redacted]';

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `object` with its secret fields blanked out; the object itself when it has none. */
function withoutSecrets(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const value = object[key];
    let clean = value;
    if (SECRETS.has(key.toLowerCase())) clean = CENSOR;
    else if (depth > 0 && isPlainObject(value)) clean = withoutSecrets(value, depth - 1);
    // An error carrying a secret of its own (`error.body`) is written as its serializer would, without it.
    else if (depth > 0 && value instanceof Error && Object.keys(value).some((field) => SECRETS.has(field.toLowerCase()))) clean = withoutSecrets(pino.stdSerializers.err(value) as unknown as Record<string, unknown>, 0);
    if (clean !== value) (copy ??= { ...object })[key] = clean;
  }
  return copy ?? object;
}

/**
 * Blanks out credentials and bodies (SECRET_FIELDS) in whatever a handler logs, at the top and
 * one level deep (`{ form: { password } }`, `{ headers: { authorization } }`), as pino's
 * `formatters.log`. The requests and replies the logger serializes itself (`req`, `res`) are
 * written by the serializers given with it, which keep only method, path and status. It copies nothing when there is nothing to blank, which is every
 * request line: the server logs two per request, and pino's path-based redaction, which walks
 * every field of every line for its wildcards, cost about a tenth of the time of serving a cached
 * page.
 */
export function redactLogFields(object: Record<string, unknown>): Record<string, unknown> {
  return withoutSecrets(object, 1);
}

/** A path segment that looks like a random credential (a set-up link's token, say): long, with capitals and digits. */
const TOKEN_LIKE = /^(?=[A-Za-z0-9_-]{20,}$)(?=.*[A-Z])(?=.*[0-9]).*$/;

/**
 * The request path as logged: without its query string (which may carry a token) and with any
 * segment that looks like a credential replaced by an ellipsis.
 */
export function loggablePath(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) => (TOKEN_LIKE.test(segment) ? '…' : segment))
    .join('/')
    .replace(/^\/console\/welcome\/[^/]+/, '/console/welcome/…');
}

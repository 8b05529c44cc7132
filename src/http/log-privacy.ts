// What the server's log leaves out: credentials, bodies, client addresses, tokens in URLs.

/** Fields never written to the log, wherever a handler puts them (one level deep, and at the top). */
const SECRET_FIELDS = ['password', 'newPassword', 'token', 'secret', 'authorization', 'cookie', 'csrf', '_csrf', 'body', 'text', 'ip', 'remoteAddress'];
/** The pino redaction paths the server logs with. */
export const REDACTED_LOG_FIELDS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
];

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

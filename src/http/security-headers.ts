import type { FastifyReply } from 'fastify';

/** The policy of an HTML answer that did not set its own: scripts and styles from this site only. */
const DEFAULT_HTML_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The headers every answer carries, for readers' privacy and safety: nothing loads from
 * elsewhere, no referrer leaks, no framing, no other site keeps a handle on our windows or
 * embeds our responses. A page that set its own, stricter policy (the site's pages: no script
 * at all) keeps it.
 */
export function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', DEFAULT_HTML_CSP);
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';

/** The language of a public page from its `:lang` parameter; one without a catalog is a 404. */
export function pageLanguage(request: FastifyRequest): string {
  const { lang } = request.params as { lang: string };
  if (!LANGUAGES.includes(lang)) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
  return lang;
}

/** Sends a rendered page; kept by no cache unless `cacheControl` says otherwise. */
export function sendHtml(reply: FastifyReply, status: number, body: string | Buffer, cacheControl = 'no-store') {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', cacheControl).send(body);
}

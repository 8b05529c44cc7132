import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseInUseError } from '../db/lock.ts';
import { DomainError, NotFoundError, ValidationError, formatIssue } from '../errors.ts';
import { negotiateLanguage, translator } from '../i18n/translate.ts';
import { InvalidPeriodError } from '../transparency/period.ts';

/** The HTTP status for each kind of domain error; everything else is a 500 with a generic message. */
function statusOf(error: DomainError): number {
  if (error instanceof ValidationError || error instanceof InvalidPeriodError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof DatabaseInUseError) return 503;
  return 400;
}

/** The error body every API answer shares: a stable code and a message in the reader's language. */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: string[];
}

function errorCode(key: string): string {
  return key.replace(/^error-/, '').replace(/-/g, '_');
}

/**
 * Maps every error to a clear answer at the edge: domain errors to 4xx with their message
 * translated, Fastify's own (schema, body size, content type) to their status, and anything
 * unexpected to a 500 that logs the details and shows none of them.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const t = translator(negotiateLanguage(request.headers['accept-language']));
    if (error instanceof DomainError) {
      const body: ErrorBody = { error: errorCode(error.code), message: t(error.code, ...error.params) };
      if (error instanceof ValidationError) body.issues = error.issues.map(formatIssue);
      return reply.status(statusOf(error)).send(body);
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'bad_request', message: t('error-bad-request', error.message) });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: errorCode(error.code ?? 'bad-request').toLowerCase(), message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: t('error-internal') });
  });
  app.setNotFoundHandler((request, reply) => {
    const t = translator(negotiateLanguage(request.headers['accept-language']));
    return reply.status(404).send({ error: 'not_found', message: t('error-route-not-found', request.url.split('?')[0]!) });
  });
}

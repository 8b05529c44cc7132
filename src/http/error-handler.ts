import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TokenInvalidError, TokenScopeError } from '../auth/api-tokens.ts';
import { DatabaseInUseError } from '../db/lock.ts';
import { AccessDeniedError, DomainError, NotFoundError, UnavailableError, ValidationError, formatIssue, type FieldIssue } from '../errors.ts';
import { negotiateLanguage, translator, type Translate } from '../i18n/translate.ts';
import { schemaIssues } from '../intake/validate-input.ts';
import { consoleError } from './console-errors.tsx';

/** The error body every API answer shares: a stable code and a message in the reader's language. */
export const ErrorBodySchema = Type.Object({
  error: Type.String({ description: 'A stable code, e.g. validation, invalid_period, not_found' }),
  message: Type.String({ description: "What went wrong, in the reader's language (Accept-Language)" }),
  issues: Type.Optional(Type.Array(Type.String(), { description: 'One line per problem: field: message' })),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()), { description: 'In a batch: the problems keyed by the position of the request' })),
});

/** The API takes JSON only, even where the site's forms take url-encoded bodies. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor() {
    super('error-unsupported-media-type');
  }
}

/** The HTTP status for each kind of domain error. */
function statusOf(error: DomainError): number {
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof TokenInvalidError) return 401;
  if (error instanceof TokenScopeError || error instanceof AccessDeniedError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof DatabaseInUseError || error instanceof UnavailableError) return 503;
  return 400;
}

function errorCode(key: string): string {
  return key.replace(/^error-/, '').replace(/-/g, '_');
}

function translateIssue(t: Translate, issue: FieldIssue): string {
  const message = issue.code ? t(issue.code, ...(issue.params ?? [])) : issue.message;
  return formatIssue({ ...issue, message });
}

/** Batch problems keyed by the position of their request: `{"3": ["kind: is required"]}`. */
function byPosition(lines: { field: string; text: string }[]): Record<string, string[]> {
  const keyed: Record<string, string[]> = {};
  for (const { field, text } of lines) {
    const match = /^requests\[(\d+)\]\.?/.exec(field);
    (keyed[match ? match[1]! : 'batch'] ??= []).push(match ? text.slice(match[0].length) || text : text);
  }
  return keyed;
}

function validationBody(t: Translate, request: FastifyRequest, issues: readonly FieldIssue[]) {
  const lines = issues.map((issue) => ({ field: issue.field, text: translateIssue(t, issue) }));
  const body: Record<string, unknown> = {
    error: 'validation',
    message: t('error-validation', issues.length),
    issues: lines.map((line) => line.text),
  };
  if ((request.routeOptions.config as { batch?: boolean } | undefined)?.batch) body.errors = byPosition(lines);
  return body;
}

const FASTIFY_ERRORS: Record<string, { status: number; key: string; params?: (error: FastifyError, request: FastifyRequest) => (string | number)[] }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, key: 'error-unsupported-media-type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, key: 'error-body-too-large', params: (_error, request) => [request.routeOptions.bodyLimit ?? 0] },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, key: 'error-invalid-json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, key: 'error-invalid-json' },
};

/**
 * What the multipart parser (busboy, under @fastify/multipart) throws for a body that is not
 * well-formed multipart: the client's mistake, so a 400, not a 500. Limits (FST_PARTS_LIMIT, …)
 * carry their own 4xx status and need no entry here.
 */
const MALFORMED_MULTIPART =
  /^(Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data|Multipart: Boundary not found|Boundary required|The needle cannot be an empty String\/Buffer\.|The needle cannot have a length bigger than 256\.)$/;

/**
 * Maps every error to a clear answer at the edge: domain errors to 4xx with their message
 * translated, Fastify's own (schema, body size, content type) to their status, and anything
 * unexpected to a 500 that logs the details and shows none of them.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (request.url === '/console' || request.url.startsWith('/console/') || request.url.startsWith('/console?')) return consoleError(error, request, reply);
    const t = translator(negotiateLanguage(request.headers['accept-language']));
    if (error instanceof ValidationError) return reply.status(400).send(validationBody(t, request, error.issues));
    if (error instanceof DomainError) {
      if (error instanceof TokenInvalidError) reply.header('www-authenticate', 'Bearer');
      return reply.status(statusOf(error)).send({ error: errorCode(error.code), message: t(error.code, ...error.params) });
    }
    if (error.validation) {
      const prefix = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}.` : '';
      const issues = schemaIssues(error.validation as never).map((issue) => ({ ...issue, field: issue.field === 'body' && prefix ? prefix.slice(0, -1) : `${prefix}${issue.field}` }));
      return reply.status(400).send(validationBody(t, request, issues));
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: errorCode(known.key), message: t(known.key, ...(known.params?.(error, request) ?? [])) });
    if (!error.statusCode && MALFORMED_MULTIPART.test(error.message) && /^multipart\//i.test(request.headers['content-type'] ?? '')) {
      return reply.status(400).send({ error: 'bad_request', message: t('error-bad-request', error.message) });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: 'bad_request', message: t('error-bad-request', error.message) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: t('error-internal') });
  });
  app.setNotFoundHandler((request, reply) => {
    const t = translator(negotiateLanguage(request.headers['accept-language']));
    return reply.status(404).send({ error: 'not_found', message: t('error-route-not-found', request.url.split('?')[0]!) });
  });
}

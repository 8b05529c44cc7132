import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TokenInvalidError, TokenScopeError } from '../auth/api-tokens.ts';
import { DatabaseInUseError } from '../db/lock.ts';
import { AccessDeniedError, DomainError, NotFoundError, UnavailableError, ValidationError, formatIssue, type FieldIssue } from '../errors.ts';
import { LANGUAGES, negotiateLanguage, translator, type Translate } from '../i18n/translate.ts';
import { schemaIssues } from '../intake/validate-input.ts';
import { pageContext } from '../site/layout.tsx';
import { setSecurityHeaders } from './security-headers.ts';
import { renderSiteError } from '../site/pages/site-error.tsx';
import { consoleError } from './console-errors.tsx';
import { SITE_CSP } from './routes/site.tsx';

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

/** An error's answer: its status and the JSON body the API gives (also what a site page shows of it). */
interface Answer {
  status: number;
  body: { error: string; message: string; issues?: string[] };
}

function answerOf(error: FastifyError, request: FastifyRequest, t: Translate): Answer {
  if (error instanceof ValidationError) return { status: 400, body: validationBody(t, request, error.issues) as Answer['body'] };
  if (error instanceof DomainError) return { status: statusOf(error), body: { error: errorCode(error.code), message: t(error.code, ...error.params) } };
  if (error.validation) {
    const prefix = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}.` : '';
    const issues = schemaIssues(error.validation as never).map((issue) => ({ ...issue, field: issue.field === 'body' && prefix ? prefix.slice(0, -1) : `${prefix}${issue.field}` }));
    return { status: 400, body: validationBody(t, request, issues) as Answer['body'] };
  }
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  if (known) return { status: known.status, body: { error: errorCode(known.key), message: t(known.key, ...(known.params?.(error, request) ?? [])) } };
  if (!error.statusCode && MALFORMED_MULTIPART.test(error.message) && /^multipart\//i.test(request.headers['content-type'] ?? '')) {
    return { status: 400, body: { error: 'bad_request', message: t('error-bad-request', error.message) } };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, body: { error: 'bad_request', message: t('error-bad-request', error.message) } };
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, body: { error: 'internal', message: t('error-internal') } };
}

/** Paths whose errors stay JSON: the API, metrics and health checks, and files (assets, media); the console has its own pages. */
const NOT_PAGES = /^\/(?:api|console|metrics|healthz|assets|media)(?:[/?]|$)/;

/** Where a request for a page of the public site stands: its language (the path's, else the reader's) and its path without it; undefined for the API and the rest. */
function sitePage(request: FastifyRequest): { lang: string; negotiated: boolean; path: string; asked: string } | undefined {
  const asked = request.url.split('?')[0]!;
  if (NOT_PAGES.test(asked)) return undefined;
  const first = /^\/([^/]*)/.exec(asked)?.[1] ?? '';
  if (LANGUAGES.includes(first)) return { lang: first, negotiated: false, path: asked.slice(first.length + 1) || '/', asked };
  return { lang: negotiateLanguage(request.headers['accept-language']), negotiated: true, path: asked, asked };
}

/**
 * A public page's error as a page of the site, in its language, with its navigation, switcher
 * and policy: a reader who follows a bad link is not left with JSON. The switcher leads to the
 * home page of each language, since the same path is missing in every one.
 */
function sendSitePage(reply: FastifyReply, site: NonNullable<ReturnType<typeof sitePage>>, { status, body }: Answer) {
  const context = pageContext(site.lang, site.path, { versions: { paths: new Map(), fallback: '/' } });
  const details = status === 404 || status >= 500 ? [] : (body.issues ?? [body.message]);
  const html = renderSiteError(context, status, site.asked.slice(0, 200), details);
  if (site.negotiated) reply.header('vary', 'Accept-Language');
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', SITE_CSP).header('cache-control', 'no-store').send(html);
}

/**
 * A request the framework could not even take apart (a path whose escapes do not decode): a 400
 * in the house format, as a page of the site for the site's paths and as JSON elsewhere.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply) {
  const site = sitePage(request);
  const t = translator(site?.lang ?? negotiateLanguage(request.headers['accept-language']));
  const answer = { status: 400, body: { error: 'bad_request', message: t('error-bad-request', error.message) } };
  // Such an answer skips the application's hooks, so it sets their headers itself.
  setSecurityHeaders(reply);
  if (site) return sendSitePage(reply, site, answer);
  return reply.status(400).send(answer.body);
}

/**
 * Maps every error to a clear answer at the edge: domain errors to 4xx with their message
 * translated, Fastify's own (schema, body size, content type) to their status, and anything
 * unexpected to a 500 that logs the details and shows none of them. The API answers in JSON; a
 * page of the public site answers with a page (sendSitePage).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (request.url === '/console' || request.url.startsWith('/console/') || request.url.startsWith('/console?')) return consoleError(error, request, reply);
    const site = sitePage(request);
    const answer = answerOf(error, request, translator(site?.lang ?? negotiateLanguage(request.headers['accept-language'])));
    if (site) return sendSitePage(reply, site, answer);
    if (error instanceof TokenInvalidError) reply.header('www-authenticate', 'Bearer');
    return reply.status(answer.status).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const site = sitePage(request);
    const t = translator(site?.lang ?? negotiateLanguage(request.headers['accept-language']));
    const answer = { status: 404, body: { error: 'not_found', message: t('error-route-not-found', request.url.split('?')[0]!) } };
    if (site) return sendSitePage(reply, site, answer);
    return reply.status(404).send(answer.body);
  });
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleErrorPage, consoleContext, sendConsolePage } from '../console/layout.tsx';
import { AccessDeniedError, DomainError, NotFoundError, ValidationError, formatIssue } from '../errors.ts';
import { schemaIssues } from '../intake/validate-input.ts';
import { CsrfError, SignInRequiredError, StepUpRequiredError } from './console-access.ts';

/** Where to come back to after signing in or stepping up: a console path of this site, nothing else. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/[^\s\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/console/';
}

function statusOf(error: DomainError): number {
  if (error instanceof AccessDeniedError || error instanceof CsrfError) return 403;
  if (error instanceof NotFoundError) return 404;
  return 400;
}

/**
 * Errors on console routes are answered as console pages (or redirects to signing in), in the
 * reader's language; an unexpected one is logged and shown without its details.
 */
export function consoleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const context = consoleContext(request);
  const { t } = context;
  if (error instanceof SignInRequiredError || error instanceof StepUpRequiredError) {
    const back = request.method === 'GET' ? request.url : (request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : '/console/');
    const target = error instanceof SignInRequiredError ? '/console/login' : '/console/step-up';
    return reply.redirect(`${target}?next=${encodeURIComponent(safeNext(back))}`, 303);
  }
  if (error instanceof ValidationError) {
    const message = error.issues.map((issue) => formatIssue({ ...issue, message: issue.code ? t(issue.code, ...(issue.params ?? [])) : issue.message })).join('\n');
    return sendConsolePage(reply, 400, <ConsoleErrorPage context={context} title={t('console-error-title')} message={message} />);
  }
  if (error instanceof DomainError) {
    return sendConsolePage(reply, statusOf(error), <ConsoleErrorPage context={context} title={t('console-error-title')} message={t(error.code, ...error.params)} />);
  }
  if (error.validation) {
    const message = schemaIssues(error.validation as never).map((issue) => formatIssue(issue)).join('\n');
    return sendConsolePage(reply, 400, <ConsoleErrorPage context={context} title={t('console-error-title')} message={message} />);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendConsolePage(reply, error.statusCode, <ConsoleErrorPage context={context} title={t('console-error-title')} message={t('error-bad-request', error.message)} />);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendConsolePage(reply, 500, <ConsoleErrorPage context={context} title={t('console-error-title')} message={t('error-internal')} />);
}

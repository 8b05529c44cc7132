import type { FastifyReply, FastifyRequest } from 'fastify';
import { readHelpForm } from '../../assistance/help-form.ts';
import { openCase } from '../../assistance/open-case.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { NotFoundError } from '../../errors.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { LegalHelpPage, LegalHelpReceivedPage } from '../../site/pages/legal-help.tsx';
import { TooManyPage } from '../../site/pages/request-forms.tsx';
import { FORM_LIMITS, formValues } from './request-forms.tsx';

function language(request: FastifyRequest): string {
  const { lang } = request.params as { lang: string };
  if (!LANGUAGES.includes(lang)) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
  return lang;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

/**
 * The legal-help form: the same defences as the request forms (honeypot, proof of work, limits
 * per address under a keyed hash), checked on the server, in the page's language.
 */
export function legalHelpForm(handle: DatabaseHandle) {
  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(language(request), '/legal-help');
      const challenge = await newChallenge(handle.db);
      return html(reply, 200, renderPage(<LegalHelpPage context={context} values={{}} issues={[]} challenge={challenge} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(language(request), '/legal-help');
      const values = formValues(request.body);
      // A filled honeypot is a robot: it is thanked and nothing is stored.
      if (values.website) return html(reply, 200, renderPage(<LegalHelpReceivedPage context={context} reference="—" />));
      const proved = await verifyProofOfWork(handle.db, values.altcha);
      const limit = await hitRateLimit(handle.db, 'legal-help', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return html(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readHelpForm(values);
      if (read.ok) {
        const opened = await openCase(handle.db, read.help, 'web-form');
        return html(reply, 200, renderPage(<LegalHelpReceivedPage context={context} reference={opened.reference} />));
      }
      const challenge = await newChallenge(handle.db);
      return html(reply, 400, renderPage(<LegalHelpPage context={context} values={values} issues={read.issues} challenge={challenge} />));
    },
  };
}

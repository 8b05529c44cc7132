import type { FastifyReply, FastifyRequest } from 'fastify';
import { readContactForm } from '../../contact/contact-form.ts';
import { receiveContactMessage } from '../../contact/receive-message.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { NotFoundError } from '../../errors.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { ContactPage, ContactReceivedPage } from '../../site/pages/contact.tsx';
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
 * "Contact a human": the form, and its submission into the desk's queue. The same defences as
 * the other public forms (honeypot, proof of work, limits per address under a keyed hash),
 * checked on the server; problems are answered 400 in the page's language, nothing stored.
 */
export function contactForm(handle: DatabaseHandle) {
  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(language(request), '/contact');
      const challenge = await newChallenge(handle.db);
      return html(reply, 200, renderPage(<ContactPage context={context} values={{}} issues={[]} challenge={challenge} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(language(request), '/contact');
      const values = formValues(request.body);
      // A filled honeypot is a robot: it is thanked and nothing is stored.
      if (values.website) return html(reply, 200, renderPage(<ContactReceivedPage context={context} reference="—" />));
      const proved = await verifyProofOfWork(handle.db, values.altcha);
      const limit = await hitRateLimit(handle.db, 'contact', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return html(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readContactForm(values, context.lang);
      if (read.ok) {
        const received = await receiveContactMessage(handle.db, read.message, 'web-form');
        return html(reply, 200, renderPage(<ContactReceivedPage context={context} reference={received.reference} />));
      }
      const challenge = await newChallenge(handle.db);
      return html(reply, 400, renderPage(<ContactPage context={context} values={values} issues={read.issues} challenge={challenge} />));
    },
  };
}

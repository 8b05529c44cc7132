import type { FastifyReply, FastifyRequest } from 'fastify';
import { readContactForm } from '../../contact/contact-form.ts';
import { receiveContactMessage } from '../../contact/receive-message.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { ContactPage, ContactReceivedPage } from '../../site/pages/contact.tsx';
import { TooManyPage } from '../../site/pages/request-forms.tsx';
import { FORM_LIMITS, formValues } from './request-forms.tsx';
import { pageLanguage, sendHtml } from '../site-pages.ts';



/**
 * "Contact a human": the form, and its submission into the desk's queue. The same defences as
 * the other public forms (honeypot, proof of work, limits per address under a keyed hash),
 * checked on the server; problems are answered 400 in the page's language, nothing stored.
 */
export function contactForm(handle: DatabaseHandle) {
  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/contact');
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 200, renderPage(<ContactPage context={context} values={{}} issues={[]} challenge={challenge} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/contact');
      const values = formValues(request.body);
      // A filled honeypot is a robot: it is thanked and nothing is stored.
      if (values.website) return sendHtml(reply, 200, renderPage(<ContactReceivedPage context={context} reference="—" />));
      const proved = await verifyProofOfWork(handle.db, values.altcha);
      const limit = await hitRateLimit(handle.db, 'contact', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return sendHtml(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readContactForm(values, context.lang);
      if (read.ok) {
        const received = await receiveContactMessage(handle.db, read.message, 'web-form');
        return sendHtml(reply, 200, renderPage(<ContactReceivedPage context={context} reference={received.reference} />));
      }
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 400, renderPage(<ContactPage context={context} values={values} issues={read.issues} challenge={challenge} />));
    },
  };
}

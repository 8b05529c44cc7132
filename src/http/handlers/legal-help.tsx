import type { FastifyReply, FastifyRequest } from 'fastify';
import { readHelpForm } from '../../assistance/help-form.ts';
import { openCase } from '../../assistance/open-case.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { LegalHelpPage, LegalHelpReceivedPage } from '../../site/pages/legal-help.tsx';
import { TooManyPage } from '../../site/pages/request-forms.tsx';
import { FORM_LIMITS, formValues } from './request-forms.tsx';
import { pageLanguage, sendHtml } from '../site-pages.ts';



/**
 * The legal-help form: the same defences as the request forms (honeypot, proof of work, limits
 * per address under a keyed hash), checked on the server, in the page's language.
 */
export function legalHelpForm(handle: DatabaseHandle) {
  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/legal-help');
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 200, renderPage(<LegalHelpPage context={context} values={{}} issues={[]} challenge={challenge} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/legal-help');
      const values = formValues(request.body);
      // A filled honeypot is a robot: it is thanked and nothing is stored.
      if (values.website) return sendHtml(reply, 200, renderPage(<LegalHelpReceivedPage context={context} reference="—" />));
      const proved = await verifyProofOfWork(handle.db, values.altcha);
      const limit = await hitRateLimit(handle.db, 'legal-help', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return sendHtml(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readHelpForm(values);
      if (read.ok) {
        const opened = await openCase(handle.db, read.help, 'web-form');
        return sendHtml(reply, 200, renderPage(<LegalHelpReceivedPage context={context} reference={opened.reference} />));
      }
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 400, renderPage(<LegalHelpPage context={context} values={values} issues={read.issues} challenge={challenge} />));
    },
  };
}

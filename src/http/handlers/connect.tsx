import type { FastifyReply, FastifyRequest } from 'fastify';
import { confirmationState, confirmSubscription } from '../../connect/confirm.ts';
import { readSignUpForm } from '../../connect/sign-up-form.ts';
import { signUp } from '../../connect/sign-up.ts';
import { unsubscribe } from '../../connect/unsubscribe.ts';
import { readUnsubscribeToken } from '../../connect/tokens.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { ConfirmPage, ConnectPage, ConnectSentPage, UnsubscribePage } from '../../site/pages/connect.tsx';
import { TooManyPage } from '../../site/pages/request-forms.tsx';
import { siteSettings } from '../../site/settings.ts';
import { FORM_LIMITS, formValues } from './request-forms.tsx';
import { pageLanguage, sendHtml } from '../site-pages.ts';



/** The pages of mailed links: personal (their address carries a token), never to be indexed. */
function linkPage(reply: FastifyReply, status: number, body: string) {
  return sendHtml(reply.header('x-robots-tag', 'noindex'), status, body);
}

/** The token a link carries (`?token=`), or one a page's form posted back. */
function tokenOf(request: FastifyRequest): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = formValues(request.body);
  const token = typeof query.token === 'string' ? query.token : body.token;
  return typeof token === 'string' ? token.slice(0, 200) : '';
}

const CONFIRM_STATUS = { valid: 200, confirmed: 200, expired: 410, unknown: 404 } as const;

/**
 * Connect's public pages: the sign-up form (honeypot, proof of work, limits per client address
 * kept only as a keyed hash, as on every public form), the landing page of a confirmation link,
 * and unsubscribing, by a page's button or by a mail program's one-click POST (RFC 8058).
 */
export function connectPages(handle: DatabaseHandle) {
  const { db } = handle;
  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect');
      return sendHtml(reply, 200, renderPage(<ConnectPage context={context} values={{}} issues={[]} challenge={await newChallenge(db)} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect');
      const values = formValues(request.body);
      // A filled honeypot is a robot: it gets the same answer as everyone, and nothing is stored.
      if (values.website) return sendHtml(reply, 200, renderPage(<ConnectSentPage context={context} />));
      const proved = await verifyProofOfWork(db, values.altcha);
      const limit = await hitRateLimit(db, 'connect', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return sendHtml(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readSignUpForm(values, context.lang);
      if (!read.ok) return sendHtml(reply, 400, renderPage(<ConnectPage context={context} values={values} issues={read.issues} challenge={await newChallenge(db)} />));
      await signUp(db, read.input, siteSettings().publicUrl);
      return sendHtml(reply, 200, renderPage(<ConnectSentPage context={context} />));
    },

    async confirmPage(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect/confirm');
      const token = tokenOf(request);
      const state = await confirmationState(db, token);
      return linkPage(reply, CONFIRM_STATUS[state], renderPage(<ConfirmPage context={context} token={token} state={state} />));
    },

    async confirm(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect/confirm');
      const token = tokenOf(request);
      const state = await confirmSubscription(db, token);
      return linkPage(reply, CONFIRM_STATUS[state], renderPage(<ConfirmPage context={context} token={token} state={state} />));
    },

    /** A visit only asks: scanners follow every link in a message, and must not unsubscribe anyone. */
    async unsubscribePage(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect/unsubscribe');
      const token = tokenOf(request);
      const genuine = (await readUnsubscribeToken(db, token)) !== undefined;
      return linkPage(reply, genuine ? 200 : 404, renderPage(<UnsubscribePage context={context} token={token} state={genuine ? 'ask' : 'invalid'} />));
    },

    /**
     * Unsubscribes: the page's button, or a mail program's one-click POST of
     * `List-Unsubscribe=One-Click` to the List-Unsubscribe address. The token in the address is
     * the whole authority (readers have no session, so there is no cookie or CSRF token to ask
     * for); the answer is 200 whether or not the address was still subscribed.
     */
    async unsubscribe(request: FastifyRequest, reply: FastifyReply) {
      const context = pageContext(pageLanguage(request), '/connect/unsubscribe');
      const token = tokenOf(request);
      const done = await unsubscribe(db, token);
      return linkPage(reply, done ? 200 : 404, renderPage(<UnsubscribePage context={context} token={token} state={done ? 'done' : 'invalid'} />));
    },
  };
}

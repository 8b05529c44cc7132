import type { FastifyReply, FastifyRequest } from 'fastify';
import { confirmTotp, setInitialPassword, welcomeState } from '../../auth/enrolment.ts';
import { prepareDummyHash } from '../../auth/password-hash.ts';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, loadSession, revokeSessionToken } from '../../auth/sessions.ts';
import { SignInRefusedError, SignInThrottledError, signIn } from '../../auth/sign-in.ts';
import { endSession } from '../../auth/staff-sessions.ts';
import { stepUp } from '../../auth/step-up.ts';
import { LoginPage, StepUpPage } from '../../console/auth/sign-in-pages.tsx';
import { WelcomePage } from '../../console/auth/welcome-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { DatabaseHandle } from '../../db/connect.ts';
import { ValidationError } from '../../errors.ts';
import { CsrfError, fromAnotherSite, sessionToken } from '../console-access.ts';
import { safeNext } from '../console-errors.tsx';
import { formField, queryField } from './form-fields.ts';

/**
 * The session cookie: `__Host-` (so Secure, Path=/ and no Domain, bound to this host), HttpOnly,
 * SameSite=Lax (a link from elsewhere still opens the console signed in; cross-site forms carry
 * no cookie, and the CSRF token and Sec-Fetch-Site check guard the rest). It lasts at most as
 * long as the session may.
 */
const COOKIE_OPTIONS = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...COOKIE_OPTIONS, maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

/** The one-time token in a welcome page's URL (checked by the service: an unknown one is a 404). */
function tokenOf(request: FastifyRequest): string {
  return (request.params as { token: string }).token;
}

/** Signing in and out, the one-time set-up pages, and stepping up. */
export function signInHandlers(handle: DatabaseHandle) {
  const { db } = handle;
  // The first unknown account would otherwise pay for hashing the dummy password.
  void prepareDummyHash();
  return {
    async loginForm(request: FastifyRequest, reply: FastifyReply) {
      const next = safeNext(queryField(request, 'next'));
      if (await loadSession(db, sessionToken(request))) return reply.redirect(next, 303);
      const context = consoleContext(request);
      const notice = queryField(request, 'signed_out') === '1' ? context.t('auth-signed-out') : undefined;
      return sendConsolePage(reply, 200, <LoginPage context={context} next={next} notice={notice} />);
    },

    async login(request: FastifyRequest, reply: FastifyReply) {
      if (fromAnotherSite(request)) throw new CsrfError();
      const context = consoleContext(request);
      const next = safeNext(formField(request, 'next'));
      const email = formField(request, 'email', 320);
      try {
        const session = await signIn(db, { email, password: formField(request, 'password', 1_024), code: formField(request, 'code', 20), address: request.ip, userAgent: request.headers['user-agent'] });
        await revokeSessionToken(db, sessionToken(request));
        setSessionCookie(reply, session.sessionToken);
        return reply.redirect(next, 303);
      } catch (error) {
        if (error instanceof SignInThrottledError) {
          return sendConsolePage(reply.header('retry-after', '3600'), 429, <LoginPage context={context} next={next} email={email} problem={context.t(error.code)} />);
        }
        if (error instanceof SignInRefusedError) return sendConsolePage(reply, 400, <LoginPage context={context} next={next} email={email} problem={context.t(error.code)} />);
        throw error;
      }
    },

    async logout(request: FastifyRequest, reply: FastifyReply) {
      const staff = request.staff!;
      await endSession(db, staff, staff.sessionId, 'signed_out');
      reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
      return reply.redirect('/console/login?signed_out=1', 303);
    },

    async welcome(request: FastifyRequest, reply: FastifyReply) {
      const token = tokenOf(request);
      const state = await welcomeState(db, token);
      return sendConsolePage(reply, 200, <WelcomePage context={consoleContext(request)} token={token} state={state} />);
    },

    async setPassword(request: FastifyRequest, reply: FastifyReply) {
      if (fromAnotherSite(request)) throw new CsrfError();
      const token = tokenOf(request);
      try {
        await setInitialPassword(db, token, formField(request, 'password', 1_024), formField(request, 'confirmation', 1_024));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const state = await welcomeState(db, token);
        return sendConsolePage(reply, 400, <WelcomePage context={consoleContext(request)} token={token} state={{ step: 'password', email: state.email }} issues={error.issues} />);
      }
      return reply.redirect(`/console/welcome/${token}`, 303);
    },

    async confirmCode(request: FastifyRequest, reply: FastifyReply) {
      if (fromAnotherSite(request)) throw new CsrfError();
      const token = tokenOf(request);
      const context = consoleContext(request);
      try {
        const { sessionToken: session } = await confirmTotp(db, token, formField(request, 'code', 20), request.headers['user-agent']);
        setSessionCookie(reply, session);
        return reply.redirect('/console/', 303);
      } catch (error) {
        if (error instanceof ValidationError) {
          return sendConsolePage(reply, 400, <WelcomePage context={context} token={token} state={await welcomeState(db, token)} issues={error.issues} />);
        }
        if (error instanceof SignInThrottledError) {
          return sendConsolePage(reply.header('retry-after', '3600'), 429, <WelcomePage context={context} token={token} state={await welcomeState(db, token)} issues={[{ field: 'code', message: 'throttled', code: error.code }]} />);
        }
        throw error;
      }
    },

    async stepUpForm(request: FastifyRequest, reply: FastifyReply) {
      return sendConsolePage(reply, 200, <StepUpPage context={consoleContext(request)} next={safeNext(queryField(request, 'next'))} />);
    },

    async stepUp(request: FastifyRequest, reply: FastifyReply) {
      const next = safeNext(formField(request, 'next'));
      const context = consoleContext(request);
      try {
        await stepUp(db, request.staff!, formField(request, 'code', 20));
      } catch (error) {
        if (error instanceof ValidationError) return sendConsolePage(reply, 400, <StepUpPage context={context} next={next} issues={error.issues} />);
        if (error instanceof SignInThrottledError) {
          return sendConsolePage(reply.header('retry-after', '3600'), 429, <StepUpPage context={context} next={next} issues={[{ field: 'code', message: 'throttled', code: error.code }]} />);
        }
        throw error;
      }
      return reply.redirect(next, 303);
    },
  };
}

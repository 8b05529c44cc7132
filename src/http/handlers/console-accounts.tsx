import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { AccountExistsError, AccountNotFoundError, InvalidEmailError, LastAdminError, UnknownRoleError, addStaffUser, changeRole, disableAccount, listStaffAccounts, reissueSignInLink } from '../../auth/staff-accounts.ts';
import { endOtherSessions, endSession, listLiveSessions } from '../../auth/staff-sessions.ts';
import { welcomeUrl } from '../../auth/sign-in-links.ts';
import { requireStepUp } from '../../auth/step-up.ts';
import { SessionsPage } from '../../console/auth/sessions-page.tsx';
import { UsersPage, type IssuedLink } from '../../console/auth/users-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { DatabaseHandle } from '../../db/connect.ts';
import { DomainError, NotFoundError } from '../../errors.ts';
import { formField, queryField } from './form-fields.ts';

function idOf(request: FastifyRequest): number {
  const { id } = request.params as { id: string };
  if (!/^\d{1,15}$/.test(id)) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
  return Number(id);
}

/** The status a refused change to an account is answered with. */
function statusOf(error: DomainError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof AccountExistsError || error instanceof LastAdminError) return 409;
  return 400;
}

/** One's own sessions, and the staff accounts (administrators). */
export function accountHandlers(handle: DatabaseHandle, config: Config) {
  const { db } = handle;
  const actor = (request: FastifyRequest) => `staff:${request.staff!.userId}`;

  async function usersPage(request: FastifyRequest, reply: FastifyReply, status: number, extra: { issued?: IssuedLink; notice?: string; problem?: string; values?: { email?: string; role?: string } } = {}) {
    return sendConsolePage(reply, status, <UsersPage context={consoleContext(request)} accounts={await listStaffAccounts(db)} {...extra} />);
  }

  /** Runs a change to an account; a refusal is shown on the accounts page with its reason. */
  async function change(request: FastifyRequest, reply: FastifyReply, work: () => Promise<{ issued?: IssuedLink; notice?: string }>) {
    requireStepUp(request.staff!);
    try {
      return await usersPage(request, reply, 200, await work());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return usersPage(request, reply, statusOf(error), { problem: consoleContext(request).t(error.code, ...error.params) });
    }
  }

  return {
    async sessions(request: FastifyRequest, reply: FastifyReply) {
      const context = consoleContext(request);
      const done = queryField(request, 'done');
      const count = Math.min(Number(queryField(request, 'count')) || 0, 10_000);
      const notice = done === 'revoked' ? context.t('auth-sessions-revoked') : done === 'others' ? context.t('auth-sessions-others-revoked', count) : undefined;
      return sendConsolePage(reply, 200, <SessionsPage context={context} sessions={await listLiveSessions(db, request.staff!)} notice={notice} />);
    },

    async revokeSession(request: FastifyRequest, reply: FastifyReply) {
      const staff = request.staff!;
      const id = idOf(request);
      await endSession(db, staff, id, id === staff.sessionId ? 'signed_out' : 'revoked');
      if (id === staff.sessionId) {
        reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
        return reply.redirect('/console/login?signed_out=1', 303);
      }
      return reply.redirect('/console/sessions?done=revoked', 303);
    },

    async revokeOthers(request: FastifyRequest, reply: FastifyReply) {
      const ended = await endOtherSessions(db, request.staff!);
      return reply.redirect(`/console/sessions?done=others&count=${ended}`, 303);
    },

    async users(request: FastifyRequest, reply: FastifyReply) {
      return usersPage(request, reply, 200);
    },

    async addUser(request: FastifyRequest, reply: FastifyReply) {
      requireStepUp(request.staff!);
      const values = { email: formField(request, 'email', 320), role: formField(request, 'role', 40) };
      try {
        const added = await addStaffUser(db, { email: values.email, role: values.role, actor: actor(request) });
        return await usersPage(request, reply, 200, { issued: { email: added.email, url: welcomeUrl(config.publicUrl, added.token), expiresAt: added.expiresAt } });
      } catch (error) {
        if (!(error instanceof InvalidEmailError || error instanceof UnknownRoleError || error instanceof AccountExistsError)) throw error;
        return usersPage(request, reply, statusOf(error), { problem: consoleContext(request).t(error.code, ...error.params), values });
      }
    },

    async changeRole(request: FastifyRequest, reply: FastifyReply) {
      const userId = idOf(request);
      return change(request, reply, async () => {
        await changeRole(db, { userId, role: formField(request, 'role', 40), actor: actor(request) });
        const account = (await listStaffAccounts(db)).find((candidate) => candidate.id === userId);
        if (!account) throw new AccountNotFoundError(`#${userId}`);
        const { t } = consoleContext(request);
        return { notice: t('auth-users-role-changed', account.email, t(`console-role-${account.role}`)) };
      });
    },

    async disable(request: FastifyRequest, reply: FastifyReply) {
      const userId = idOf(request);
      return change(request, reply, async () => {
        await disableAccount(db, { userId, actorUserId: request.staff!.userId, actor: actor(request) });
        const account = (await listStaffAccounts(db)).find((candidate) => candidate.id === userId);
        return { notice: consoleContext(request).t('auth-users-disabled-done', account?.email ?? `#${userId}`) };
      });
    },

    async newLink(request: FastifyRequest, reply: FastifyReply) {
      const userId = idOf(request);
      return change(request, reply, async () => {
        const link = await reissueSignInLink(db, { userId }, actor(request));
        return { issued: { email: link.email, url: welcomeUrl(config.publicUrl, link.token), expiresAt: link.expiresAt } };
      });
    },
  };
}

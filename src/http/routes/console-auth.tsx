import { Type } from 'typebox';
import { accountHandlers } from '../handlers/console-accounts.tsx';
import { signInHandlers } from '../handlers/console-sign-in.tsx';
import type { Route, RouteContext } from '../routes.ts';

const token = { params: Type.Object({ token: Type.String({ maxLength: 100 }) }) };
const id = { params: Type.Object({ id: Type.String({ maxLength: 20 }) }) };

/**
 * Staff accounts and signing in: the sign-in form (public), the one-time set-up pages (public,
 * the link is the credential), stepping up, one's own sessions, and the accounts of the desk.
 */
export function consoleAuthRoutes(context: RouteContext): Route[] {
  const signIn = signInHandlers(context.handle);
  const accounts = accountHandlers(context.handle, context.config);
  return [
    { method: 'GET', url: '/console/login', permission: 'public', summary: 'The sign-in form', hidden: true, handler: signIn.loginForm },
    { method: 'POST', url: '/console/login', permission: 'public', summary: 'Sign in with e-mail address, password and TOTP code', hidden: true, handler: signIn.login },
    { method: 'POST', url: '/console/logout', permission: 'console:self', summary: 'Sign out: ends this session', hidden: true, handler: signIn.logout },
    { method: 'GET', url: '/console/welcome/:token', permission: 'public', summary: 'Set up an account through its one-time link', hidden: true, schema: token, handler: signIn.welcome },
    { method: 'POST', url: '/console/welcome/:token', permission: 'public', summary: "Set a new account's password", hidden: true, schema: token, handler: signIn.setPassword },
    { method: 'POST', url: '/console/welcome/:token/totp', permission: 'public', summary: "Confirm a new account's authenticator app and activate it", hidden: true, schema: token, handler: signIn.confirmCode },
    { method: 'GET', url: '/console/step-up', permission: 'console:self', summary: 'Enter the second factor again before a sensitive action', hidden: true, handler: signIn.stepUpForm },
    { method: 'POST', url: '/console/step-up', permission: 'console:self', summary: 'Check a TOTP code and mark the session as stepped up', hidden: true, handler: signIn.stepUp },
    { method: 'GET', url: '/console/sessions', permission: 'console:self', summary: "One's own live sessions", hidden: true, handler: accounts.sessions },
    { method: 'POST', url: '/console/sessions/revoke-others', permission: 'console:self', summary: 'End every other session of one’s own', hidden: true, handler: accounts.revokeOthers },
    { method: 'POST', url: '/console/sessions/:id/revoke', permission: 'console:self', summary: 'End one of one’s own sessions', hidden: true, schema: id, handler: accounts.revokeSession },
    { method: 'GET', url: '/console/users', permission: 'users:manage', summary: 'Staff accounts', hidden: true, handler: accounts.users },
    { method: 'POST', url: '/console/users', permission: 'users:manage', summary: 'Add a staff account; shows its one-time link once', hidden: true, handler: accounts.addUser },
    { method: 'POST', url: '/console/users/:id/role', permission: 'users:manage', summary: "Change an account's role", hidden: true, schema: id, handler: accounts.changeRole },
    { method: 'POST', url: '/console/users/:id/disable', permission: 'users:manage', summary: 'Disable an account and end its sessions', hidden: true, schema: id, handler: accounts.disable },
    { method: 'POST', url: '/console/users/:id/link', permission: 'users:manage', summary: 'A new one-time link for an account not yet set up', hidden: true, schema: id, handler: accounts.newLink },
  ];
}

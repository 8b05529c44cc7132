import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import { ROLES, isRole, type Role } from './permissions.ts';
import { revokeAllSessions } from './sessions.ts';
import { issueLink } from './sign-in-links.ts';

/** Not an e-mail address Candor can use as a sign-in name. */
export class InvalidEmailError extends DomainError {
  constructor(email: string) {
    super('auth-error-invalid-email', [email], `"${email}" is not an e-mail address`);
  }
}

/** Not one of the roles of src/auth/permissions.ts. */
export class UnknownRoleError extends DomainError {
  constructor(role: string) {
    super('auth-error-unknown-role', [role, ROLES.join(', ')], `unknown role "${role}"; the roles are ${ROLES.join(', ')}`);
  }
}

/** An account with this e-mail address exists already. */
export class AccountExistsError extends DomainError {
  constructor(email: string) {
    super('auth-error-account-exists', [email], `an account for ${email} exists already`);
  }
}

/** No account has this e-mail address or id. */
export class AccountNotFoundError extends NotFoundError {
  constructor(who: string) {
    super('auth-error-account-not-found', [who], `there is no account for ${who}`);
  }
}

/** A new one-time link is only for an account not yet set up (and not disabled). */
export class AccountAlreadyActiveError extends DomainError {
  constructor(email: string) {
    super('auth-error-account-active', [email], `the account ${email} is already set up`);
  }
}

/** The account is disabled: it gets no link and no new role. */
export class AccountDisabledError extends DomainError {
  constructor(email: string) {
    super('auth-error-account-disabled', [email], `the account ${email} is disabled`);
  }
}

/** The change would leave the desk without an active administrator, or locks an administrator out of their own account. */
export class LastAdminError extends DomainError {
  constructor() {
    super('auth-error-last-admin', [], 'this would leave no active administrator');
  }
}

/** An administrator cannot disable their own account (another administrator must). */
export class SelfDisableError extends DomainError {
  constructor() {
    super('auth-error-self-disable', [], 'you cannot disable your own account');
  }
}

const EMAIL = /^[^\s@"<>()[\],;:\\]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** The sign-in name of an e-mail address: trimmed and lower-cased, or an InvalidEmailError. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new InvalidEmailError(raw.trim());
  return email;
}

/** A role name, or an UnknownRoleError. */
export function parseRole(raw: string): Role {
  if (!isRole(raw)) throw new UnknownRoleError(raw);
  return raw;
}

/** One account as the staff list shows it. */
export interface StaffAccount {
  id: number;
  email: string;
  role: Role;
  createdAt: Date;
  activatedAt: Date | null;
  disabledAt: Date | null;
}

/**
 * Creates an account (not yet usable) and its first one-time link, with the audit event, in one
 * transaction. Returns the link's token, which is shown once and never stored.
 */
export async function addStaffUser(db: Kysely<Database>, input: { email: string; role: string; actor: string }, now = new Date()): Promise<{ userId: number; email: string; role: Role; token: string; expiresAt: Date }> {
  const email = normaliseEmail(input.email);
  const role = parseRole(input.role);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('staff_users')
      .values({ email, role, display_name: null, password_hash: null, totp_secret: null, totp_last_step: null, created_at: now, activated_at: null, disabled_at: null })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AccountExistsError(email);
    const link = await issueLink(trx, inserted.id, now);
    await appendEvent(trx, { actor: input.actor, action: 'staff.created', subjectType: 'staff_user', subjectId: inserted.id, payload: { email, role, link_expires_at: link.expiresAt.toISOString() }, occurredAt: now });
    return { userId: inserted.id, email, role, ...link };
  });
}

/**
 * A new one-time link for an account that is not set up yet (the first one expired or was
 * lost); earlier links stop working. Audited in the same transaction.
 */
export async function reissueSignInLink(db: Kysely<Database>, who: { email: string } | { userId: number }, actor: string, now = new Date()): Promise<{ userId: number; email: string; token: string; expiresAt: Date }> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('staff_users').select(['id', 'email', 'activated_at', 'disabled_at']).forUpdate();
    query = 'email' in who ? query.where('email', '=', normaliseEmail(who.email)) : query.where('id', '=', who.userId);
    const user = await query.executeTakeFirst();
    if (!user) throw new AccountNotFoundError('email' in who ? who.email.trim().toLowerCase() : `#${who.userId}`);
    if (user.disabled_at) throw new AccountDisabledError(user.email);
    if (user.activated_at) throw new AccountAlreadyActiveError(user.email);
    const link = await issueLink(trx, user.id, now);
    await appendEvent(trx, { actor, action: 'staff.sign_in_link_issued', subjectType: 'staff_user', subjectId: user.id, payload: { email: user.email, link_expires_at: link.expiresAt.toISOString() }, occurredAt: now });
    return { userId: user.id, email: user.email, ...link };
  });
}

/** Every account, by e-mail address. */
export async function listStaffAccounts(db: Kysely<Database>): Promise<StaffAccount[]> {
  const rows = await db.selectFrom('staff_users').select(['id', 'email', 'role', 'created_at', 'activated_at', 'disabled_at']).orderBy('email').execute();
  return rows.map((row) => ({ id: row.id, email: row.email, role: row.role, createdAt: row.created_at, activatedAt: row.activated_at, disabledAt: row.disabled_at }));
}

async function otherActiveAdmins(trx: Kysely<Database>, userId: number): Promise<number> {
  const row = await trx
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('activated_at', 'is not', null)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives an account another role; the sessions it has keep going with the new role (it is read
 * on every request). Refused if it would leave no active administrator.
 */
export async function changeRole(db: Kysely<Database>, input: { userId: number; role: string; actor: string }, now = new Date()): Promise<void> {
  const role = parseRole(input.role);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('staff_users').select(['id', 'email', 'role', 'disabled_at']).where('id', '=', input.userId).forUpdate().executeTakeFirst();
    if (!user) throw new AccountNotFoundError(`#${input.userId}`);
    if (user.disabled_at) throw new AccountDisabledError(user.email);
    if (user.role === role) return;
    // Serialises changes to administrators, so two of them cannot demote each other at once.
    await trx.selectFrom('staff_users').select('id').where('role', '=', 'admin').forUpdate().execute();
    if (user.role === 'admin' && (await otherActiveAdmins(trx, user.id)) === 0) throw new LastAdminError();
    await trx.updateTable('staff_users').set({ role }).where('id', '=', user.id).execute();
    await appendEvent(trx, { actor: input.actor, action: 'staff.role_changed', subjectType: 'staff_user', subjectId: user.id, payload: { email: user.email, from: user.role, to: role }, occurredAt: now });
  });
}

/**
 * Disables an account: its sessions end and its unused links stop working, in the same
 * transaction as the audit event. The account stays, so that the audit trail keeps naming it.
 */
export async function disableAccount(db: Kysely<Database>, input: { userId: number; actorUserId: number | null; actor: string }, now = new Date()): Promise<void> {
  if (input.actorUserId === input.userId) throw new SelfDisableError();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('staff_users').select(['id', 'email', 'role', 'disabled_at']).where('id', '=', input.userId).forUpdate().executeTakeFirst();
    if (!user) throw new AccountNotFoundError(`#${input.userId}`);
    if (user.disabled_at) return;
    await trx.selectFrom('staff_users').select('id').where('role', '=', 'admin').forUpdate().execute();
    if (user.role === 'admin' && (await otherActiveAdmins(trx, user.id)) === 0) throw new LastAdminError();
    await trx.updateTable('staff_users').set({ disabled_at: now }).where('id', '=', user.id).execute();
    await revokeAllSessions(trx, user.id, now);
    await trx.deleteFrom('staff_sign_in_links').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await appendEvent(trx, { actor: input.actor, action: 'staff.disabled', subjectType: 'staff_user', subjectId: user.id, payload: { email: user.email, role: user.role }, occurredAt: now });
  });
}

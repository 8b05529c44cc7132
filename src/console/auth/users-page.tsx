import { ROLES, type Role } from '../../auth/permissions.ts';
import type { StaffAccount } from '../../auth/staff-accounts.ts';
import { CsrfField, ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { Time } from '../format.tsx';
import { Problems } from './parts.tsx';

/** A one-time link just made, shown on the page that made it and never again. */
export interface IssuedLink {
  email: string;
  url: string;
  expiresAt: Date;
}

function RoleOptions({ context, selected }: { context: ConsoleContext; selected?: Role | string }) {
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role} selected={role === selected}>
          {context.t(`console-role-${role}`)}
        </option>
      ))}
    </>
  );
}

function Status({ context, account }: { context: ConsoleContext; account: StaffAccount }) {
  const { t, lang } = context;
  if (account.disabledAt) return <>{t('auth-users-status-disabled')} (<Time lang={lang} value={account.disabledAt} />)</>;
  if (account.activatedAt) return <>{t('auth-users-status-active')} (<Time lang={lang} value={account.activatedAt} />)</>;
  return <>{t('auth-users-status-pending')}</>;
}

function Actions({ context, account }: { context: ConsoleContext; account: StaffAccount }) {
  const { t, staff } = context;
  if (account.disabledAt) return null;
  const self = staff?.userId === account.id;
  return (
    <div class="row-actions">
      <form method="post" action={`/console/users/${account.id}/role`}>
        <CsrfField context={context} />
        <label for={`role-${account.id}`} class="visually-hidden">
          {t('auth-users-role-of', account.email)}
        </label>
        <select id={`role-${account.id}`} name="role">
          <RoleOptions context={context} selected={account.role} />
        </select>{' '}
        <button type="submit" class="secondary" aria-describedby={`account-${account.id}`}>
          {t('auth-users-role-submit')}
        </button>
      </form>
      {account.activatedAt ? null : (
        <form method="post" action={`/console/users/${account.id}/link`}>
          <CsrfField context={context} />
          <button type="submit" class="secondary" aria-describedby={`account-${account.id}`}>
            {t('auth-users-new-link')}
          </button>
        </form>
      )}
      {self ? null : (
        <form method="post" action={`/console/users/${account.id}/disable`}>
          <CsrfField context={context} />
          <button type="submit" class="secondary" aria-describedby={`account-${account.id}`}>
            {t('auth-users-disable')}
          </button>
        </form>
      )}
    </div>
  );
}

/**
 * Staff accounts: who has one, with which role, whether it is set up or disabled; a form to add
 * one, and per account a role change, a new set-up link, and disabling.
 */
export function UsersPage({ context, accounts, issued, notice, problem, values = {} }: {
  context: ConsoleContext;
  accounts: StaffAccount[];
  issued?: IssuedLink;
  notice?: string;
  problem?: string;
  values?: { email?: string; role?: string };
}) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('auth-users-title')}>
      <h1>{t('auth-users-title')}</h1>
      {notice ? (
        <p class="done" role="status">
          {notice}
        </p>
      ) : null}
      <Problems t={t} message={problem} />
      {issued ? (
        <section class="issued" aria-labelledby="issued-heading">
          <h2 id="issued-heading">{t('auth-users-link-heading')}</h2>
          <p>{t('auth-users-link-lead', issued.email)}</p>
          <p>
            <code class="ltr sign-in-link">{issued.url}</code>
          </p>
          <p>
            {t('auth-users-link-expires')} <Time lang={lang} value={issued.expiresAt} />
          </p>
        </section>
      ) : null}
      <table>
        <caption class="visually-hidden">{t('auth-users-title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth-field-email')}</th>
            <th scope="col">{t('auth-users-role')}</th>
            <th scope="col">{t('auth-users-status')}</th>
            <th scope="col">{t('auth-users-actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-account={account.email}>
              <td class="ltr" id={`account-${account.id}`}>
                {account.email}
              </td>
              <td>{t(`console-role-${account.role}`)}</td>
              <td>
                <Status context={context} account={account} />
              </td>
              <td>
                <Actions context={context} account={account} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="add-heading">{t('auth-users-add-heading')}</h2>
      <form method="post" action="/console/users" class="filters" aria-labelledby="add-heading">
        <CsrfField context={context} />
        <label>
          {t('auth-field-email')}
          <input type="email" name="email" dir="ltr" required maxLength={320} value={values.email ?? ''} />
        </label>
        <label>
          {t('auth-users-role')}
          <select name="role">
            <RoleOptions context={context} selected={values.role ?? 'reviewer'} />
          </select>
        </label>
        <button type="submit">{t('auth-users-add-submit')}</button>
      </form>
    </ConsoleLayout>
  );
}

import type { LiveSession } from '../../auth/staff-sessions.ts';
import { CsrfField, ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { Time } from '../format.tsx';

/** One's own live sessions, each of which can be ended, and "sign out everywhere else". */
export function SessionsPage({ context, sessions, notice }: { context: ConsoleContext; sessions: LiveSession[]; notice?: string }) {
  const { t, lang } = context;
  const others = sessions.filter((session) => !session.current).length;
  return (
    <ConsoleLayout context={context} title={t('auth-sessions-title')}>
      <h1>{t('auth-sessions-title')}</h1>
      {notice ? (
        <p class="done" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t('auth-sessions-lead')}</p>
      <table>
        <caption class="visually-hidden">{t('auth-sessions-title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth-sessions-browser')}</th>
            <th scope="col">{t('auth-sessions-started')}</th>
            <th scope="col">{t('auth-sessions-last-seen')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('auth-sessions-actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} class={session.current ? 'current' : undefined} data-session={session.id}>
              <td id={`session-${session.id}`}>
                {session.browser ?? t('auth-sessions-unknown-browser')}
                {session.current ? <span class="badge">{t('auth-sessions-this')}</span> : null}
              </td>
              <td>
                <Time lang={lang} value={session.createdAt} />
              </td>
              <td>
                <Time lang={lang} value={session.lastSeenAt} />
              </td>
              <td>
                <form method="post" action={`/console/sessions/${session.id}/revoke`}>
                  <CsrfField context={context} />
                  <button type="submit" class="secondary" aria-describedby={`session-${session.id}`}>
                    {session.current ? t('auth-sessions-revoke-this') : t('auth-sessions-revoke')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {others > 0 ? (
        <form method="post" action="/console/sessions/revoke-others" class="actions">
          <CsrfField context={context} />
          <button type="submit">{t('auth-sessions-revoke-others')}</button>
        </form>
      ) : null}
    </ConsoleLayout>
  );
}

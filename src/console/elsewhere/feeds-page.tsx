import type { FeedStatus } from '../../elsewhere/manage-feeds.ts';
import type { FieldIssue } from '../../errors.ts';
import { Problems } from '../desk/problems.tsx';
import { Time } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

/** `/console/elsewhere`: the sister sites' feeds, how each last fetch went, adding and removing one. */
export function FeedsPage({ context, feeds, issues, values, done }: { context: ConsoleContext; feeds: FeedStatus[]; issues: readonly FieldIssue[]; values: Record<string, string>; done?: boolean }) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('elsewhere-console-title')}>
      <h1>{t('elsewhere-console-title')}</h1>
      <p class="hint">{t('elsewhere-console-hint')}</p>
      {done ? (
        <p class="done" role="status">
          {t('elsewhere-console-done')}
        </p>
      ) : null}
      {feeds.length === 0 ? (
        <p>{t('elsewhere-console-none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('elsewhere-field-name')}</th>
              <th scope="col">{t('elsewhere-field-url')}</th>
              <th scope="col">{t('elsewhere-console-last')}</th>
              <th scope="col">{t('elsewhere-console-items')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('elsewhere-console-remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((feed) => (
              <tr key={feed.id} data-feed={feed.url}>
                <td>{feed.name}</td>
                <td class="ltr">{feed.url}</td>
                <td>
                  {feed.last_fetched_at ? <Time lang={lang} value={feed.last_fetched_at} /> : t('elsewhere-console-never')}{' '}
                  {feed.last_status ? <span class={`badge${feed.last_status === 'error' ? ' overdue' : ''}`}>{t(`elsewhere-status-${feed.last_status}`)}</span> : null}
                  {feed.last_error ? (
                    <div class="hint" data-field="error">
                      {feed.last_error}
                    </div>
                  ) : null}
                </td>
                <td>{feed.items}</td>
                <td>
                  <form method="post" action={`/console/elsewhere/feeds/${feed.id}/remove`}>
                    <CsrfField context={context} />
                    <button type="submit" class="secondary" aria-label={t('elsewhere-console-remove-named', feed.name)}>
                      {t('elsewhere-console-remove')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="add">{t('elsewhere-console-add')}</h2>
      <Problems context={context} issues={issues} />
      <form method="post" action="/console/elsewhere/feeds">
        <CsrfField context={context} />
        <div class="field">
          <label for="feed-name">{t('elsewhere-field-name')}</label>
          <input type="text" id="feed-name" name="name" maxLength={100} value={values.name ?? ''} required />
        </div>
        <div class="field">
          <label for="feed-url">{t('elsewhere-field-url')}</label>
          <input class="wide ltr" type="url" id="feed-url" name="url" maxLength={2000} value={values.url ?? ''} required />
        </div>
        <button type="submit">{t('elsewhere-console-add-button')}</button>
      </form>
    </ConsoleLayout>
  );
}

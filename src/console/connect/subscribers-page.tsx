import type { SubscriberState } from '../../connect/model.ts';
import { SUBSCRIBER_STATES } from '../../connect/model.ts';
import type { SubscriberCounts, SubscriberView } from '../../connect/subscribers.ts';
import type { FieldIssue } from '../../errors.ts';
import { Problems } from '../desk/problems.tsx';
import { Time } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

function languageName(lang: string, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
}

export interface SubscribersView {
  counts: SubscriberCounts;
  state: SubscriberState | undefined;
  page: number;
  pages: number;
  items: SubscriberView[];
  total: number;
}

/**
 * `/console/connect`: how many have signed up and confirmed, the list a page at a time, the
 * exports, and wiping one subscriber or all of them (each asks to be confirmed in its form).
 */
export function SubscribersPage({ context, view, issues = [], done }: { context: ConsoleContext; view: SubscribersView; issues?: readonly FieldIssue[]; done?: string }) {
  const { t, lang } = context;
  const { counts, state, page, pages, items } = view;
  const all = counts.pending + counts.confirmed;
  const pageLink = (number: number) => `/console/connect?${new URLSearchParams({ ...(state ? { state } : {}), page: String(number) })}`;
  return (
    <ConsoleLayout context={context} title={t('connect-console-title')}>
      <h1>{t('connect-console-title')}</h1>
      {done === 'wiped' || done === 'wiped-all' ? (
        <p role="status" class="done">
          {t(`connect-console-done-${done}`)}
        </p>
      ) : null}
      <Problems context={context} issues={issues} />
      <p>{t('connect-console-lead')}</p>
      <dl class="counts">
        <div>
          <dt>{t('connect-state-confirmed')}</dt>
          <dd data-count="confirmed">{counts.confirmed}</dd>
        </div>
        <div>
          <dt>{t('connect-state-pending')}</dt>
          <dd data-count="pending">{counts.pending}</dd>
        </div>
        {counts.byLanguage.map((row) => (
          <div key={row.language}>
            <dt>{t('connect-console-confirmed-in', languageName(lang, row.language))}</dt>
            <dd data-count={`confirmed-${row.language}`}>{row.confirmed}</dd>
          </div>
        ))}
      </dl>
      <p class="row-actions">
        <a href="/console/connect/export.csv" download>
          {t('connect-console-export-csv')}
        </a>
        <a href="/console/connect/export.json" download>
          {t('connect-console-export-json')}
        </a>
      </p>
      <nav aria-label={t('connect-console-filter')}>
        <ul class="row-actions">
          <li>
            <a href="/console/connect" aria-current={state === undefined ? 'page' : undefined}>
              {t('connect-console-all')} ({all})
            </a>
          </li>
          {SUBSCRIBER_STATES.map((name) => (
            <li key={name}>
              <a href={`/console/connect?state=${name}`} aria-current={name === state ? 'page' : undefined}>
                {t(`connect-state-${name}`)} ({counts[name]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{t('connect-console-empty')}</p>
      ) : (
        <table class="records">
          <caption>{t('connect-console-page', page, pages)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('connect-field-email')}</th>
              <th scope="col">{t('connect-field-name')}</th>
              <th scope="col">{t('connect-field-language')}</th>
              <th scope="col">{t('connect-console-state')}</th>
              <th scope="col">{t('connect-console-signed-up')}</th>
              <th scope="col">{t('connect-console-confirmed')}</th>
              <th scope="col">{t('connect-console-wipe')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-subscriber={item.id}>
                <td dir="ltr">{item.email}</td>
                <td dir="auto">{item.name ?? <span class="muted">—</span>}</td>
                <td>{languageName(lang, item.language)}</td>
                <td>{t(`connect-state-${item.state}`)}</td>
                <td>
                  <Time lang={lang} value={item.createdAt} />
                </td>
                <td>
                  <Time lang={lang} value={item.confirmedAt} />
                </td>
                <td>
                  <form method="post" action={`/console/connect/${item.id}/wipe`} class="row-actions">
                    <CsrfField context={context} />
                    <input type="checkbox" name="confirm" value="yes" id={`wipe-${item.id}`} required />
                    <label for={`wipe-${item.id}`}>{t('connect-console-wipe-sure')}</label>
                    <button type="submit">{t('connect-console-wipe')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav aria-label={t('connect-console-pages')}>
          <ul class="row-actions">
            {page > 1 ? (
              <li>
                <a href={pageLink(page - 1)} rel="prev">
                  {t('connect-console-previous')}
                </a>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <a href={pageLink(page + 1)} rel="next">
                  {t('connect-console-next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="wipe-all">
        <h2 id="wipe-all">{t('connect-console-wipe-all-title')}</h2>
        <p>{t('connect-console-wipe-all-text', all)}</p>
        <form method="post" action="/console/connect/wipe-all">
          <CsrfField context={context} />
          <div class="field">
            <label for="f-confirm-count">{t('connect-console-wipe-all-label', all)}</label>
            <input type="text" inputMode="numeric" id="f-confirm-count" name="confirm_count" autoComplete="off" dir="ltr" required />
          </div>
          <button type="submit">{t('connect-console-wipe-all-button')}</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

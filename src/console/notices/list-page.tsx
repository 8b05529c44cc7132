import { NOTICE_STATES } from '../../notices/model.ts';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';

export interface ReviewListItem {
  reference: string;
  title: string;
  kind: string;
  outcome: string;
  state: string;
  decided_at: Date | null;
  published_at: Date | null;
  edited_at: Date | null;
}

const when = (context: ConsoleContext, date: Date | null) => (date ? <time dateTime={date.toISOString()}>{new Intl.DateTimeFormat(context.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)}</time> : '—');

/** `/console/notices`: drafts to review, and the notices published or withdrawn. */
export function NoticeListPage({ context, state, items, counts, prepared }: { context: ConsoleContext; state: string; items: ReviewListItem[]; counts: Record<string, number>; prepared: number }) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('notices-console-title')}>
      <h1>{t('notices-console-title')}</h1>
      <p>{t('notices-console-lead')}</p>
      <p class="muted">{t('notices-console-no-user-data')}</p>
      {prepared > 0 ? <p role="status">{t('notices-console-prepared', prepared)}</p> : null}
      <nav aria-label={t('notices-console-states')}>
        <ul class="row-actions">
          {NOTICE_STATES.map((name) => (
            <li key={name}>
              <a href={`/console/notices?state=${name}`} aria-current={name === state ? 'page' : undefined}>
                {t(`notices-state-${name}`)} ({counts[name] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{t('notices-console-empty')}</p>
      ) : (
        <table class="records">
          <caption class="visually-hidden">{t(`notices-state-${state}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notices-fact-reference')}</th>
              <th scope="col">{t('notices-console-redacted-title')}</th>
              <th scope="col">{t('notices-field-kind')}</th>
              <th scope="col">{t('notices-field-outcome')}</th>
              <th scope="col">{t('notices-fact-decided')}</th>
              <th scope="col">{t('notices-fact-published')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.reference} data-reference={item.reference}>
                <td>
                  <a href={`/console/notices/${item.reference}`} dir="ltr">
                    {item.reference}
                  </a>
                </td>
                <td dir="auto">
                  {item.title}
                  {item.edited_at ? <span class="badge">{t('notices-console-edited')}</span> : null}
                </td>
                <td>{t(`desk-kind-${item.kind}`)}</td>
                <td>{t(`desk-outcome-${item.outcome}`)}</td>
                <td>{when(context, item.decided_at)}</td>
                <td>{when(context, item.published_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

import type { CaseListItem, DeadlineFilter, StateFilter } from '../../assistance/list-cases.ts';
import { DEADLINE_FILTERS, STATE_FILTERS } from '../../assistance/list-cases.ts';
import type { FieldIssue } from '../../errors.ts';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { countryName, formatTime } from '../format.tsx';
import { daysUntil, formatDate } from './format.ts';

/** A court deadline, marked when it has passed or is within a week. */
export function Deadline({ context, date }: { context: ConsoleContext; date: string | null }) {
  const { t, lang } = context;
  if (!date) return <span>{t('assistance-no-deadline')}</span>;
  const days = daysUntil(date);
  const mark = days < 0 ? 'overdue' : days <= 7 ? 'due-soon' : '';
  return (
    <span class={mark ? `badge ${mark}` : undefined}>
      <time dateTime={date}>{formatDate(lang, date)}</time> {days < 0 ? t('assistance-deadline-passed', -days) : days === 0 ? t('assistance-deadline-today') : t('assistance-deadline-in', days)}
    </span>
  );
}

function query(filters: { state: StateFilter; deadline: DeadlineFilter }, page: number): string {
  return `?${new URLSearchParams({ state: filters.state, deadline: filters.deadline, page: String(page) }).toString()}`;
}

/** `/console/assistance`: the cases, soonest court deadline first. No contact data: that is on each case's page alone. */
export function CaseListPage({
  context,
  filters,
  items,
  total,
  pages,
  issues,
}: {
  context: ConsoleContext;
  filters: { state: StateFilter; deadline: DeadlineFilter; page: number };
  items: CaseListItem[];
  total: number;
  pages: number;
  issues: FieldIssue[];
}) {
  const { t, lang } = context;
  const title = t('assistance-list-title');
  return (
    <ConsoleLayout context={context} title={title}>
      <h1>{title}</h1>
      {issues.length > 0 ? (
        <div class="problems" role="alert">
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>{t(issue.code!, ...(issue.params ?? []))}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action="/console/assistance" class="filters">
        <label>
          {t('assistance-filter-state')}
          <select name="state">
            {STATE_FILTERS.map((state) => (
              <option key={state} value={state} selected={state === filters.state}>
                {t(`assistance-filter-state-${state}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assistance-filter-deadline')}
          <select name="deadline">
            {DEADLINE_FILTERS.map((deadline) => (
              <option key={deadline} value={deadline} selected={deadline === filters.deadline}>
                {t(`assistance-filter-deadline-${deadline}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('assistance-filter-apply')}</button>
      </form>
      <p role="status">{t('assistance-list-count', total)}</p>
      {items.length === 0 ? (
        <p>{t('assistance-list-empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('assistance-column-reference')}</th>
              <th scope="col">{t('assistance-column-court_deadline')}</th>
              <th scope="col">{t('assistance-column-state')}</th>
              <th scope="col">{t('assistance-column-threat_kind')}</th>
              <th scope="col">{t('assistance-column-country')}</th>
              <th scope="col">{t('assistance-column-project')}</th>
              <th scope="col">{t('assistance-column-contributor_role')}</th>
              <th scope="col">{t('assistance-column-eligibility')}</th>
              <th scope="col">{t('assistance-column-received_at')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/console/assistance/${item.reference}`} class="ltr">
                    {item.reference}
                  </a>
                </td>
                <td>
                  <Deadline context={context} date={item.court_deadline} />
                  {item.court_case ? null : <span class="hint">{t('assistance-no-court-case')}</span>}
                </td>
                <td>{t(`assistance-state-${item.state}`)}</td>
                <td>{t(`assistance-option-threat_kind-${item.threat_kind}`)}</td>
                <td>{countryName(lang, item.country)}</td>
                <td class="ltr">{item.project}</td>
                <td>{t(`assistance-option-role-${item.contributor_role}`)}</td>
                <td>{t(`assistance-eligibility-${item.eligibility}`)}</td>
                <td>{formatTime(lang, item.received_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={t('assistance-pages')}>
          {filters.page > 1 ? <a href={query(filters, filters.page - 1)}>{t('assistance-page-previous')}</a> : null}
          <span>{t('assistance-page-of', filters.page, pages)}</span>
          {filters.page < pages ? <a href={query(filters, filters.page + 1)}>{t('assistance-page-next')}</a> : null}
        </nav>
      ) : null}
    </ConsoleLayout>
  );
}

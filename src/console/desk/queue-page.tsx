import type { QueueFilters, QueueItem } from '../../desk/queue.ts';
import type { FieldIssue } from '../../errors.ts';
import { CONTACT_TOPICS, DESK_KINDS, STATES } from '../../requests/model.ts';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { Time, countryName } from '../format.tsx';
import { categoryLabel, timeLeft } from './format.ts';
import { Problems } from './problems.tsx';

function DeadlineCell({ context, item }: { context: ConsoleContext; item: QueueItem }) {
  if (!item.deadline) return <td>—</td>;
  const { t, lang } = context;
  const label = item.deadlineStatus === 'overdue' ? t('desk-deadline-overdue') : item.deadlineStatus === 'soon' ? t('desk-deadline-soon') : null;
  return (
    <td>
      <Time lang={lang} value={item.deadline} />
      <br />
      {label ? <span class={`badge ${item.deadlineStatus === 'overdue' ? 'overdue' : 'due-soon'}`}>{label}</span> : null} {timeLeft(lang, t, item.deadline)}
    </td>
  );
}

/** `/console/requests`: the queue, with its filters in a form that works without JavaScript. */
export function QueuePage({ context, filters, items, hasMore, page, staffOptions, issues }: {
  context: ConsoleContext;
  filters: QueueFilters;
  items: QueueItem[];
  hasMore: boolean;
  page: number;
  staffOptions: { id: number; name: string }[];
  issues: readonly FieldIssue[];
}) {
  const { t, lang } = context;
  const selected = (name: keyof QueueFilters, value: string) => (filters[name] ?? '') === value;
  const link = (p: number) => `/console/requests?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(p) })}`;
  return (
    <ConsoleLayout context={context} title={t('desk-queue-title')}>
      <h1>{t('desk-queue-title')}</h1>
      <Problems context={context} issues={issues} />
      <form method="get" action="/console/requests" class="filters" role="search" aria-label={t('desk-queue-filters')}>
        <label>
          {t('desk-field-kind')}
          <select name="kind">
            <option value="">{t('desk-any')}</option>
            {DESK_KINDS.map((kind) => (
              <option key={kind} value={kind} selected={selected('kind', kind)}>
                {t(`desk-kind-${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('contact-field-topic')}
          <select name="topic">
            <option value="">{t('desk-any')}</option>
            {CONTACT_TOPICS.map((topic) => (
              <option key={topic} value={topic} selected={selected('topic', topic)}>
                {t(`contact-topic-${topic}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk-field-state')}
          <select name="state">
            <option value="open" selected={!filters.state || selected('state', 'open')}>
              {t('desk-state-open')}
            </option>
            <option value="all" selected={selected('state', 'all')}>
              {t('desk-any')}
            </option>
            {STATES.map((state) => (
              <option key={state} value={state} selected={selected('state', state)}>
                {t(`desk-state-${state}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk-field-assignee')}
          <select name="assignee">
            <option value="">{t('desk-any')}</option>
            <option value="me" selected={selected('assignee', 'me')}>
              {t('desk-assignee-me')}
            </option>
            <option value="none" selected={selected('assignee', 'none')}>
              {t('desk-assignee-none')}
            </option>
            {staffOptions.map((option) => (
              <option key={option.id} value={String(option.id)} selected={selected('assignee', String(option.id))}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk-field-country')}
          <input type="text" name="country" value={filters.country ?? ''} size={8} maxLength={7} placeholder="US" aria-describedby="country-hint" />
          <span class="hint" id="country-hint">
            {t('desk-country-hint')}
          </span>
        </label>
        <label>
          {t('desk-field-deadline')}
          <select name="deadline">
            <option value="">{t('desk-any')}</option>
            <option value="overdue" selected={selected('deadline', 'overdue')}>
              {t('desk-deadline-overdue')}
            </option>
            <option value="soon" selected={selected('deadline', 'soon')}>
              {t('desk-deadline-soon')}
            </option>
          </select>
        </label>
        <button type="submit">{t('desk-filter')}</button>
      </form>
      {items.length === 0 ? (
        <p>{t('desk-queue-empty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('desk-queue-title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk-field-reference')}</th>
              <th scope="col">{t('desk-field-kind')}</th>
              <th scope="col">{t('desk-field-state')}</th>
              <th scope="col">{t('desk-field-received')}</th>
              <th scope="col">{t('desk-field-country')}</th>
              <th scope="col">{t('desk-field-assignee')}</th>
              <th scope="col">{t('desk-field-deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a class="ltr" href={`/console/requests/${item.reference}`}>
                    {item.reference}
                  </a>
                </td>
                <td>
                  {t(`desk-kind-${item.kind}`)}
                  {item.category ? <span class="hint">{categoryLabel(t, item.kind, item.category)}</span> : null}
                </td>
                <td>{t(`desk-state-${item.state}`)}</td>
                <td>
                  <Time lang={lang} value={item.received_at} />
                </td>
                <td>{item.requester_country ? countryName(lang, item.requester_country) : t('desk-unknown')}</td>
                <td>{item.assignee ?? t('desk-assignee-none')}</td>
                <DeadlineCell context={context} item={item} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t('desk-pages')}>
        {page > 1 ? <a href={link(page - 1)}>{t('desk-page-previous')}</a> : null}
        {hasMore ? <a href={link(page + 1)}>{t('desk-page-next')}</a> : null}
      </nav>
    </ConsoleLayout>
  );
}

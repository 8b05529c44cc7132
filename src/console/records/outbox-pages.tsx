import { roleHolds } from '../../auth/permissions.ts';
import type { AuditEventView } from '../../audit/list-events.ts';
import { OUTBOX_STATUSES, type OutboxItem, type OutboxMessage } from '../../outbox/list-messages.ts';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { Pager } from './audit-pages.tsx';
import { AuditTimeline, type ActorNames } from './audit-timeline.tsx';
import { Time } from '../format.tsx';

function Status({ context, status }: { context: ConsoleContext; status: string }) {
  return <span class={`badge status-${status}`} data-status={status}>{context.t(`records-outbox-status-${status}`)}</span>;
}

/** The outbox: every message Candor sent or would have sent, newest first, filtered by status and request. */
export function OutboxListPage({ context, texts, items, before, nextBefore }: {
  context: ConsoleContext;
  texts: { status?: string; reference?: string };
  items: OutboxItem[];
  before?: number;
  nextBefore?: number;
}) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('records-outbox-title')}>
      <h1>{t('records-outbox-title')}</h1>
      <form method="get" action="/console/outbox" class="filters" role="search" aria-label={t('records-filters')}>
        <label>
          {t('records-outbox-status')}
          <select name="status">
            <option value="">{t('records-filter-any')}</option>
            {OUTBOX_STATUSES.map((status) => (
              <option key={status} value={status} selected={texts.status === status}>{t(`records-outbox-status-${status}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('records-outbox-reference')}
          <input type="text" name="reference" value={texts.reference ?? ''} maxLength={200} />
        </label>
        <button type="submit">{t('records-filter-apply')}</button>
        <a href="/console/outbox">{t('records-filter-clear')}</a>
      </form>
      {items.length === 0 ? (
        <p>{t('records-outbox-empty')}</p>
      ) : (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t('records-outbox-created')}</th>
              <th scope="col">{t('records-outbox-to')}</th>
              <th scope="col">{t('records-outbox-subject')}</th>
              <th scope="col">{t('records-outbox-status')}</th>
              <th scope="col">{t('records-outbox-attempts')}</th>
              <th scope="col">{t('records-outbox-last-error')}</th>
              <th scope="col">{t('records-outbox-sent')}</th>
              <th scope="col">{t('records-outbox-reference')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-message={item.id}>
                <td><Time lang={context.lang} value={item.createdAt} /></td>
                <td class="ltr">{item.toAddress}</td>
                <td><a href={`/console/outbox/${item.id}`}>{item.subject}</a></td>
                <td><Status context={context} status={item.status} /></td>
                <td>{item.attempts}</td>
                <td>{item.lastError ?? ''}</td>
                <td><Time lang={context.lang} value={item.sentAt} /></td>
                <td class="ltr">{item.requestReference ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager context={context} base="/console/outbox" values={texts} before={before} nextBefore={nextBefore} newer={t('records-page-newest')} older={t('records-page-older')} />
    </ConsoleLayout>
  );
}

/** One outgoing message: its envelope and headers, its whole text, its history, and a retry when it failed. */
export function OutboxMessagePage({ context, message, from, events, names, done }: {
  context: ConsoleContext;
  message: OutboxMessage;
  from: string;
  events: AuditEventView[];
  names: ActorNames;
  done?: string;
}) {
  const { t } = context;
  const canRetry = message.status === 'failed' && !!context.staff && roleHolds(context.staff.role, 'mail:work');
  return (
    <ConsoleLayout context={context} title={message.subject}>
      <p><a href="/console/outbox">{t('records-back-to-outbox')}</a></p>
      <h1>{message.subject}</h1>
      {done === 'retried' ? <p class="done" role="status">{t('records-outbox-retried')}</p> : null}
      <dl class="facts">
        <dt>{t('records-outbox-status')}</dt>
        <dd><Status context={context} status={message.status} /></dd>
        <dt>{t('records-outbox-from')}</dt>
        <dd class="ltr">{from}</dd>
        <dt>{t('records-outbox-to')}</dt>
        <dd class="ltr">{message.toAddress}</dd>
        <dt>{t('records-outbox-subject')}</dt>
        <dd>{message.subject}</dd>
        <dt>{t('records-outbox-reference')}</dt>
        <dd class="ltr">{message.requestReference ?? '—'}</dd>
        <dt>{t('records-outbox-language')}</dt>
        <dd class="ltr">{message.language}</dd>
        <dt>{t('records-outbox-created')}</dt>
        <dd><Time lang={context.lang} value={message.createdAt} /></dd>
        <dt>{t('records-outbox-next-attempt')}</dt>
        <dd>{message.status === 'pending' ? <Time lang={context.lang} value={message.nextAttemptAt} /> : '—'}</dd>
        <dt>{t('records-outbox-sent')}</dt>
        <dd><Time lang={context.lang} value={message.sentAt} /></dd>
        <dt>{t('records-outbox-attempts')}</dt>
        <dd>{message.attempts}</dd>
        <dt>{t('records-outbox-last-error')}</dt>
        <dd>{message.lastError ?? '—'}</dd>
      </dl>
      {canRetry ? (
        <form method="post" action={`/console/outbox/${message.id}/retry`}>
          <CsrfField context={context} />
          <button type="submit">{t('records-outbox-retry')}</button>
        </form>
      ) : null}
      <h2>{t('records-outbox-headers')}</h2>
      <table class="headers">
        <tbody>
          {Object.entries(message.headers).map(([name, value]) => (
            <tr key={name}>
              <th scope="row" class="ltr">{name}</th>
              <td class="ltr">{String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('records-outbox-body')}</h2>
      <pre class="message" lang={message.language} data-field="body">{message.bodyText}</pre>
      <AuditTimeline context={context} events={events} names={names} />
    </ConsoleLayout>
  );
}

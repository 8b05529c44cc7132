import { roleHolds } from '../../auth/permissions.ts';
import type { AuditEventView } from '../../audit/list-events.ts';
import type { InspectedMessage } from '../../mail/inspect-message.ts';
import { QUARANTINE_VIEWS, type QuarantineItem, type QuarantineView } from '../../mail/review-quarantine.ts';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { Pager } from './audit-pages.tsx';
import { AuditTimeline, type ActorNames } from './audit-timeline.tsx';
import { Time, formatBytes } from '../format.tsx';

const REASON_CODES = ['empty', 'unparseable', 'malformed-mime', 'no-sender', 'automatic', 'invalid'];

/** A stored reason (`code: detail`): the code in the reader's language, the detail as the intake wrote it. */
function Reason({ context, reason }: { context: ConsoleContext; reason: string }) {
  const split = reason.indexOf(': ');
  const code = split === -1 ? reason : reason.slice(0, split);
  const detail = split === -1 ? '' : reason.slice(split + 2);
  if (!REASON_CODES.includes(code)) return <span>{reason}</span>;
  return (
    <span>
      {context.t(`mail-quarantine-reason-${code}`)}
      {detail ? <span class="hint ltr">{detail}</span> : null}
    </span>
  );
}

function Resolution({ context, item }: { context: ConsoleContext; item: QuarantineItem }) {
  const { t } = context;
  if (item.resolution === 'filed') return <span data-status="filed">{t('records-quarantine-filed-as', item.requestReference ?? String(item.request_id ?? '—'))}</span>;
  if (item.resolution === 'dismissed') return <span data-status="dismissed">{t('records-quarantine-dismissed')}</span>;
  if (item.resolved_at) return <span data-status="resolved">{t('records-quarantine-resolved')}</span>;
  return <span data-status="open">{t('records-quarantine-open')}</span>;
}

/** The mail quarantine: messages the intake could not use, waiting for a person, newest first. */
export function QuarantineListPage({ context, view, items, before, nextBefore }: {
  context: ConsoleContext;
  view: QuarantineView;
  items: QuarantineItem[];
  before?: number;
  nextBefore?: number;
}) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('records-quarantine-title')}>
      <h1>{t('records-quarantine-title')}</h1>
      <form method="get" action="/console/quarantine" class="filters" role="search" aria-label={t('records-filters')}>
        <label>
          {t('records-quarantine-view')}
          <select name="view">
            {QUARANTINE_VIEWS.map((option) => (
              <option key={option} value={option} selected={view === option}>{t(`records-quarantine-view-${option}`)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('records-filter-apply')}</button>
      </form>
      {items.length === 0 ? (
        <p>{t('records-quarantine-empty')}</p>
      ) : (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t('records-quarantine-received')}</th>
              <th scope="col">{t('records-quarantine-reason')}</th>
              <th scope="col">{t('records-quarantine-envelope-from')}</th>
              <th scope="col">{t('records-quarantine-envelope-to')}</th>
              <th scope="col">{t('records-quarantine-size')}</th>
              <th scope="col">{t('records-quarantine-state')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-quarantine={item.id}>
                <td><a href={`/console/quarantine/${item.id}`}><Time lang={context.lang} value={new Date(item.received_at)} /></a></td>
                <td><Reason context={context} reason={item.reason} /></td>
                <td class="ltr">{item.envelope_from ?? '—'}</td>
                <td class="ltr">{item.envelope_to.join(', ') || '—'}</td>
                <td>{formatBytes(context.lang, item.sizeBytes)}</td>
                <td><Resolution context={context} item={item} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager context={context} base="/console/quarantine" values={{ view: view === 'open' ? undefined : view }} before={before} nextBefore={nextBefore} newer={t('records-page-newest')} older={t('records-page-older')} />
    </ConsoleLayout>
  );
}

function ParsedHeaders({ context, message }: { context: ConsoleContext; message: InspectedMessage }) {
  const { t } = context;
  const row = (label: string, value: string | null) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value ?? '—'}</dd>];
  return (
    <dl class="facts" data-field="parsed-headers">
      {row(t('records-quarantine-subject'), message.subject)}
      {row(t('records-quarantine-from'), message.from)}
      {row(t('records-quarantine-to'), message.to)}
      {row(t('records-quarantine-cc'), message.cc)}
      <dt>{t('records-quarantine-date')}</dt>
      <dd><Time lang={context.lang} value={message.date} /></dd>
      {row(t('records-quarantine-message-id'), message.messageId)}
    </dl>
  );
}

/** One quarantined message: why it is here, its headers and text (never its HTML), its raw bytes to download, and what to do with it. */
export function QuarantineMessagePage({ context, item, message, events, names, done }: {
  context: ConsoleContext;
  item: QuarantineItem;
  message: InspectedMessage;
  events: AuditEventView[];
  names: ActorNames;
  done?: string;
}) {
  const { t } = context;
  const title = t('records-quarantine-message-title', item.id);
  const canWork = !item.resolved_at && !!context.staff && roleHolds(context.staff.role, 'mail:work');
  return (
    <ConsoleLayout context={context} title={title}>
      <p><a href="/console/quarantine">{t('records-back-to-quarantine')}</a></p>
      <h1>{title}</h1>
      {done === 'filed' ? <p class="done" role="status">{t('records-quarantine-done-filed', item.requestReference ?? '—')}</p> : null}
      {done === 'dismissed' ? <p class="done" role="status">{t('records-quarantine-done-dismissed')}</p> : null}
      <dl class="facts">
        <dt>{t('records-quarantine-state')}</dt>
        <dd><Resolution context={context} item={item} /></dd>
        {item.resolution_note ? [<dt key="note">{t('records-quarantine-dismiss-reason')}</dt>, <dd key="note-d" data-field="note">{item.resolution_note}</dd>] : null}
        <dt>{t('records-quarantine-received')}</dt>
        <dd><Time lang={context.lang} value={new Date(item.received_at)} /></dd>
        <dt>{t('records-quarantine-source')}</dt>
        <dd>{t(`records-quarantine-source-${item.source}`)}</dd>
        <dt>{t('records-quarantine-reason')}</dt>
        <dd><Reason context={context} reason={item.reason} /></dd>
        <dt>{t('records-quarantine-envelope-from')}</dt>
        <dd class="ltr">{item.envelope_from ?? '—'}</dd>
        <dt>{t('records-quarantine-envelope-to')}</dt>
        <dd class="ltr">{item.envelope_to.join(', ') || '—'}</dd>
        <dt>{t('records-quarantine-size')}</dt>
        <dd>{formatBytes(context.lang, item.sizeBytes)}</dd>
      </dl>
      <p><a href={`/console/quarantine/${item.id}/raw`} download={`quarantine-${item.id}.eml`}>{t('records-quarantine-download')}</a></p>
      {canWork ? (
        <section aria-labelledby="quarantine-actions">
          <h2 id="quarantine-actions">{t('records-quarantine-actions')}</h2>
          <form method="post" action={`/console/quarantine/${item.id}/file`}>
            <CsrfField context={context} />
            <p class="hint">{t('records-quarantine-file-hint')}</p>
            <button type="submit">{t('records-quarantine-file')}</button>
          </form>
          <form method="post" action={`/console/quarantine/${item.id}/dismiss`}>
            <CsrfField context={context} />
            <div class="field">
              <label for="dismiss-reason">{t('records-quarantine-dismiss-reason')}</label>
              <textarea id="dismiss-reason" name="reason" required maxLength={1000} />
            </div>
            <button type="submit" class="secondary">{t('records-quarantine-dismiss')}</button>
          </form>
        </section>
      ) : null}
      <h2>{t('records-quarantine-headers')}</h2>
      {message.parsed ? (
        <>
          <ParsedHeaders context={context} message={message} />
          {message.attachments.length > 0 ? (
            <>
              <h2>{t('records-quarantine-attachments')}</h2>
              <ul>
                {message.attachments.map((attachment, index) => (
                  <li key={index}>
                    <span class="ltr">{attachment.filename ?? t('records-quarantine-unnamed')}</span> · <span class="ltr">{attachment.contentType}</span> · {formatBytes(context.lang, attachment.size)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>{t('records-quarantine-text')}</h2>
          <pre class="message" data-field="text">{message.text || t('records-quarantine-no-text')}</pre>
          <details>
            <summary>{t('records-quarantine-all-headers')}</summary>
            <pre class="ltr" data-field="header-lines">{message.headerLines.map((header) => header.line).join('\n')}</pre>
          </details>
        </>
      ) : (
        <>
          <p class="problem">{t('records-quarantine-unparsed', message.problem ?? '')}</p>
          <pre class="message ltr" data-field="raw-text">{message.rawText}</pre>
        </>
      )}
      <AuditTimeline context={context} events={events} names={names} />
    </ConsoleLayout>
  );
}

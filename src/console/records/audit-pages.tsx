import type { ChainVerdict } from '../../audit/verify-chain.ts';
import type { AuditEventView, FilterTexts } from '../../audit/list-events.ts';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { Actor, type ActorNames } from './audit-timeline.tsx';
import { Time } from '../format.tsx';
import { queryString } from './format.tsx';
import { PayloadView } from './payload-view.tsx';

/** How an event's subject is named: a request by its reference, anything else by type and id, linked to its page where it has one. */
export function SubjectLabel({ event }: { event: AuditEventView }) {
  const own = event.subjectId === null ? event.subjectType : `${event.subjectType} #${event.subjectId}`;
  if (event.subjectType === 'request' && event.subjectReference) {
    return <a class="ltr" href={`/console/audit${queryString({ subject: event.subjectReference })}`}>{event.subjectReference}</a>;
  }
  const href = event.subjectType === 'outbox' ? `/console/outbox/${event.subjectId}` : event.subjectType === 'mail_quarantine' ? `/console/quarantine/${event.subjectId}` : undefined;
  return (
    <span class="ltr">
      {href ? <a href={href}>{own}</a> : own}
      {event.subjectReference ? ` (${event.subjectReference})` : ''}
    </span>
  );
}

function Filters({ context, texts }: { context: ConsoleContext; texts: FilterTexts }) {
  const { t } = context;
  const field = (name: keyof FilterTexts, label: string, type: 'text' | 'date' = 'text') => (
    <label>
      {label}
      {type === 'date' ? <input type="date" name={name} value={texts[name] ?? ''} /> : <input type="text" name={name} value={texts[name] ?? ''} maxLength={200} />}
    </label>
  );
  return (
    <form method="get" action="/console/audit" class="filters" role="search" aria-label={t('records-filters')}>
      {field('actor', t('records-audit-actor'))}
      {field('action', t('records-audit-action'))}
      {field('subject_type', t('records-audit-subject-type'))}
      {field('subject', t('records-audit-subject'))}
      {field('from', t('records-filter-from'), 'date')}
      {field('to', t('records-filter-to'), 'date')}
      <button type="submit">{t('records-filter-apply')}</button>
      <a href="/console/audit">{t('records-filter-clear')}</a>
    </form>
  );
}

/** The audit trail: filters, the chain's check, the exports, and a page of events, newest first. */
export function AuditTrailPage({ context, texts, events, names, before, nextBefore }: {
  context: ConsoleContext;
  texts: FilterTexts;
  events: AuditEventView[];
  names: ActorNames;
  before?: number;
  nextBefore?: number;
}) {
  const { t } = context;
  const filters = queryString(texts);
  return (
    <ConsoleLayout context={context} title={t('records-audit-title')}>
      <h1>{t('records-audit-title')}</h1>
      <Filters context={context} texts={texts} />
      <div class="actions">
        <form method="post" action="/console/audit/verify">
          <CsrfField context={context} />
          <button type="submit" class="secondary">{t('records-audit-verify')}</button>
        </form>
        <a href={`/console/audit/export.csv${filters}`}>{t('records-audit-export-csv')}</a>
        <a href={`/console/audit/export.json${filters}`}>{t('records-audit-export-json')}</a>
      </div>
      {events.length === 0 ? (
        <p>{t('records-audit-empty')}</p>
      ) : (
        <table class="records">
          <caption class="visually-hidden">{t('records-audit-title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('records-audit-id')}</th>
              <th scope="col">{t('records-audit-time')}</th>
              <th scope="col">{t('records-audit-actor')}</th>
              <th scope="col">{t('records-audit-action')}</th>
              <th scope="col">{t('records-audit-subject')}</th>
              <th scope="col">{t('records-audit-details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} id={`event-${event.id}`} data-event={event.id}>
                <td class="ltr">{event.id}</td>
                <td><Time lang={context.lang} value={event.occurredAt} /></td>
                <td><Actor actor={event.actor} names={names} /></td>
                <td class="ltr">{event.action}</td>
                <td><SubjectLabel event={event} /></td>
                <td><PayloadView context={context} payload={event.payload} restricted={event.restricted} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager context={context} base="/console/audit" values={texts} before={before} nextBefore={nextBefore} newer={t('records-page-newest')} older={t('records-page-older')} />
    </ConsoleLayout>
  );
}

/** Links to the newest page and to the next (older) one, keeping the filters. */
export function Pager({ context, base, values, before, nextBefore, newer, older }: {
  context: ConsoleContext;
  base: string;
  values: Record<string, string | undefined>;
  before?: number;
  nextBefore?: number;
  newer: string;
  older: string;
}) {
  if (before === undefined && nextBefore === undefined) return null;
  return (
    <nav class="pager" aria-label={context.t('records-pages')}>
      {before !== undefined ? <a href={`${base}${queryString(values)}`}>{newer}</a> : null}
      {nextBefore !== undefined ? <a href={`${base}${queryString({ ...values, before: nextBefore })}`} rel="next">{older}</a> : null}
    </nav>
  );
}

/** The reason verifyChain gives for a break, in the reader's language. */
function chainReason(context: ConsoleContext, reason: string): string {
  const { t } = context;
  if (reason === 'its content was altered') return t('records-chain-reason-altered');
  const missing = /^event (\d+(?:–\d+)?) is missing/.exec(reason);
  if (missing) return t('records-chain-reason-missing', missing[1]!);
  const order = /^does not follow event (\d+)/.exec(reason);
  if (order) return t('records-chain-reason-order', order[1]!);
  return reason;
}

/** The result of checking the whole chain: intact or where it breaks, how many events, and the head hash to record elsewhere. */
export function ChainStatusPage({ context, verdict, checkedAt }: { context: ConsoleContext; verdict: ChainVerdict; checkedAt: Date }) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('records-chain-title')}>
      <h1>{t('records-chain-title')}</h1>
      {verdict.ok ? (
        <p class="done" role="status" data-chain="intact">{t('records-chain-intact', verdict.checked)}</p>
      ) : (
        <p class="problems" role="alert" data-chain="broken">{t('records-chain-broken', verdict.firstBad!.id, verdict.checked)}</p>
      )}
      <dl class="facts">
        <dt>{t('records-chain-checked-at')}</dt>
        <dd><Time lang={context.lang} value={checkedAt} /></dd>
        <dt>{t('records-chain-events')}</dt>
        <dd data-field="checked">{verdict.checked}</dd>
        <dt>{t('records-chain-head')}</dt>
        <dd><code class="ltr" data-field="head">{verdict.headHash}</code></dd>
        {verdict.firstBad ? [
          <dt key="bad">{t('records-chain-first-bad')}</dt>,
          <dd key="bad-value">
            <a href={`/console/audit${queryString({ before: verdict.firstBad.id + 1 })}`} data-field="first-bad">{verdict.firstBad.id}</a>
            {' — '}
            <span>{chainReason(context, verdict.firstBad.reason)}</span>
          </dd>,
        ] : null}
      </dl>
      <p class="hint">{t('records-chain-hint')}</p>
      <p><a href="/console/audit">{t('records-back-to-audit')}</a></p>
    </ConsoleLayout>
  );
}

import type { CaseView } from '../../assistance/view-case.ts';
import type { WorkForm } from '../../assistance/case-work.ts';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { Deadline } from './case-list.tsx';
import { LinkForm, UnlinkButton, WorkForms, type FormProblems } from './case-forms.tsx';
import { Time, countryName, formatTime } from '../format.tsx';
import { formatDate, formatMoney } from './format.ts';

export type { FormProblems } from './case-forms.tsx';

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function autonym(code: string): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

/** The case's history: every change, who made it and what changed (personal fields by name only). */
function History({ context, view }: { context: ConsoleContext; view: CaseView }) {
  const { t, lang } = context;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('assistance-history')}</h2>
      <p>{t('assistance-history-views', view.views + 1)}</p>
      <ol class="timeline">
        {view.history.map((event) => {
          const changes = (event.payload.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
          const personal = (event.payload.personal_fields_changed ?? []) as string[];
          const request = event.payload.request as string | undefined;
          return (
            <li key={event.id}>
              <Time lang={lang} value={event.occurred_at} />
              <strong>{t(`assistance-event-${event.action.replace(/^assistance_case\./, '')}`)}</strong> <span class="ltr">{event.actor}</span>
              {request ? (
                <>
                  {' '}
                  <span class="ltr">{request}</span>
                </>
              ) : null}
              {Object.keys(changes).length + personal.length > 0 ? (
                <ul>
                  {Object.entries(changes).map(([field, change]) => (
                    <li key={field}>
                      {t(`assistance-column-${field}`)}: <span class="ltr">{String(change.from ?? '—')}</span> → <span class="ltr">{String(change.to ?? '—')}</span>
                    </li>
                  ))}
                  {personal.map((field) => (
                    <li key={field}>{t('assistance-history-personal', t(`assistance-column-${field}`))}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** `/console/assistance/:reference`: one case, the only page that shows the contributor's contact data. */
export function CasePage({ context, view, canWork, problems, notice }: { context: ConsoleContext; view: CaseView; canWork: boolean; problems?: FormProblems; notice?: { form: WorkForm; changed: boolean } }) {
  const { t, lang } = context;
  const { record } = view;
  const title = t('assistance-case-title', record.reference);
  const unlinkIssues = problems?.form === 'unlink' ? problems.issues : [];
  return (
    <ConsoleLayout context={context} title={title}>
      <p>
        <a href="/console/assistance">{t('assistance-back-to-list')}</a>
      </p>
      <h1>
        {t('assistance-case-heading')} <span class="ltr">{record.reference}</span>
      </h1>
      {problems ? (
        <p class="problem" role="alert">
          <a href={`#${problems.form === 'unlink' ? 'related-title' : problems.form}`}>{t('assistance-work-problem-in', t(`assistance-form-${problems.form === 'unlink' ? 'link' : problems.form}`))}</a>
        </p>
      ) : null}
      {notice ? (
        <p class="done" role="status">
          {t(notice.changed ? `assistance-saved-${notice.form}` : 'assistance-unchanged')}
        </p>
      ) : null}
      <div class="request-layout">
        <div>
          <dl class="facts">
            <Fact label={t('assistance-column-state')}>{t(`assistance-state-${record.state}`)}</Fact>
            <Fact label={t('assistance-column-received_at')}>{formatTime(lang, record.received_at)}</Fact>
            <Fact label={t('assistance-column-threat_kind')}>{t(`assistance-option-threat_kind-${record.threat_kind}`)}</Fact>
            <Fact label={t('assistance-column-country')}>{countryName(lang, record.country)}</Fact>
            <Fact label={t('assistance-column-authority')}>{record.authority ?? '—'}</Fact>
            <Fact label={t('assistance-column-project')}>
              <span class="ltr">{record.project}</span>
            </Fact>
            <Fact label={t('assistance-column-contributor_role')}>{t(`assistance-option-role-${record.contributor_role}`)}</Fact>
            <Fact label={t('assistance-column-court_case')}>{t(record.court_case ? 'assistance-option-court_case-yes' : 'assistance-option-court_case-no')}</Fact>
            <Fact label={t('assistance-column-court_deadline')}>
              <Deadline context={context} date={record.court_deadline} />
            </Fact>
            <Fact label={t('assistance-column-eligibility')}>{t(`assistance-eligibility-${record.eligibility}`)}</Fact>
            <Fact label={t('assistance-column-counsel_name')}>
              {record.counsel_name ? `${record.counsel_name}${record.counsel_firm ? ` (${record.counsel_firm})` : ''} — ${formatDate(lang, record.counsel_referred_on!)}` : '—'}
            </Fact>
            <Fact label={t('assistance-column-funding_amount')}>
              {record.funding_amount && record.funding_currency ? `${formatMoney(lang, record.funding_amount, record.funding_currency)} — ${formatDate(lang, record.funding_approved_on!)}` : '—'}
            </Fact>
          </dl>

          <h2>{t('assistance-what-happened')}</h2>
          <div class="message">{record.threat_description}</div>
          {record.eligibility_reasons ? (
            <>
              <h2>{t('assistance-column-eligibility_reasons')}</h2>
              <div class="message">{record.eligibility_reasons}</div>
            </>
          ) : null}
          {record.outcome ? (
            <>
              <h2>{t('assistance-column-outcome')}</h2>
              <div class="message">{record.outcome}</div>
            </>
          ) : null}

          <section aria-labelledby="contact-title">
            <h2 id="contact-title">{t('assistance-contact')}</h2>
            <dl class="facts">
              <Fact label={t('assistance-field-name')}>{record.contact_name}</Fact>
              <Fact label={t('assistance-field-email')}>
                <span class="ltr">{record.contact_email}</span>
              </Fact>
              <Fact label={t('assistance-field-phone')}>{record.contact_phone ? <span class="ltr">{record.contact_phone}</span> : '—'}</Fact>
              <Fact label={t('assistance-field-messenger')}>{record.contact_messenger ?? '—'}</Fact>
              <Fact label={t('assistance-field-language')}>
                <span lang={record.language}>{autonym(record.language)}</span>
              </Fact>
            </dl>
          </section>

          <section aria-labelledby="related-title">
            <h2 id="related-title">{t('assistance-related')}</h2>
            {record.related_urls.length > 0 ? (
              <ul>
                {record.related_urls.map((url) => (
                  <li key={url} class="ltr">
                    <a href={url} rel="noreferrer noopener">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('assistance-no-urls')}</p>
            )}
            {record.related_reference ? <p>{t('assistance-given-reference', record.related_reference)}</p> : null}
            {unlinkIssues.length > 0 ? (
              <div class="problems" role="alert">
                <ul>
                  {unlinkIssues.map((issue) => (
                    <li key={issue.code}>{t(issue.code!, ...(issue.params ?? []))}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {view.requests.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('assistance-column-request_reference')}</th>
                    <th scope="col">{t('assistance-column-request_kind')}</th>
                    <th scope="col">{t('assistance-column-request_state')}</th>
                    <th scope="col">{t('assistance-column-linked')}</th>
                    {canWork ? <th scope="col">{t('assistance-column-actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {view.requests.map((request) => (
                    <tr key={request.id}>
                      <td class="ltr">
                        <a href={`/console/requests/${request.reference}`}>{request.reference}</a>
                      </td>
                      <td>{t(`kind-${request.kind}`)}</td>
                      <td>{t(`desk-state-${request.state}`)}</td>
                      <td>
                        {formatTime(lang, request.linked_at)} <span class="ltr">{request.linked_by}</span>
                      </td>
                      {canWork ? (
                        <td>
                          <UnlinkButton context={context} record={record} reference={request.reference} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>{t('assistance-no-requests')}</p>
            )}
            {canWork ? <LinkForm context={context} record={record} problems={problems} /> : null}
          </section>

          {canWork ? <WorkForms context={context} record={record} problems={problems} /> : null}

          <section aria-labelledby="mail-title">
            <h2 id="mail-title">{t('assistance-mail')}</h2>
            <ul>
              {view.mail.map((mail) => (
                <li key={mail.id}>
                  {formatTime(lang, mail.created_at)} — {mail.subject} — {t(`assistance-mail-status-${mail.status}`)}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <aside>
          <History context={context} view={view} />
        </aside>
      </div>
    </ConsoleLayout>
  );
}

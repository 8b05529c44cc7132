import type { DeskRequest } from '../../desk/load-request.ts';
import type { FieldIssue } from '../../errors.ts';
import type { State } from '../../requests/model.ts';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import { Time, countryName, formatBytes, formatTime } from '../format.tsx';
import { categoryLabel, optionalMessage, timeLeft } from './format.ts';
import { Problems } from './problems.tsx';
import { WorkForms } from './work-forms.tsx';
import { Timeline } from './timeline.tsx';

/** Keeps an address or a name in its own direction inside a sentence of another script (FSI … PDI). */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A form that failed: which one, its problems, and what was typed, so nothing is lost. */
export interface FormProblem {
  form: string;
  issues: readonly FieldIssue[];
  values: Record<string, string>;
}

export interface RequestPageProps {
  context: ConsoleContext;
  data: DeskRequest;
  can: { work: boolean; decide: boolean };
  staffOptions: { id: number; name: string }[];
  nextStates: readonly State[];
  templates: { name: string; languages: string[] }[];
  reply: { template: string; language: string; subject: string; body: string };
  problem?: FormProblem;
  done?: string;
}

function Facts({ context, data }: { context: ConsoleContext; data: DeskRequest }) {
  const { t, lang } = context;
  const r = data.request;
  const row = (label: string, value: preact.ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  const linked = (ref: string) => (
    <a class="ltr" href={`/console/requests/${ref}`}>
      {ref}
    </a>
  );
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('desk-facts')}</h2>
      <dl class="facts">
        {row(t('desk-field-kind'), `${t(`desk-kind-${r.kind}`)}${r.category ? ` — ${categoryLabel(t, r.kind, r.category)}` : ''}`)}
        {row(t('desk-field-channel'), t(`desk-channel-${r.channel}`))}
        {row(t('desk-field-received'), <Time lang={lang} value={r.received_at} />)}
        {row(t('desk-field-requester'), <bdi>{[r.requester_name, r.requester_organization].filter(Boolean).join(', ') || t('desk-requester-unnamed')}</bdi>)}
        {row(t('desk-field-requester-email'), r.requester_email ? <span class="ltr">{r.requester_email}</span> : '—')}
        {row(t('desk-field-language'), r.requester_language ?? '—')}
        {/* A contact message is no legal demand: it has no requester type, law, accounts or outcome. */}
        {r.kind === 'contact' ? null : (
          <>
            {row(t('desk-field-requester-type'), r.requester_type ? t(`desk-requester-type-${r.requester_type}`) : t('desk-unknown'))}
            {row(t('desk-field-country'), r.requester_country ? countryName(lang, r.requester_country) : t('desk-unknown'))}
            {row(t('desk-field-jurisdiction'), r.jurisdiction ?? '—')}
            {row(t('desk-field-laws'), r.laws_cited.length > 0 ? r.laws_cited.join('; ') : '—')}
            {row(t('desk-field-accounts'), t('desk-accounts-line', r.accounts_potentially_affected, r.accounts_actually_affected, r.accounts_notified))}
            {row(t('desk-field-outcome'), r.outcome ? t(`desk-outcome-${r.kind === 'user_data' ? 'user-data-' : ''}${r.outcome}`) : '—')}
            {r.rationale ? row(t('desk-field-rationale'), <span class="pre">{r.rationale}</span>) : null}
            {r.decided_at ? row(t('desk-field-decided'), formatTime(lang, r.decided_at)) : null}
          </>
        )}
        {data.duplicateOf ? row(t('desk-field-duplicate-of'), linked(data.duplicateOf.reference)) : null}
        {data.duplicates.length > 0 ? row(t('desk-field-duplicates'), data.duplicates.map((d, i) => <span key={d.reference}>{i > 0 ? ', ' : ''}{linked(d.reference)}</span>)) : null}
        {data.counterNoticeTo ? row(t('desk-field-counter-notice-to'), linked(data.counterNoticeTo.reference)) : null}
        {data.counterNotices.length > 0 ? row(t('desk-field-counter-notices'), data.counterNotices.map((d, i) => <span key={d.reference}>{i > 0 ? ', ' : ''}{linked(d.reference)}</span>)) : null}
      </dl>
    </section>
  );
}

function Targets({ context, data }: { context: ConsoleContext; data: DeskRequest }) {
  const { t } = context;
  if (data.targets.length === 0 && data.parties.length === 0) return null;
  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">{t('desk-targets')}</h2>
      {data.targets.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk-field-target-type')}</th>
              <th scope="col">{t('desk-field-target')}</th>
              <th scope="col">{t('desk-field-project')}</th>
            </tr>
          </thead>
          <tbody>
            {data.targets.map((target, index) => (
              <tr key={index}>
                <td>{t(`desk-target-${target.target_type}`)}</td>
                <td class="ltr">{target.url ?? target.account ?? '—'}</td>
                <td class="ltr">{target.project ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data.parties.length > 0 ? (
        <>
          <h3>{t('desk-parties')}</h3>
          <ul>
            {data.parties.map((party, index) => (
              <li key={index}>
                {t(`desk-party-${party.role}`)}: {[party.name, party.organization, party.email, party.address, party.country].filter(Boolean).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Correspondence({ context, data }: { context: ConsoleContext; data: DeskRequest }) {
  const { t, lang } = context;
  const r = data.request;
  const entries = [
    ...data.messages.map((m) => ({ at: m.received_at, key: `m${m.id}`, inbound: m.direction === 'inbound', who: m.from_address, subject: m.subject, body: m.body_text, status: null as string | null })),
    ...data.outbox.map((o) => ({ at: o.created_at, key: `o${o.id}`, inbound: false, who: o.to_address, subject: o.subject, body: o.body_text, status: o.status })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <section aria-labelledby="original-heading">
      <h2 id="original-heading">{t('desk-original')}</h2>
      {r.original_text ? <div class="message" lang={r.requester_language ?? undefined} dir="auto">{r.original_text}</div> : <p>{t('desk-original-none')}</p>}
      {data.attachments.length > 0 ? (
        <>
          <h3>{t('desk-attachments')}</h3>
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/console/requests/${r.reference}/attachments/${a.id}`} download>
                  {a.filename}
                </a>{' '}
                <span class="hint">
                  {a.content_type}, {formatBytes(lang, a.size_bytes)}, SHA-256 <span class="ltr">{a.sha256.slice(0, 16)}…</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="mail-heading">{t('desk-correspondence')}</h2>
      {entries.length === 0 ? <p>{t('desk-correspondence-none')}</p> : null}
      {entries.map((entry) => (
        <article key={entry.key} class="message" aria-label={entry.subject ?? ''}>
          <p class="hint">
            {entry.inbound ? t('desk-mail-from', isolate(entry.who ?? '—')) : t('desk-mail-to', isolate(entry.who ?? '—'))} · <Time lang={lang} value={entry.at} />
            {entry.status ? ` · ${optionalMessage(t, `desk-mail-status-${entry.status}`, entry.status)}` : ''}
          </p>
          <div dir="auto">
            <strong>{entry.subject}</strong>
            {'\n'}
            {entry.body}
          </div>
        </article>
      ))}
    </section>
  );
}

function Notes({ context, data }: { context: ConsoleContext; data: DeskRequest }) {
  const { t, lang } = context;
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('desk-notes')}</h2>
      <p class="hint">{t('desk-notes-hint')}</p>
      {data.notes.length === 0 ? <p>{t('desk-notes-none')}</p> : null}
      {data.notes.map((note) => (
        <div key={note.id} class="note" id={`note-${note.id}`} dir="auto">
          <span class="hint">
            {note.author} · {formatTime(lang, note.created_at)}
          </span>
          {'\n'}
          {note.body}
        </div>
      ))}
    </section>
  );
}

/** `/console/requests/{reference}`: everything about a request, the work on it, and its timeline in view. */
export function RequestPage(props: RequestPageProps) {
  const { context, data, done } = props;
  const { t, lang } = context;
  const r = data.request;
  return (
    <ConsoleLayout context={context} title={r.reference}>
      <h1>
        <span class="ltr">{r.reference}</span> <span class="badge">{t(`desk-kind-${r.kind}`)}</span> <span class="badge">{t(`desk-state-${r.state}`)}</span>
      </h1>
      <p>
        {data.deadline ? (
          <>
            {t('desk-field-deadline')}: <Time lang={lang} value={data.deadline} />{' '}
            <span class={data.deadlineStatus === 'overdue' ? 'badge overdue' : data.deadlineStatus === 'soon' ? 'badge due-soon' : 'badge'}>{timeLeft(lang, t, data.deadline)}</span>
            {r.waiting_since ? ` ${t('desk-deadline-paused')}` : ''}
          </>
        ) : null}{' '}
        {t('desk-field-assignee')}: {data.assignee?.name ?? t('desk-assignee-none')}
      </p>
      {/* Work a contact message does not take has no form on its page: its problem is said here. */}
      {r.kind === 'contact' && props.problem && !['note', 'reply', 'move', 'assign'].includes(props.problem.form) ? <Problems context={context} issues={props.problem.issues} /> : null}
      {done ? (
        <p class="done" role="status">
          {optionalMessage(t, `desk-done-${done}`, t('desk-done-saved'))}
        </p>
      ) : null}
      <div class="request-layout">
        <div>
          <Facts context={context} data={data} />
          <Targets context={context} data={data} />
          <Correspondence context={context} data={data} />
          <Notes context={context} data={data} />
          <WorkForms {...props} />
        </div>
        <aside tabIndex={0} aria-labelledby="timeline-heading">
          <Timeline context={context} events={data.timeline} />
        </aside>
      </div>
    </ConsoleLayout>
  );
}

import { isOpen } from '../../desk/deadlines.ts';
import { DECISION_OUTCOMES } from '../../desk/record-decision.ts';
import { QUESTIONS } from '../../desk/record-evaluation.ts';
import { PLACEHOLDERS } from '../../desk/reply-templates.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { CsrfField, type ConsoleContext } from '../layout.tsx';
import { direction } from '../../site/layout.tsx';
import { Problems } from './problems.tsx';
import type { RequestPageProps } from './request-page.tsx';

const languageName = (lang: string, code: string) => new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;

/** The values and problems of one form: what was typed is shown again when it failed. */
function formState(props: RequestPageProps, form: string) {
  const failed = props.problem?.form === form ? props.problem : undefined;
  return { issues: failed?.issues ?? [], value: (name: string, fallback = '') => failed?.values[name] ?? fallback };
}

function Action({ context, path, form, children }: { context: ConsoleContext; path: string; form: string; children: preact.ComponentChildren }) {
  return (
    <form method="post" action={path} id={`form-${form}`}>
      <CsrfField context={context} />
      {children}
    </form>
  );
}

function NoteForm(props: RequestPageProps) {
  const { context, data } = props;
  const { t } = context;
  const { issues, value } = formState(props, 'note');
  return (
    <section aria-labelledby="note-form-heading">
      <h2 id="note-form-heading">{t('desk-note-add')}</h2>
      <Problems context={context} issues={issues} />
      <Action context={context} path={`/console/requests/${data.request.reference}/notes`} form="note">
        <div class="field">
          <label for="note">{t('desk-note-label')}</label>
          <span class="hint" id="note-hint">{t('desk-notes-hint')}</span>
          <textarea id="note" name="note" aria-describedby="note-hint" maxLength={20000}>{value('note')}</textarea>
        </div>
        <button type="submit">{t('desk-note-save')}</button>
      </Action>
    </section>
  );
}

function ReplyForm(props: RequestPageProps) {
  const { context, data, templates, reply } = props;
  const { t, lang } = context;
  const { issues, value } = formState(props, 'reply');
  const r = data.request;
  const replyLanguage = value('language', reply.language);
  return (
    <section aria-labelledby="reply-heading">
      <h2 id="reply-heading">{t('desk-reply')}</h2>
      {r.requester_email ? (
        <p>
          {t('desk-reply-to')} <span class="ltr">{r.requester_email}</span>
        </p>
      ) : (
        <p class="problem">{t('desk-error-no-address')}</p>
      )}
      <form method="get" action={`/console/requests/${r.reference}`} class="filters">
        <label>
          {t('desk-reply-template')}
          <select name="template">
            <option value="">{t('desk-reply-template-none')}</option>
            {templates.map((template) => (
              <option key={template.name} value={template.name} selected={template.name === reply.template}>
                {optionalMessage(t, template.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk-field-language')}
          <select name="lang">
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === reply.language}>
                {languageName(lang, code)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          {t('desk-reply-load')}
        </button>
      </form>
      <Problems context={context} issues={issues} />
      <Action context={context} path={`/console/requests/${r.reference}/reply`} form="reply">
        <input type="hidden" name="template" value={value('template', reply.template)} />
        <div class="field">
          <label for="reply-language">{t('desk-field-language')}</label>
          <select id="reply-language" name="language">
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === replyLanguage}>
                {languageName(lang, code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="reply-subject">{t('desk-field-subject')}</label>
          <input class="wide" type="text" id="reply-subject" name="subject" maxLength={300} value={value('subject', reply.subject)} lang={replyLanguage} dir={direction(replyLanguage)} />
        </div>
        <div class="field">
          <label for="reply-body">{t('desk-field-body')}</label>
          <span class="hint" id="reply-hint">{t('desk-reply-placeholders', PLACEHOLDERS.map((p) => `{{${p}}}`).join(' '))}</span>
          <textarea id="reply-body" name="body" rows={12} aria-describedby="reply-hint" lang={replyLanguage} dir={direction(replyLanguage)}>{value('body', reply.body)}</textarea>
        </div>
        <div class="field">
          <label>
            <input type="checkbox" name="wait" value="yes" checked={value('wait') === 'yes'} /> {t('desk-reply-wait')}
          </label>
        </div>
        <button type="submit" disabled={!r.requester_email}>{t('desk-reply-send')}</button>
      </Action>
    </section>
  );
}

function optionalMessage(t: ConsoleContext['t'], name: string): string {
  const key = `desk-template-${name}`;
  const text = t(key);
  return text === key ? name : text;
}

function EvaluationForm(props: RequestPageProps) {
  const { context, data } = props;
  const { t } = context;
  const { issues, value } = formState(props, 'evaluation');
  const current = data.evaluation as Record<string, string | null> | undefined;
  return (
    <section aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">{t('desk-evaluation')}</h2>
      {data.evaluation ? <p class="hint">{t('desk-evaluation-by', data.evaluation.evaluator)}</p> : null}
      <Problems context={context} issues={issues} />
      <Action context={context} path={`/console/requests/${data.request.reference}/evaluation`} form="evaluation">
        {QUESTIONS.map((question) => {
          const chosen = value(question.key, current?.[question.key] ?? '');
          return (
            <fieldset key={question.key}>
              <legend>{t(`desk-question-${question.key}`)}</legend>
              {question.answers.map((answer) => (
                <label key={answer} class="inline">
                  <input type="radio" name={question.key} value={answer} checked={chosen === answer} /> {t(`desk-answer-${answer}`)}
                </label>
              ))}
              <div class="field">
                <label for={question.notes}>{t('desk-evaluation-reasoning')}</label>
                <textarea id={question.notes} name={question.notes} rows={3}>{value(question.notes, current?.[question.notes] ?? '')}</textarea>
              </div>
            </fieldset>
          );
        })}
        <button type="submit">{t('desk-evaluation-save')}</button>
      </Action>
    </section>
  );
}

function DecisionForm(props: RequestPageProps) {
  const { context, data } = props;
  const { t } = context;
  const { issues, value } = formState(props, 'decision');
  const r = data.request;
  const userData = r.kind === 'user_data';
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('desk-decision')}</h2>
      {userData ? <p class="hint">{t('desk-decision-step-up')}</p> : null}
      <Problems context={context} issues={issues} />
      <Action context={context} path={`/console/requests/${r.reference}/decision`} form="decision">
        <fieldset>
          <legend>{t('desk-field-outcome')}</legend>
          {DECISION_OUTCOMES.map((outcome) => (
            <label key={outcome} class="inline">
              <input type="radio" name="outcome" value={outcome} checked={value('outcome') === outcome} /> {t(`desk-outcome-${userData ? 'user-data-' : ''}${outcome}`)}
            </label>
          ))}
        </fieldset>
        {userData ? (
          <div class="field">
            <label for="accounts-affected">{t('desk-field-accounts-actually-affected')}</label>
            <input type="number" min={0} id="accounts-affected" name="accounts_actually_affected" value={value('accounts_actually_affected', String(r.accounts_actually_affected))} />
          </div>
        ) : null}
        <div class="field">
          <label for="rationale">{t('desk-field-rationale')}</label>
          <textarea id="rationale" name="rationale" rows={6}>{value('rationale')}</textarea>
        </div>
        <button type="submit">{t('desk-decision-record')}</button>
      </Action>
    </section>
  );
}

function NotifyForm(props: RequestPageProps) {
  const { context, data } = props;
  const { t, lang } = context;
  const { issues, value } = formState(props, 'notify');
  const r = data.request;
  return (
    <section aria-labelledby="notify-heading">
      <h2 id="notify-heading">{t('desk-notify')}</h2>
      <p class="hint">{t('desk-notify-hint')}</p>
      {data.notifications.length > 0 ? (
        <ul>
          {data.notifications.map((n) => (
            <li key={n.id}>
              <span class="ltr">{n.account}</span>: {n.status === 'queued' ? t('desk-notify-queued') : t('desk-notify-barred', n.barred_reason ?? '')}
            </li>
          ))}
        </ul>
      ) : null}
      <Problems context={context} issues={issues} />
      <Action context={context} path={`/console/requests/${r.reference}/notifications`} form="notify">
        <div class="field">
          <label for="notify-account">{t('desk-field-account')}</label>
          <input class="wide" type="text" id="notify-account" name="account" value={value('account')} maxLength={300} />
        </div>
        <fieldset>
          <legend>{t('desk-notify-mode')}</legend>
          <label class="inline">
            <input type="radio" name="mode" value="notify" checked={value('mode', 'notify') === 'notify'} /> {t('desk-notify-mode-notify')}
          </label>
          <label class="inline">
            <input type="radio" name="mode" value="barred" checked={value('mode') === 'barred'} /> {t('desk-notify-mode-barred')}
          </label>
        </fieldset>
        <div class="field">
          <label for="notify-email">{t('desk-field-notify-email')}</label>
          <input class="wide" type="email" id="notify-email" name="email" value={value('email')} />
        </div>
        <div class="field">
          <label for="notify-language">{t('desk-field-language')}</label>
          <select id="notify-language" name="language">
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === value('language', r.requester_language ?? lang)}>
                {languageName(lang, code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="notify-subject">{t('desk-field-subject')}</label>
          <input class="wide" type="text" id="notify-subject" name="subject" value={value('subject')} maxLength={300} />
        </div>
        <div class="field">
          <label for="notify-body">{t('desk-field-body')}</label>
          <textarea id="notify-body" name="body" rows={6}>{value('body')}</textarea>
        </div>
        <div class="field">
          <label for="barred-reason">{t('desk-field-barred-reason')}</label>
          <textarea id="barred-reason" name="barred_reason" rows={3}>{value('barred_reason')}</textarea>
        </div>
        <button type="submit">{t('desk-notify-save')}</button>
      </Action>
    </section>
  );
}

function WorkflowForms(props: RequestPageProps) {
  const { context, data, staffOptions, nextStates } = props;
  const { t } = context;
  const r = data.request;
  const assign = formState(props, 'assign');
  const move = formState(props, 'move');
  return (
    <section aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{t('desk-workflow')}</h2>
      <Problems context={context} issues={[...assign.issues, ...move.issues]} />
      {nextStates.length > 0 ? (
        <Action context={context} path={`/console/requests/${r.reference}/state`} form="move">
          <span>{t('desk-move-to')} </span>
          {nextStates.map((state) => (
            <button key={state} type="submit" name="state" value={state} class="secondary">
              {t(`desk-move-${state}`)}
            </button>
          ))}
        </Action>
      ) : null}
      <Action context={context} path={`/console/requests/${r.reference}/assignee`} form="assign">
        <label for="assignee">{t('desk-field-assignee')}</label>{' '}
        <select id="assignee" name="assignee">
          <option value="">{t('desk-assignee-none')}</option>
          {staffOptions.map((option) => (
            <option key={option.id} value={String(option.id)} selected={option.id === data.assignee?.id}>
              {option.name}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="secondary">{t('desk-assign')}</button>
      </Action>
      {r.kind === 'contact' ? null : <LinkForms {...props} />}
    </section>
  );
}

/** Linking duplicates and counter-notices: for legal demands only, since only they are counted. */
function LinkForms(props: RequestPageProps) {
  const { context, data } = props;
  const { t } = context;
  const r = data.request;
  const duplicate = formState(props, 'duplicate');
  const counter = formState(props, 'counter');
  return (
    <>
      <h3>{t('desk-links')}</h3>
      <Problems context={context} issues={[...duplicate.issues, ...counter.issues]} />
      <Action context={context} path={`/console/requests/${r.reference}/duplicate-of`} form="duplicate">
        <label for="duplicate-of">{t('desk-field-duplicate-of')}</label>{' '}
        <input type="text" id="duplicate-of" name="duplicate_of" class="ltr" placeholder="CR-2026-000123" value={duplicate.value('duplicate_of', data.duplicateOf?.reference ?? '')} aria-describedby="duplicate-hint" />{' '}
        <button type="submit" class="secondary">{t('desk-link-save')}</button>
        <span class="hint" id="duplicate-hint">{t('desk-duplicate-hint')}</span>
      </Action>
      {r.kind === 'copyright' && r.category === 'counter_notice' ? (
        <Action context={context} path={`/console/requests/${r.reference}/counter-notice-to`} form="counter">
          <label for="counter-notice-to">{t('desk-field-counter-notice-to')}</label>{' '}
          <input type="text" id="counter-notice-to" name="counter_notice_to" class="ltr" placeholder="CR-2026-000123" value={counter.value('counter_notice_to', data.counterNoticeTo?.reference ?? '')} />{' '}
          <button type="submit" class="secondary">{t('desk-link-save')}</button>
        </Action>
      ) : null}
    </>
  );
}

/** The forms of the work on a request, shown to those who may do it while the request is open. */
export function WorkForms(props: RequestPageProps) {
  const { can, data } = props;
  const open = isOpen(data.request.state);
  // A contact message is answered and closed, never evaluated or decided.
  const legal = data.request.kind !== 'contact';
  if (!can.work) return null;
  return (
    <>
      <NoteForm {...props} />
      {open ? <ReplyForm {...props} /> : null}
      {open && legal ? <EvaluationForm {...props} /> : null}
      {open && legal && can.decide ? <DecisionForm {...props} /> : null}
      {legal && can.decide ? <NotifyForm {...props} /> : null}
      <WorkflowForms {...props} />
    </>
  );
}

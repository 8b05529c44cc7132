import type { ComponentChildren } from 'preact';
import type { CaseRecord } from '../../assistance/case-columns.ts';
import type { WorkForm, WorkValues } from '../../assistance/case-work.ts';
import { CASE_STATES, ELIGIBILITIES, currencyCodes } from '../../assistance/model.ts';
import type { FieldIssue } from '../../errors.ts';
import { CsrfField, type ConsoleContext } from '../layout.tsx';

/** The problems of the one form that was sent back, with what was typed in it. */
export interface FormProblems {
  form: WorkForm;
  issues: FieldIssue[];
  values: WorkValues;
}

interface FormProps {
  context: ConsoleContext;
  record: CaseRecord;
  problems?: FormProblems;
}

function messages(context: ConsoleContext, issues: FieldIssue[]): string[] {
  return issues.map((issue) => (issue.code ? context.t(issue.code, ...(issue.params ?? [])) : issue.message));
}

/** One of the case page's forms: its heading, its problems (if it was just sent back), its fields and button. */
function WorkFormFrame({ context, record, problems, name, children }: FormProps & { name: WorkForm; children: ComponentChildren }) {
  const { t } = context;
  const mine = problems?.form === name ? problems.issues : [];
  return (
    <section aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{t(`assistance-form-${name}`)}</h2>
      <form method="post" action={`/console/assistance/${record.reference}/${name}`} id={name} noValidate>
        <CsrfField context={context} />
        {mine.length > 0 ? (
          <div class="problems" role="alert" id={`${name}-problems`}>
            <ul>
              {messages(context, mine).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {children}
        <button type="submit">{t(`assistance-form-${name}-submit`)}</button>
      </form>
    </section>
  );
}

/** A labelled control whose value is what was just typed, else the case's current value. */
function Input({ context, name, form, problems, current, type = 'text', label, list, wide }: { context: ConsoleContext; name: string; form: WorkForm; problems?: FormProblems; current: string | null; type?: string; label: string; list?: string; wide?: boolean }) {
  const value = problems?.form === form ? (problems.values[name] ?? '') : (current ?? '');
  const invalid = problems?.form === form && problems.issues.some((issue) => issue.field === name);
  const id = `${form}-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {type === 'textarea' ? (
        <textarea id={id} name={name} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${form}-problems` : undefined} value={value} />
      ) : (
        <input id={id} name={name} type={type as 'text'} value={value} list={list} class={wide ? 'wide' : undefined} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${form}-problems` : undefined} dir={type === 'text' && !wide ? 'ltr' : undefined} />
      )}
    </div>
  );
}

function Choice({ context, name, form, problems, current, options, label, optionKey }: { context: ConsoleContext; name: string; form: WorkForm; problems?: FormProblems; current: string; options: readonly string[]; label: string; optionKey: (option: string) => string }) {
  const value = problems?.form === form ? (problems.values[name] ?? '') : current;
  const invalid = problems?.form === form && problems.issues.some((issue) => issue.field === name);
  const id = `${form}-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${form}-problems` : undefined}>
        {options.map((option) => (
          <option key={option} value={option} selected={option === value}>
            {context.t(optionKey(option))}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The desk's date (UTC), proposed for a referral or an approval recorded today. */
const today = () => new Date().toISOString().slice(0, 10);

/** The forms with which counsel and administrators work on a case. */
export function WorkForms(props: FormProps) {
  const { context, record } = props;
  const { t, lang } = context;
  const currencyNames = new Intl.DisplayNames([lang], { type: 'currency' });
  return (
    <>
      <WorkFormFrame {...props} name="eligibility">
        <Choice {...props} form="eligibility" name="eligibility" current={record.eligibility} options={ELIGIBILITIES} label={t('assistance-column-eligibility')} optionKey={(option) => `assistance-eligibility-${option}`} />
        <Input {...props} form="eligibility" name="reasons" type="textarea" current={record.eligibility_reasons} label={t('assistance-column-eligibility_reasons')} />
      </WorkFormFrame>
      <WorkFormFrame {...props} name="counsel">
        <Input {...props} form="counsel" name="counsel_name" current={record.counsel_name} label={t('assistance-work-label-counsel_name')} wide />
        <Input {...props} form="counsel" name="counsel_firm" current={record.counsel_firm} label={t('assistance-column-counsel_firm')} wide />
        <Input {...props} form="counsel" name="referred_on" type="date" current={record.counsel_referred_on ?? today()} label={t('assistance-column-counsel_referred_on')} />
      </WorkFormFrame>
      <WorkFormFrame {...props} name="funding">
        <Input {...props} form="funding" name="amount" current={record.funding_amount} label={t('assistance-work-label-amount')} />
        <Input {...props} form="funding" name="currency" current={record.funding_currency} label={t('assistance-column-funding_currency')} list="currencies" />
        <datalist id="currencies">
          {currencyCodes().map((code) => (
            <option key={code} value={code}>
              {currencyNames.of(code)}
            </option>
          ))}
        </datalist>
        <Input {...props} form="funding" name="approved_on" type="date" current={record.funding_approved_on ?? today()} label={t('assistance-column-funding_approved_on')} />
      </WorkFormFrame>
      <WorkFormFrame {...props} name="outcome">
        <Input {...props} form="outcome" name="outcome" type="textarea" current={record.outcome} label={t('assistance-column-outcome')} />
      </WorkFormFrame>
      <WorkFormFrame {...props} name="state">
        <Choice {...props} form="state" name="state" current={record.state} options={CASE_STATES} label={t('assistance-column-state')} optionKey={(option) => `assistance-state-${option}`} />
      </WorkFormFrame>
    </>
  );
}

/** Linking a request to the case by its reference, prefilled with the one the contributor gave. */
export function LinkForm(props: FormProps) {
  const { context, record } = props;
  return (
    <WorkFormFrame {...props} name="link">
      <Input {...props} form="link" name="request_reference" current={record.related_reference} label={context.t('assistance-column-request_reference')} />
    </WorkFormFrame>
  );
}

/** The button that unlinks one request; its problems show with the link form's. */
export function UnlinkButton({ context, record, reference }: { context: ConsoleContext; record: CaseRecord; reference: string }) {
  return (
    <form method="post" action={`/console/assistance/${record.reference}/unlink`}>
      <CsrfField context={context} />
      <input type="hidden" name="request_reference" value={reference} />
      <button type="submit" class="secondary" aria-label={context.t('assistance-unlink-label', reference)}>
        {context.t('assistance-form-unlink-submit')}
      </button>
    </form>
  );
}

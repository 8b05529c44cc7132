import type { InputHTMLAttributes } from 'preact';
import { CONTACT_FIELDS, type ContactFieldSpec } from '../../contact/contact-form.ts';
import type { FieldIssue } from '../../errors.ts';
import type { PowChallenge } from '../../intake/spam/proof-of-work.ts';
import { CONTACT_TOPICS } from '../../requests/model.ts';
import { ASSETS } from '../assets.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { SpamGuards } from '../spam-guards.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

function issueText(context: PageContext, issue: FieldIssue): string {
  return issue.code ? context.t(issue.code, ...(issue.params ?? [])) : issue.message;
}

function Field({ context, spec, value, issues }: { context: PageContext; spec: ContactFieldSpec; value: string; issues: FieldIssue[] }) {
  const { t } = context;
  const id = `f-${spec.name}`;
  const hintKey = `contact-field-${spec.name}-hint`;
  const hint = t(hintKey) !== hintKey ? t(hintKey) : '';
  const invalid = issues.length > 0 ? (true as const) : undefined;
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: spec.name, required: true, 'aria-describedby': described, 'aria-invalid': invalid, autoComplete: spec.autocomplete };
  let control;
  if (spec.type === 'select') {
    control = (
      <select {...common}>
        <option value="">{t('form-choose-option')}</option>
        {CONTACT_TOPICS.map((topic) => (
          <option key={topic} value={topic} selected={value === topic}>
            {t(`contact-topic-${topic}`)}
          </option>
        ))}
      </select>
    );
  } else if (spec.type === 'textarea') {
    control = <textarea {...common} rows={8} maxLength={spec.maxLength} value={value} />;
  } else {
    // An address reads left to right even on an Arabic page.
    const props = { type: spec.type, ...common, maxLength: spec.maxLength, value, dir: spec.type === 'email' ? 'ltr' : undefined } as InputHTMLAttributes<HTMLInputElement>;
    control = <input {...props} />;
  }
  return (
    <div class={`field${invalid ? ' invalid' : ''}`}>
      <label for={id}>{t(`contact-field-${spec.name}`)}</label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {invalid ? (
        <span class="error-text" id={`${id}-error`}>
          {issues.map((issue) => issueText(context, issue)).join(' ')}
        </span>
      ) : null}
      {control}
    </div>
  );
}

/** `/{lang}/contact`: "Contact a human" — a message that a person on the desk reads and answers. */
export function ContactPage({ context, values, issues, challenge }: { context: PageContext; values: Record<string, string>; issues: FieldIssue[]; challenge: PowChallenge }) {
  const { t, lang } = context;
  const title = t('contact-title');
  return (
    <Layout context={context} title={issues.length > 0 ? `${t('form-error-title-prefix')} ${title}` : title} description={t('contact-lead')} scripts={[ASSETS.pow.url]}>
      <BilingualHeading context={context} level={1} text={message('contact-title')} />
      <p class="lead">{t('contact-lead')}</p>
      <p>{t('contact-not-for-requests')}</p>
      <ul>
        <li>
          <a href={`/${lang}/requests/new`}>{t('contact-link-requests')}</a>
        </li>
        <li>
          <a href={`/${lang}/legal-help`}>{t('contact-link-legal-help')}</a>
        </li>
      </ul>
      {issues.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="summary-title" tabIndex={-1}>
          <h2 id="summary-title">{t('form-error-summary', issues.length)}</h2>
          <ul>
            {issues.map((issue) => (
              <li key={`${issue.field}-${issue.code}`}>
                <a href={`#f-${issue.field}`}>{issueText(context, issue)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/${lang}/contact`} data-pow={JSON.stringify(challenge)} noValidate>
        {CONTACT_FIELDS.map((spec) => (
          <Field key={spec.name} context={context} spec={spec} value={values[spec.name] ?? ''} issues={issues.filter((issue) => issue.field === spec.name)} />
        ))}
        <p class="hint">{t('contact-privacy')}</p>
        <SpamGuards context={context} />
        <button type="submit">{t('contact-submit')}</button>
      </form>
    </Layout>
  );
}

/** What the writer sees once their message is in the desk's queue. */
export function ContactReceivedPage({ context, reference }: { context: PageContext; reference: string }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('contact-received-title')}>
      <BilingualHeading context={context} level={1} text={message('contact-received-title')} />
      <div class="notice" role="status">
        <p>{t('form-received-reference')}</p>
        <p class="reference">{reference}</p>
      </div>
      <p>{t('contact-received-next')}</p>
    </Layout>
  );
}

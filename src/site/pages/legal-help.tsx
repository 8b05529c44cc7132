import type { InputHTMLAttributes } from 'preact';
import { HELP_FIELDS, type HelpFieldSpec } from '../../assistance/help-form.ts';
import type { FieldIssue } from '../../errors.ts';
import type { PowChallenge } from '../../intake/spam/proof-of-work.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { ASSETS } from '../assets.ts';
import { Layout, direction, type PageContext } from '../layout.tsx';
import { countries } from './request-forms.tsx';
import { SpamGuards } from '../spam-guards.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

const GROUPS = ['threat', 'work', 'court', 'contact'] as const;

/** Messages whose first parameter is a field: it is shown by its label, in the page's language. */
const NAMES_A_FIELD = new Set(['assistance-too-long', 'assistance-invalid-option']);

function issueText(context: PageContext, issue: FieldIssue): string {
  if (!issue.code) return issue.message;
  const params = [...(issue.params ?? [])];
  if (NAMES_A_FIELD.has(issue.code) && typeof params[0] === 'string') params[0] = context.t(`assistance-field-${params[0]}`);
  return context.t(issue.code, ...params);
}

function autonym(code: string): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

function Field({ context, spec, value, issues }: { context: PageContext; spec: HelpFieldSpec; value: string | undefined; issues: FieldIssue[] }) {
  const { t } = context;
  const id = `f-${spec.name}`;
  const hintKey = `assistance-field-${spec.name}-hint`;
  const hint = t(hintKey) !== hintKey ? t(hintKey) : '';
  const described = [hint ? `${id}-hint` : '', issues.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = `${t(`assistance-field-${spec.name}`)}${spec.required ? '' : ` ${t('form-optional')}`}`;
  const invalid = issues.length > 0 ? (true as const) : undefined;
  const common = { id, name: spec.name, 'aria-describedby': described, 'aria-invalid': invalid, required: spec.required, autoComplete: spec.autocomplete };
  const errors = invalid ? (
    <span class="error-text" id={`${id}-error`}>
      {issues.map((issue) => issueText(context, issue)).join(' ')}
    </span>
  ) : null;
  const hintText = hint ? (
    <span class="hint" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
  const current = value ?? '';

  if (spec.type === 'checkbox') {
    return (
      <div class={`field${invalid ? ' invalid' : ''}`}>
        {errors}
        <div class="check">
          <input type="checkbox" value="yes" checked={current !== ''} {...common} />
          <label for={id}>{t(`assistance-field-${spec.name}-statement`)}</label>
        </div>
      </div>
    );
  }
  if (spec.type === 'yes-no') {
    return (
      <fieldset class={`field choice${invalid ? ' invalid' : ''}`} aria-describedby={described} aria-invalid={invalid}>
        <legend>{label}</legend>
        {hintText}
        {errors}
        {['yes', 'no'].map((option) => (
          <div class="check" key={option}>
            <input type="radio" id={`${id}-${option}`} name={spec.name} value={option} checked={current === option} required={spec.required} />
            <label for={`${id}-${option}`}>{t(`assistance-option-${spec.name}-${option}`)}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  let control;
  if (spec.type === 'textarea') {
    control = <textarea {...common} rows={spec.name === 'urls' ? 4 : 8} value={current} />;
  } else if (spec.type === 'select' || spec.type === 'country' || spec.type === 'language') {
    const options: [string, string, string?][] =
      spec.type === 'country'
        ? countries(context.lang)
        : spec.type === 'language'
          ? LANGUAGES.map((code): [string, string, string] => [code, autonym(code), code])
          : (spec.options ?? []).map((option): [string, string] => [option, t(`assistance-option-${spec.name}-${option}`)]);
    // The contributor is written to in the page's language unless they choose another.
    const selected = spec.type === 'language' && value === undefined ? context.lang : current;
    control = (
      <select {...common}>
        {spec.type === 'language' ? null : <option value="">{t('form-choose-option')}</option>}
        {options.map(([code, name, lang]) => (
          <option key={code} value={code} selected={code === selected} lang={lang} dir={lang ? direction(lang) : undefined}>
            {name}
          </option>
        ))}
      </select>
    );
  } else {
    // Addresses, numbers and dates read left to right even on an Arabic page.
    const props = { type: spec.type, ...common, value: current, maxLength: spec.maxLength, dir: spec.type === 'text' ? undefined : 'ltr' } as InputHTMLAttributes<HTMLInputElement>;
    control = <input {...props} />;
  }
  return (
    <div class={`field${invalid ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hintText}
      {errors}
      {control}
    </div>
  );
}

/** `/{lang}/legal-help`: a contributor threatened or sued over their work asks for help. */
export function LegalHelpPage({ context, values, issues, challenge }: { context: PageContext; values: Record<string, string>; issues: FieldIssue[]; challenge: PowChallenge }) {
  const { t, lang } = context;
  const title = t('assistance-form-title');
  const lines = new Map<string, string>();
  for (const issue of issues) {
    const text = issueText(context, issue);
    if (!lines.has(text)) lines.set(text, issue.field);
  }
  return (
    <Layout context={context} title={issues.length > 0 ? `${t('form-error-title-prefix')} ${title}` : title} scripts={[ASSETS.pow.url]}>
      <BilingualHeading context={context} level={1} text={message('assistance-form-title')} />
      <p class="lead">{t('assistance-form-lead')}</p>
      <p>{t('assistance-form-danger')}</p>
      {issues.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="summary-title" tabIndex={-1}>
          <h2 id="summary-title">{t('form-error-summary', lines.size)}</h2>
          <ul>
            {[...lines].map(([text, field]) => (
              <li key={text}>
                <a href={field === 'court_case' ? '#f-court_case-yes' : `#f-${field}`}>{text}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/${lang}/legal-help`} data-pow={JSON.stringify(challenge)} noValidate>
        {GROUPS.map((group) => (
          <fieldset class="group" key={group}>
            <legend>{t(`assistance-section-${group}`)}</legend>
            {group === 'contact' ? <p class="hint">{t('assistance-section-contact-hint')}</p> : null}
            {HELP_FIELDS.filter((spec) => spec.group === group).map((spec) => (
              <Field key={spec.name} context={context} spec={spec} value={values[spec.name]} issues={issues.filter((issue) => issue.field === spec.name)} />
            ))}
          </fieldset>
        ))}
        <SpamGuards context={context} />
        <button type="submit">{t('assistance-form-submit')}</button>
      </form>
    </Layout>
  );
}

/** What the contributor sees once their request is stored: the case reference. */
export function LegalHelpReceivedPage({ context, reference }: { context: PageContext; reference: string }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('assistance-received-title')}>
      <BilingualHeading context={context} level={1} text={message('assistance-received-title')} />
      <div class="notice" role="status">
        <p>{t('form-received-reference')}</p>
        <p class="reference">{reference}</p>
      </div>
      <p>{t('assistance-received-mail')}</p>
      <p>{t('assistance-received-next')}</p>
    </Layout>
  );
}

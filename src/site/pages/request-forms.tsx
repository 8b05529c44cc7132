import type { InputHTMLAttributes } from 'preact';
import type { FieldIssue } from '../../errors.ts';
import { FORM_FIELDS, FORM_SLUGS, type FieldSpec } from '../../intake/forms/form-spec.ts';
import type { FormValues } from '../../intake/forms/read-form.ts';
import type { PowChallenge } from '../../intake/spam/proof-of-work.ts';
import { COUNTRY_CODES } from '../../requests/countries.ts';
import { KINDS, type Kind } from '../../requests/model.ts';
import { ASSETS } from '../assets.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { SpamGuards } from '../spam-guards.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

const countryOptions = new Map<string, [string, string][]>();

/** Countries by their name in the page's language, sorted as that language sorts. */
export function countries(lang: string): [string, string][] {
  let options = countryOptions.get(lang);
  if (!options) {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    const collator = new Intl.Collator(lang);
    options = [...COUNTRY_CODES].map((code): [string, string] => [code, names.of(code) ?? code]).sort((a, b) => collator.compare(a[1], b[1]));
    countryOptions.set(lang, options);
  }
  return options;
}

/** `/{lang}/requests/new`: which kind of request to make. */
export function ChooseKindPage({ context }: { context: PageContext }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('form-choose-title')}>
      <BilingualHeading context={context} level={1} text={message('form-choose-title')} />
      <p class="lead">{t('form-choose-lead')}</p>
      <ul class="choices">
        {KINDS.map((kind) => (
          <li key={kind}>
            <a href={`/${lang}/requests/new/${FORM_SLUGS[kind]}`}>
              <strong>{t(`form-title-${kind}`)}</strong>
              <span>{t(`form-summary-${kind}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function issueText(context: PageContext, issue: FieldIssue): string {
  return issue.code ? context.t(issue.code, ...(issue.params ?? [])) : issue.message;
}

/** The summary's lines: one per distinct message (a missing name and e-mail are one legal element), linked to its first field. */
function summaryLines(context: PageContext, issues: FieldIssue[]): [string, string][] {
  const lines = new Map<string, string>();
  for (const issue of issues) {
    const text = issueText(context, issue);
    if (!lines.has(text)) lines.set(text, issue.field);
  }
  return [...lines];
}

function Field({ context, spec, value, issues, kind }: { context: PageContext; spec: FieldSpec; value: string; issues: FieldIssue[]; kind: Kind }) {
  const { t } = context;
  const id = `f-${spec.name}`;
  const hintKey = `form-field-${spec.name}-hint-${kind}`;
  const hint = t(hintKey) !== hintKey ? t(hintKey) : t(`form-field-${spec.name}-hint`) !== `form-field-${spec.name}-hint` ? t(`form-field-${spec.name}-hint`) : '';
  const described = [hint ? `${id}-hint` : '', issues.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = `${t(`form-field-${spec.name}`)}${spec.required ? '' : ` ${t('form-optional')}`}`;
  const common = { id, name: spec.name, 'aria-describedby': described, 'aria-invalid': issues.length > 0 ? (true as const) : undefined, required: spec.required, autoComplete: spec.autocomplete };
  const errors =
    issues.length > 0 ? (
      <span class="error-text" id={`${id}-error`}>
        {issues.map((issue) => issueText(context, issue)).join(' ')}
      </span>
    ) : null;
  if (spec.type === 'checkbox') {
    return (
      <div class={`field${issues.length > 0 ? ' invalid' : ''}`}>
        {errors}
        <div class="check">
          <input type="checkbox" value="yes" checked={value !== ''} {...common} />
          <label for={id}>{t(`form-field-${spec.name}-statement-${kind}`)}</label>
        </div>
      </div>
    );
  }
  let control;
  if (spec.type === 'textarea') {
    control = <textarea {...common} rows={spec.name === 'urls' || spec.name === 'accounts' ? 4 : 6} value={value} />;
  } else if (spec.type === 'file') {
    control = <input type="file" {...common} multiple />;
  } else if (spec.type === 'select' || spec.type === 'country') {
    const options: [string, string][] = spec.type === 'country' ? countries(context.lang) : (spec.options ?? []).map((option): [string, string] => [option, t(`form-option-${spec.name}-${option}`)]);
    control = (
      <select {...common}>
        <option value="">{t('form-choose-option')}</option>
        {options.map(([code, name]) => (
          <option key={code} value={code} selected={code === value}>
            {name}
          </option>
        ))}
      </select>
    );
  } else {
    // Addresses and numbers read left to right even on an Arabic page.
    const props = { type: spec.type, ...common, value, dir: spec.type === 'text' ? undefined : 'ltr' } as InputHTMLAttributes<HTMLInputElement>;
    control = <input {...props} />;
  }
  return (
    <div class={`field${issues.length > 0 ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors}
      {control}
    </div>
  );
}

/** A request form for one kind, with the requester's answers and the problems found in them. */
export function RequestFormPage({ context, kind, values, issues, challenge }: { context: PageContext; kind: Kind; values: FormValues; issues: FieldIssue[]; challenge: PowChallenge }) {
  const { t, lang } = context;
  const title = t(`form-title-${kind}`);
  const fields = FORM_FIELDS[kind];
  const known = new Set(fields.map((field) => field.name));
  return (
    <Layout context={context} title={issues.length > 0 ? `${t('form-error-title-prefix')} ${title}` : title} scripts={[ASSETS.pow.url]}>
      <BilingualHeading context={context} level={1} text={message(`form-title-${kind}`)} />
      <p class="lead">{t(`form-intro-${kind}`)}</p>
      {issues.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="summary-title" tabIndex={-1}>
          <h2 id="summary-title">{t('form-error-summary', summaryLines(context, issues).length)}</h2>
          <ul>
            {summaryLines(context, issues).map(([text, field]) => (
              <li key={text}>{known.has(field) ? <a href={`#f-${field}`}>{text}</a> : text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/${lang}/requests/new/${FORM_SLUGS[kind]}`} encType="multipart/form-data" data-pow={JSON.stringify(challenge)} noValidate>
        {fields.map((spec) => (
          <Field key={spec.name} context={context} spec={spec} kind={kind} value={values[spec.name] ?? ''} issues={issues.filter((issue) => issue.field === spec.name)} />
        ))}
        <SpamGuards context={context} />
        <p>{t('form-privacy')}</p>
        <button type="submit">{t('form-submit')}</button>
      </form>
    </Layout>
  );
}

/** What a requester sees once the request is stored: its reference. */
export function ReceivedPage({ context, reference, acknowledged }: { context: PageContext; reference: string; acknowledged: boolean }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('form-received-title')}>
      <BilingualHeading context={context} level={1} text={message('form-received-title')} />
      <div class="notice" role="status">
        <p>{t('form-received-reference')}</p>
        <p class="reference">{reference}</p>
      </div>
      <p>{t(acknowledged ? 'form-received-mail' : 'form-received-keep')}</p>
      <p>{t('form-received-next')}</p>
    </Layout>
  );
}

/** Shown when an address sends more requests in an hour than a person would. */
export function TooManyPage({ context }: { context: PageContext }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('form-too-many-title')}>
      <BilingualHeading context={context} level={1} text={message('form-too-many-title')} />
      <p>{t('form-too-many-text')}</p>
    </Layout>
  );
}

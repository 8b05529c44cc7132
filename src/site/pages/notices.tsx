import type { InputHTMLAttributes } from 'preact';
import type { FieldIssue } from '../../errors.ts';
import { NOTICE_KINDS, NOTICE_OUTCOMES } from '../../notices/model.ts';
import type { NoticeHitView } from '../../notices/presenter.ts';
import type { Facet, Facets } from '../../notices/facets.ts';
import { CATEGORIES_BY_KIND, REQUESTER_TYPES } from '../../requests/model.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { MarkedText } from './notices-text.tsx';
import { countries } from './request-forms.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

/** The search as the form holds it: every parameter as it was typed. */
export type NoticeForm = Partial<Record<'q' | 'kind' | 'country' | 'year' | 'outcome' | 'project' | 'period' | 'requester_type' | 'category' | 'limit', string>>;

export interface NoticeResults {
  hits: NoticeHitView[];
  total: number;
  /** False when the search matched more notices than are counted: total and the facet counts are then lower bounds. */
  exact: boolean;
  facets: Facets;
  nextCursor: string | null;
  /** Whether this page follows another (a cursor was given). */
  continued: boolean;
}

const FACET_FIELD: Record<Facet, keyof NoticeForm> = { kind: 'kind', country: 'country', year: 'year', outcome: 'outcome', project: 'project' };

function searchHref(lang: string, form: NoticeForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...form, ...extra })) if (value) params.set(key, value);
  const query = params.toString();
  return `/${lang}/notices${query ? `?${query}` : ''}`;
}

/** How a facet's or a field's value reads in the page's language. */
export function valueLabel(context: PageContext, facet: Facet | 'requester_type' | 'category', key: string | null): string {
  const { t, lang } = context;
  if (facet === 'country') return key === null ? t('notices-country-unknown') : (new Intl.DisplayNames([lang], { type: 'region' }).of(key) ?? key);
  if (key === null) return t('notices-value-unknown');
  if (facet === 'kind') return t(`desk-kind-${key}`);
  if (facet === 'outcome') return t(`desk-outcome-${key}`);
  if (facet === 'requester_type') return t(`desk-requester-type-${key}`);
  if (facet === 'category') return t(`desk-category-${key}`);
  return key;
}

function Select({ id, label, value, options, context }: { id: keyof NoticeForm; label: string; value: string | undefined; options: [string, string][]; context: PageContext }) {
  return (
    <div class="field">
      <label for={`n-${id}`}>{label}</label>
      <select id={`n-${id}`} name={id}>
        <option value="">{context.t('notices-filter-any')}</option>
        {options.map(([code, name]) => (
          <option key={code} value={code} selected={code === value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField({ id, label, hint, value, issues, context, type = 'text' }: { id: keyof NoticeForm; label: string; hint?: string; value: string | undefined; issues: FieldIssue[]; context: PageContext; type?: 'text' | 'search' }) {
  const mine = issues.filter((issue) => issue.field === id);
  const described = [hint ? `n-${id}-hint` : '', mine.length > 0 ? `n-${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${mine.length > 0 ? ' invalid' : ''}`}>
      <label for={`n-${id}`}>{label}</label>
      {hint ? <span class="hint" id={`n-${id}-hint`}>{hint}</span> : null}
      {mine.length > 0 ? <span class="error-text" id={`n-${id}-error`}>{mine.map((issue) => context.t(issue.code!, ...(issue.params ?? []))).join(' ')}</span> : null}
      <input {...({ type, id: `n-${id}`, name: id, value: value ?? '', 'aria-invalid': mine.length > 0 ? true : undefined, 'aria-describedby': described, dir: id === 'q' ? undefined : 'ltr' } as InputHTMLAttributes<HTMLInputElement>)} />
    </div>
  );
}

function SearchForm({ context, form, issues }: { context: PageContext; form: NoticeForm; issues: FieldIssue[] }) {
  const { t, lang } = context;
  const invalid = (field: string) => issues.some((issue) => issue.field === field);
  const selectIssue = issues.filter((issue) => ['kind', 'country', 'outcome', 'requester_type', 'category'].includes(issue.field));
  return (
    <form method="get" action={`/${lang}/notices`} role="search" aria-label={t('notices-search-label')} class="notice-search">
      <TextField id="q" label={t('notices-field-q')} hint={t('notices-field-q-hint')} value={form.q} issues={issues} context={context} type="search" />
      {form.limit && !invalid('limit') ? <input type="hidden" name="limit" value={form.limit} /> : null}
      <details open={Object.entries(form).some(([key, value]) => key !== 'q' && key !== 'limit' && value) || selectIssue.length > 0 || undefined}>
        <summary>{t('notices-filters')}</summary>
        {selectIssue.length > 0 ? (
          <p class="error-text">{selectIssue.map((issue) => t(issue.code!, ...(issue.params ?? []))).join(' ')}</p>
        ) : null}
        <Select id="kind" label={t('notices-field-kind')} value={invalid('kind') ? undefined : form.kind} options={NOTICE_KINDS.map((kind) => [kind, valueLabel(context, 'kind', kind)])} context={context} />
        <Select id="category" label={t('notices-field-category')} value={invalid('category') ? undefined : form.category} options={[...new Set(NOTICE_KINDS.flatMap((kind) => CATEGORIES_BY_KIND[kind]))].map((category) => [category, valueLabel(context, 'category', category)])} context={context} />
        <Select id="outcome" label={t('notices-field-outcome')} value={invalid('outcome') ? undefined : form.outcome} options={NOTICE_OUTCOMES.map((outcome) => [outcome, valueLabel(context, 'outcome', outcome)])} context={context} />
        <Select id="country" label={t('notices-field-country')} value={invalid('country') ? undefined : form.country} options={[['unknown', t('notices-country-unknown')], ...countries(lang)]} context={context} />
        <Select id="requester_type" label={t('notices-field-requester-type')} value={invalid('requester_type') ? undefined : form.requester_type} options={[...REQUESTER_TYPES.map((type): [string, string] => [type, valueLabel(context, 'requester_type', type)]), ['unknown', t('notices-value-unknown')]]} context={context} />
        <TextField id="project" label={t('notices-field-project')} hint={t('notices-field-project-hint')} value={form.project} issues={issues} context={context} />
        <TextField id="year" label={t('notices-field-year')} hint={t('notices-field-year-hint')} value={form.year} issues={issues} context={context} />
        <TextField id="period" label={t('notices-field-period')} hint={t('notices-field-period-hint')} value={form.period} issues={issues} context={context} />
      </details>
      <button type="submit">{t('notices-search-submit')}</button>
    </form>
  );
}

function FacetList({ context, form, facets, exact }: { context: PageContext; form: NoticeForm; facets: Facets; exact: boolean }) {
  const { t, lang } = context;
  return (
    <aside class="facets" aria-labelledby="facets-title">
      <BilingualHeading context={context} id="facets-title" text={message('notices-facets-title')} />
      {(Object.keys(FACET_FIELD) as Facet[]).map((facet) =>
        facets[facet].length === 0 ? null : (
          <section key={facet} aria-labelledby={`facet-${facet}`}>
            <h3 id={`facet-${facet}`}>{t(`notices-facet-${facet}`)}</h3>
            <ul>
              {facets[facet].map(({ key, count }) => {
                const value = key ?? 'unknown';
                const current = form[FACET_FIELD[facet]] === value;
                return (
                  <li key={value} data-facet={facet} data-key={value}>
                    <a href={searchHref(lang, { ...form, [FACET_FIELD[facet]]: current ? '' : value })} aria-current={current ? 'true' : undefined}>
                      {valueLabel(context, facet, key)}
                    </a>{' '}
                    <span class="count">{t(exact ? 'notices-facet-count' : 'notices-facet-count-at-least', count)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </aside>
  );
}

function Hit({ context, hit }: { context: PageContext; hit: NoticeHitView }) {
  const { t, lang } = context;
  const country = valueLabel(context, 'country', hit.country);
  return (
    <li class="hit" data-reference={hit.reference}>
      <h3>
        <a href={`/${lang}/notices/${hit.reference}`}>
          <MarkedText text={hit.title} t={t} />
        </a>
      </h3>
      <p class="meta">
        <span dir="ltr">{hit.reference}</span> · {valueLabel(context, 'kind', hit.kind)} · {valueLabel(context, 'outcome', hit.outcome)} · {country} · <time dateTime={hit.received_on}>{new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(hit.received_on))}</time>
      </p>
      <p class="snippet">
        <MarkedText text={hit.snippet} t={t} />
      </p>
    </li>
  );
}

/** `/{lang}/notices`: the search of the public notice database, a form that works without JavaScript. */
export function NoticeSearchPage({ context, form, issues, results }: { context: PageContext; form: NoticeForm; issues: FieldIssue[]; results: NoticeResults | null }) {
  const { t, lang } = context;
  const title = t('notices-title');
  return (
    <Layout context={context} title={issues.length > 0 ? `${t('form-error-title-prefix')} ${title}` : title}>
      <BilingualHeading context={context} level={1} text={message('notices-title')} />
      <p class="lead">{t('notices-lead')}</p>
      <p>{t('notices-markers-legend')}</p>
      {issues.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('notices-error-summary', issues.length)}</h2>
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>
                <a href={`#n-${issue.field === 'cursor' || issue.field === 'limit' ? 'q' : issue.field}`}>{t(issue.code!, ...(issue.params ?? []))}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <SearchForm context={context} form={form} issues={issues} />
      {results ? (
        <div class="notice-results">
          <section aria-labelledby="results-title">
            <BilingualHeading context={context} id="results-title" text={message(results.exact ? 'notices-results-count' : 'notices-results-count-at-least', results.total)} />
            {results.exact ? null : <p class="hint">{t('notices-counts-partial', results.total)}</p>}
            {results.hits.length === 0 ? <p>{t('notices-results-none')}</p> : null}
            <ol class="hits">
              {results.hits.map((hit) => (
                <Hit key={hit.reference} context={context} hit={hit} />
              ))}
            </ol>
            <nav aria-label={t('notices-pages')} class="pages">
              {results.continued ? <a href={searchHref(lang, form)}>{t('notices-first-page')}</a> : null}
              {results.nextCursor ? (
                <a href={searchHref(lang, form, { cursor: results.nextCursor })} rel="next">
                  {t('notices-next-page')}
                </a>
              ) : null}
            </nav>
          </section>
          <FacetList context={context} form={form} facets={results.facets} exact={results.exact} />
        </div>
      ) : null}
      <p>
        <a href={`/${lang}/notices/feed.atom`} type="application/atom+xml">
          {t('notices-feed-link')}
        </a>{' '}
        · <a href="/api/v1/openapi.json">{t('notices-api-link')}</a>
      </p>
    </Layout>
  );
}

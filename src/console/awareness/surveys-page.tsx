import type { AwarenessSurveyRow } from '../../db/tables/awareness-surveys.ts';
import type { FieldIssue } from '../../errors.ts';
import { COUNTRY_CODES } from '../../requests/countries.ts';
import { formatShare } from '../../site/pages/awareness-parts.tsx';
import { Problems } from '../desk/problems.tsx';
import { countryName } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

export type SurveyValues = Record<string, string>;

/** A result's form values as stored: the share with its one decimal, written the way the form reads it. */
export function surveyValues(row: AwarenessSurveyRow): SurveyValues {
  return { country: row.country, year: String(row.year), share: `${Math.floor(row.share_tenths / 10)}.${row.share_tenths % 10}`, sample_size: row.sample_size === null ? '' : String(row.sample_size), source: row.source ?? '' };
}

/** The fields of a survey result, for adding one and for editing one. */
function SurveyFields({ context, values, prefix }: { context: ConsoleContext; values: SurveyValues; prefix: string }) {
  const { t, lang } = context;
  const countries = [...COUNTRY_CODES].sort((a, b) => countryName(lang, a).localeCompare(countryName(lang, b), lang));
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <div class="field">
        <label for={id('country')}>{t('awareness-column-country')}</label>
        <select id={id('country')} name="country">
          <option value="">{t('awareness-field-country-choose')}</option>
          {countries.map((code) => (
            <option key={code} value={code} selected={values.country === code}>
              {`${countryName(lang, code)} (${code})`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('year')}>{t('awareness-column-year')}</label>
        <input type="text" inputMode="numeric" id={id('year')} name="year" class="ltr" value={values.year ?? ''} maxLength={4} size={6} />
      </div>
      <div class="field">
        <label for={id('share')}>{t('awareness-column-share')}</label>
        <span class="hint" id={id('share-hint')}>
          {t('awareness-field-share-hint')}
        </span>
        <input type="text" inputMode="decimal" id={id('share')} name="share" class="ltr" value={values.share ?? ''} maxLength={6} size={8} aria-describedby={id('share-hint')} />
      </div>
      <div class="field">
        <label for={id('sample')}>{t('awareness-column-sample')}</label>
        <span class="hint" id={id('sample-hint')}>
          {t('awareness-field-optional')}
        </span>
        <input type="text" inputMode="numeric" id={id('sample')} name="sample_size" class="ltr" value={values.sample_size ?? ''} maxLength={12} size={12} aria-describedby={id('sample-hint')} />
      </div>
      <div class="field">
        <label for={id('source')}>{t('awareness-column-source')}</label>
        <span class="hint" id={id('source-hint')}>
          {t('awareness-field-optional')}
        </span>
        <input type="text" class="wide" id={id('source')} name="source" dir="auto" value={values.source ?? ''} maxLength={300} aria-describedby={id('source-hint')} />
      </div>
    </>
  );
}

/** `/console/awareness`: every survey result, and the form to add one. */
export function SurveyListPage({ context, rows, issues = [], values = {}, done }: { context: ConsoleContext; rows: AwarenessSurveyRow[]; issues?: readonly FieldIssue[]; values?: SurveyValues; done?: string }) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('awareness-console-title')}>
      <h1>{t('awareness-console-title')}</h1>
      <p>{t('awareness-console-lead')}</p>
      {done ? (
        <p role="status" class="done">
          {t(`awareness-done-${done}`)}
        </p>
      ) : null}
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('awareness-add-title')}</h2>
        <Problems context={context} issues={issues} id="problems" />
        <form method="post" action="/console/awareness">
          <CsrfField context={context} />
          <SurveyFields context={context} values={values} prefix="add" />
          <button type="submit">{t('awareness-add-submit')}</button>
        </form>
      </section>
      <section aria-labelledby="rows-title">
        <h2 id="rows-title">{t('awareness-rows-title')}</h2>
        {rows.length === 0 ? (
          <p>{t('awareness-none')}</p>
        ) : (
          <table class="records">
            <thead>
              <tr>
                <th scope="col">{t('awareness-column-country')}</th>
                <th scope="col">{t('awareness-column-year')}</th>
                <th scope="col">{t('awareness-column-share')}</th>
                <th scope="col">{t('awareness-column-sample')}</th>
                <th scope="col">{t('awareness-column-source')}</th>
                <th scope="col">{t('awareness-column-actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-survey={`${row.country}:${row.year}`}>
                  <td>{countryName(lang, row.country)}</td>
                  <td>{row.year}</td>
                  <td>{formatShare(lang, row.share_tenths)}</td>
                  <td>{row.sample_size === null ? '—' : new Intl.NumberFormat(lang).format(row.sample_size)}</td>
                  <td dir="auto">{row.source ?? '—'}</td>
                  <td>
                    <a href={`/console/awareness/${row.id}`}>
                      {t('awareness-edit')}
                      <span class="visually-hidden"> {t('awareness-edit-label', countryName(lang, row.country), row.year)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ConsoleLayout>
  );
}

/** `/console/awareness/{id}`: one result to change or delete. */
export function SurveyEditPage({ context, row, issues = [], values }: { context: ConsoleContext; row: AwarenessSurveyRow; issues?: readonly FieldIssue[]; values?: SurveyValues }) {
  const { t, lang } = context;
  const title = t('awareness-edit-label', countryName(lang, row.country), row.year);
  return (
    <ConsoleLayout context={context} title={title}>
      <p>
        <a href="/console/awareness">{t('awareness-console-title')}</a>
      </p>
      <h1>{title}</h1>
      <Problems context={context} issues={issues} id="problems" />
      <form method="post" action={`/console/awareness/${row.id}`}>
        <CsrfField context={context} />
        <SurveyFields context={context} values={values ?? surveyValues(row)} prefix="edit" />
        <button type="submit">{t('awareness-edit-submit')}</button>
      </form>
      <h2>{t('awareness-delete-title')}</h2>
      <form method="post" action={`/console/awareness/${row.id}/delete`}>
        <CsrfField context={context} />
        <button type="submit" class="secondary">
          {t('awareness-delete-submit')}
        </button>
      </form>
    </ConsoleLayout>
  );
}

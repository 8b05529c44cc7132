import { LINE_COLOURS, awarenessChart } from '../../awareness/chart.ts';
import { chartCountries, type PublicSurvey } from '../../awareness/presenter.ts';
import { direction, type PageContext } from '../layout.tsx';

function countryName(lang: string, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
}

/** A share in tenths of a percent, written in the page's language with its one decimal: `47.3 %`, `47,3 %`. */
export function formatShare(lang: string, tenths: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 1000);
}

function yearText(lang: string, year: number): string {
  return new Intl.NumberFormat(lang, { useGrouping: false }).format(year);
}

/** The chart of the survey, drawn on the server, with the countries as its legend. */
export function AwarenessChart({ context, surveys }: { context: PageContext; surveys: PublicSurvey[] }) {
  const { t, lang } = context;
  const countries = chartCountries(surveys);
  const svg = awarenessChart(surveys, { id: 'awareness-chart', title: t('awareness-chart-title'), countries, lang, dir: direction(lang) });
  const more = new Set(surveys.map((survey) => survey.country)).size > countries.length;
  return (
    <figure class="chart">
      <div class="chart-frame" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <ul class="legend">
          {countries.map((country, index) => (
            <li key={country}>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" fill={LINE_COLOURS[index]} />
              </svg>{' '}
              {countryName(lang, country)}
            </li>
          ))}
        </ul>
        {more ? <p class="hint">{t('awareness-chart-some', countries.length)}</p> : null}
      </figcaption>
    </figure>
  );
}

/** The chart's figures as a table: a row per country, a column per year. */
export function AwarenessYearTable({ context, surveys }: { context: PageContext; surveys: PublicSurvey[] }) {
  const { t, lang } = context;
  const years = [...new Set(surveys.map((survey) => survey.year))].sort((a, b) => a - b);
  const countries = [...new Set(surveys.map((survey) => survey.country))].sort((a, b) => countryName(lang, a).localeCompare(countryName(lang, b), lang));
  const share = new Map(surveys.map((survey) => [`${survey.country} ${survey.year}`, survey.shareTenths]));
  return (
    // Focusable, so that a keyboard can scroll a table wider than a phone's screen.
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="awareness-table-caption">
      <table class="figures" id="awareness-table">
        <caption id="awareness-table-caption">{t('awareness-table-caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('awareness-column-country')}</th>
            {years.map((year) => (
              <th key={year} scope="col" class="num">
                {yearText(lang, year)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countries.map((country) => (
            <tr key={country}>
              <th scope="row">{countryName(lang, country)}</th>
              {years.map((year) => {
                const tenths = share.get(`${country} ${year}`);
                return (
                  <td key={year} class="num" data-share={`${country}:${year}`}>
                    {tenths === undefined ? '—' : formatShare(lang, tenths)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every result with its sample and source: the full table of the survey's page. */
export function AwarenessDetailTable({ context, surveys }: { context: PageContext; surveys: PublicSurvey[] }) {
  const { t, lang } = context;
  const rows = [...surveys].sort((a, b) => countryName(lang, a.country).localeCompare(countryName(lang, b.country), lang) || a.year - b.year);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="awareness-details-caption">
      <table class="figures" id="awareness-details">
        <caption id="awareness-details-caption">{t('awareness-details-caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('awareness-column-country')}</th>
            <th scope="col">{t('awareness-column-year')}</th>
            <th scope="col">{t('awareness-column-share')}</th>
            <th scope="col">{t('awareness-column-sample')}</th>
            <th scope="col">{t('awareness-column-source')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((survey) => (
            <tr key={`${survey.country} ${survey.year}`}>
              <th scope="row">{countryName(lang, survey.country)}</th>
              <td class="num">{yearText(lang, survey.year)}</td>
              <td class="num" data-share={`${survey.country}:${survey.year}`}>
                {formatShare(lang, survey.shareTenths)}
              </td>
              <td class="num">{survey.sampleSize === null ? '—' : new Intl.NumberFormat(lang).format(survey.sampleSize)}</td>
              <td dir="auto">{survey.source ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

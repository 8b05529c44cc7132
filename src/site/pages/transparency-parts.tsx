import type { Translate } from '../../i18n/translate.ts';
import { BAR_COLOURS, BAR_PARTS, barChart, type BarPart } from '../../transparency/charts/bar-chart.ts';
import { MAP_BANDS, worldMap } from '../../transparency/charts/world-map.ts';
import { noticesHref, type Measure } from '../../transparency/notice-links.ts';
import { formatCount, formatPercent } from '../../transparency/percent.ts';
import type { Period } from '../../transparency/period.ts';
import type { Breakdown, ReportTable, TableRow } from '../../transparency/report-tables.ts';
import { direction, type PageContext } from '../layout.tsx';

/** A period's name in the page's language: "2026" or "First half of 2026". */
export function periodLabel(t: Translate, period: Pick<Period, 'id'>): string {
  const [year, half] = period.id.split('-');
  return half ? t(`transparency-period-${half.toLowerCase()}`, year!) : t('transparency-period-year', year!);
}

/** The label of a row's key: a country's name, a project's host, a category's name, or "Unknown". */
export function keyLabel(context: PageContext, breakdown: Breakdown, key: string | null): string {
  const { t, lang } = context;
  if (key === null) return breakdown === 'country' ? t('transparency-unknown-country') : t('transparency-unknown');
  switch (breakdown) {
    case 'country':
      return new Intl.DisplayNames([lang], { type: 'region' }).of(key) ?? key;
    case 'project':
      return key;
    case 'kind':
      return t(`transparency-kind-${key}`);
    case 'requester_type':
      return t(`form-option-requester_type-${key}`);
    case 'accounts':
      return t(`transparency-accounts-${key}`);
    default:
      return t(`form-option-category-${key}`);
  }
}

/** The heading of a table: what it counts and by what. */
export function tableTitle(t: Translate, table: ReportTable): string {
  if (table.id === 'totals') return t('transparency-table-totals');
  if (table.id === 'all-country') return t('transparency-table-all-country');
  if (table.breakdown === 'accounts') return t('transparency-table-accounts');
  return t('transparency-table-by', t(`transparency-kind-${table.kind}`), t(`transparency-breakdown-${table.breakdown}`));
}

const isProduction = (table: ReportTable) => table.measures?.full === 'produced_full';

/** The names of the three parts of a bar, for the chart's legend. */
function partNames(t: Translate, table: ReportTable): Record<BarPart, string> {
  const production = isProduction(table);
  return {
    full: t(production ? 'transparency-measure-produced-full' : 'transparency-measure-granted-full'),
    partial: t(production ? 'transparency-measure-produced-partial' : 'transparency-measure-granted-partial'),
    rest: t(production ? 'transparency-measure-produced-none' : 'transparency-measure-not-granted'),
  };
}

function Legend({ names }: { names: Record<string, string> }) {
  return (
    <ul class="legend">
      {Object.entries(names).map(([part, name]) => (
        <li key={part}>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            <rect width="14" height="14" fill={BAR_COLOURS[part as BarPart]} />
          </svg>{' '}
          {name}
        </li>
      ))}
    </ul>
  );
}

const CHART_ROWS = 12;

/** A table's chart (its twelve largest rows), with a legend; the table follows it on the page. */
export function TableChart({ context, table, periodName }: { context: PageContext; table: ReportTable; periodName: string }) {
  const { t, lang } = context;
  if (table.rows.length === 0 || table.measures === null) return null;
  const names = partNames(t, table);
  const rows = table.rows.slice(0, CHART_ROWS);
  const svg = barChart(
    rows.map((row) => ({ label: keyLabel(context, table.breakdown, row.key), full: row.full ?? 0, partial: row.partial ?? 0, rest: row.received - (row.full ?? 0) - (row.partial ?? 0) })),
    { id: `chart-${table.id}`, title: t('transparency-chart-title', tableTitle(t, table), periodName), partNames: names, dir: direction(lang), lang },
  );
  return (
    <figure class="chart">
      <div class="chart-frame" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <Legend names={Object.fromEntries(BAR_PARTS.map((part) => [part, names[part]]))} />
        {table.rows.length > CHART_ROWS ? <p class="hint">{t('transparency-chart-top', CHART_ROWS)}</p> : null}
      </figcaption>
    </figure>
  );
}

/** The world map of every request by country, with its bands as a legend. */
export function CountryMap({ context, table, periodName }: { context: PageContext; table: ReportTable; periodName: string }) {
  const { t, lang } = context;
  const counts = new Map(table.rows.filter((row) => row.key !== null).map((row) => [row.key!, row.received]));
  const svg = worldMap(counts, {
    id: 'map',
    title: t('transparency-map-title', periodName),
    label: (alpha2, count) => `${keyLabel(context, 'country', alpha2)}: ${formatCount(count, lang)}`,
  });
  return (
    <figure class="chart">
      <div class="chart-frame" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <ul class="legend">
          {MAP_BANDS.map((band, i) => {
            const next = MAP_BANDS[i + 1];
            return (
              <li key={band.from}>
                <svg width="14" height="14" aria-hidden="true" focusable="false">
                  <rect width="14" height="14" fill={band.colour} />
                </svg>{' '}
                {!next
                  ? t('transparency-map-band-last', band.from, formatCount(band.from, lang))
                  : next.from - 1 === band.from
                    ? t('transparency-map-band-one', band.from, formatCount(band.from, lang))
                    : t('transparency-map-band', band.from, next.from - 1, formatCount(band.from, lang), formatCount(next.from - 1, lang))}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}

function FigureCell({ context, table, row, measure, periodId, value }: { context: PageContext; table: ReportTable; row: TableRow; measure: Measure; periodId: string; value: number | null }) {
  if (value === null) return <td class="num">—</td>;
  const href = noticesHref(context.lang, periodId, row.kind, table.breakdown, table.breakdown === 'kind' || table.breakdown === 'accounts' ? null : row.key, measure);
  return (
    <td class="num" data-figure={`${table.id}:${row.key ?? ''}:${measure}`}>
      <a href={href}>{formatCount(value, context.lang)}</a>
    </td>
  );
}

function ShareCell({ context, part, whole, name }: { context: PageContext; part: number | null; whole: number; name: string }) {
  if (part === null) return <td class="num">—</td>;
  return (
    <td class="num" data-share={name}>
      {formatPercent(part, whole, context.lang) ?? '—'}
    </td>
  );
}

function changeText(lang: string, now: number, before: number): string {
  return new Intl.NumberFormat(lang, { signDisplay: 'exceptZero' }).format(now - before);
}

/**
 * A table of figures: each count links to the public notices it counts, each share is of the
 * requests received, and the last columns compare with the previous period of the same length.
 */
export function FigureTable({ context, table, periodId, periodName, previousName, download }: { context: PageContext; table: ReportTable; periodId: string; periodName: string; previousName: string; download: (file: string) => string }) {
  const { t, lang } = context;
  const production = isProduction(table);
  const accounts = table.breakdown === 'accounts';
  const title = tableTitle(t, table);
  return (
    <div class="table-block">
      {table.rows.length === 0 ? (
        <p>{t('transparency-table-empty', title)}</p>
      ) : (
        <div class="table-scroll">
          <table class="figures" id={`table-${table.id}`}>
            <caption>{t('transparency-table-caption', title, periodName)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`transparency-column-${table.breakdown}`)}</th>
                <th scope="col">{t(accounts ? 'transparency-column-accounts-count' : 'transparency-column-received')}</th>
                {table.measures ? (
                  <>
                    <th scope="col">{t(production ? 'transparency-measure-produced-full' : 'transparency-measure-granted-full')}</th>
                    <th scope="col">{t('transparency-column-share')}</th>
                    <th scope="col">{t(production ? 'transparency-measure-produced-partial' : 'transparency-measure-granted-partial')}</th>
                    <th scope="col">{t('transparency-column-share')}</th>
                  </>
                ) : null}
                <th scope="col">{previousName}</th>
                <th scope="col">{t('transparency-column-change')}</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key ?? ''}>
                  <th scope="row" dir={table.breakdown === 'project' && row.key ? 'ltr' : undefined}>
                    {keyLabel(context, table.breakdown, row.key)}
                  </th>
                  <FigureCell context={context} table={table} row={row} measure="received" periodId={periodId} value={row.received} />
                  {table.measures ? (
                    <>
                      <FigureCell context={context} table={table} row={row} measure="full" periodId={periodId} value={row.full} />
                      <ShareCell context={context} part={row.full} whole={row.received} name={`${table.id}:${row.key ?? ''}:full`} />
                      <FigureCell context={context} table={table} row={row} measure="partial" periodId={periodId} value={row.partial} />
                      <ShareCell context={context} part={row.partial} whole={row.received} name={`${table.id}:${row.key ?? ''}:partial`} />
                    </>
                  ) : null}
                  <td class="num" data-previous={`${table.id}:${row.key ?? ''}`}>
                    {formatCount(row.previous, lang)}
                  </td>
                  <td class="num" data-change={`${table.id}:${row.key ?? ''}`}>
                    {changeText(lang, row.received, row.previous)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="downloads">
        {t('transparency-download-table')}{' '}
        <a href={download(`${table.id}.csv`)} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={download(`${table.id}.json`)} download>
          JSON
        </a>
      </p>
    </div>
  );
}

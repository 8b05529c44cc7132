import { translator } from '../../i18n/translate.ts';
import type { PeriodFigures } from '../../transparency/period-figures.ts';
import { previousPeriod } from '../../transparency/periods.ts';
import { reportTables, type ReportTable } from '../../transparency/report-tables.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CountryMap, FigureTable, TableChart, periodLabel } from './transparency-parts.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

/** The sections of the period page: one per kind, each with its tables in order. */
const SECTIONS: { id: string; tables: string[] }[] = [
  { id: 'totals', tables: ['totals'] },
  { id: 'content_alteration', tables: ['content_alteration-category', 'content_alteration-country', 'content_alteration-project', 'content_alteration-requester_type'] },
  { id: 'copyright', tables: ['copyright-country', 'copyright-project'] },
  { id: 'user_data', tables: ['user_data-instrument', 'user_data-country', 'user_data-accounts'] },
  { id: 'emergency', tables: ['emergency-threat'] },
  { id: 'map', tables: ['all-country'] },
];

function dateText(lang: string, date: Date): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Where the figures come from: the published snapshot with its hash, or live and provisional. */
function Status({ context, figures, base }: { context: PageContext; figures: PeriodFigures; base: string }) {
  const { t, lang } = context;
  const { snapshot } = figures;
  if (!snapshot) {
    return (
      <div class="notice" id="status">
        <p>
          <strong>{t('transparency-provisional')}</strong> {t(figures.complete ? 'transparency-provisional-ended' : 'transparency-provisional-running')}
        </p>
      </div>
    );
  }
  return (
    <div class="notice" id="status">
      {figures.showingLive ? (
        <p>
          <strong>{t('transparency-live-shown')}</strong> {t('transparency-live-shown-detail', snapshot.version)} <a href={base}>{t('transparency-live-back')}</a>
        </p>
      ) : (
        <p>
          <strong>{t('transparency-published', snapshot.version, dateText(lang, snapshot.publishedAt))}</strong>
        </p>
      )}
      <p>
        {t('transparency-hash')}{' '}
        <code class="hash" dir="ltr">
          {snapshot.sha256}
        </code>
      </p>
      <p>
        <a href={`${base}/snapshot-v${snapshot.version}.json`} download>
          {t('transparency-download-snapshot', snapshot.version)}
        </a>
      </p>
      {figures.liveDiffers && !figures.showingLive ? (
        <p class="differs" id="live-differs">
          <strong>{t('transparency-live-differs')}</strong> <a href={`${base}?figures=live`}>{t('transparency-live-see')}</a>
        </p>
      ) : null}
    </div>
  );
}

/** One period's report: where the figures come from, every table with its chart, and the downloads. */
export function TransparencyPeriodPage({ context, figures }: { context: PageContext; figures: PeriodFigures }) {
  const { t, lang } = context;
  const { period } = figures;
  const name = periodLabel(t, period);
  const previousName = t('transparency-column-previous', periodLabel(t, previousPeriod(period)));
  const base = `/${lang}/transparency/${period.id}`;
  const liveQuery = figures.showingLive && figures.snapshot ? '?figures=live' : '';
  const download = (file: string) => `${base}/${file}${liveQuery}`;
  const tables = new Map<string, ReportTable>(reportTables(figures.shown, figures.previous).map((table) => [table.id, table]));
  const range = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(new Date(`${period.start}T00:00:00Z`), new Date(`${period.end}T00:00:00Z`));
  return (
    <Layout context={context} title={t('transparency-period-title', name)}>
      <p class="breadcrumb">
        <a href={`/${lang}/transparency`}>{t('transparency-title')}</a>
      </p>
      <BilingualHeading context={context} level={1} text={(code) => translator(code)('transparency-period-title', periodLabel(translator(code), period))} />
      <p class="lead">{t('transparency-period-lead', range)}</p>
      <Status context={context} figures={figures} base={base} />
      <p>{t('transparency-rounding')}</p>
      <p>{t('transparency-links-explained')}</p>
      <p class="downloads">
        {t('transparency-download-all')}{' '}
        <a href={download('report.csv')} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={download('report.json')} download>
          JSON
        </a>
      </p>
      {SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <BilingualHeading context={context} id={`section-${section.id}`} text={message(`transparency-section-${section.id}`)} />
          {section.id === 'user_data' ? <p>{t('transparency-user-data-explained')}</p> : null}
          {section.id === 'copyright' ? <p>{t('transparency-counter-notices', figures.shown.copyright.counter_notices)}</p> : null}
          {section.tables.map((id) => {
            const table = tables.get(id)!;
            return (
              <div key={id}>
                {section.id === 'map' ? (table.rows.length > 0 ? <CountryMap context={context} table={table} periodName={name} /> : null) : <TableChart context={context} table={table} periodName={name} />}
                <FigureTable context={context} table={table} periodId={period.id} periodName={name} previousName={previousName} download={download} />
              </div>
            );
          })}
        </section>
      ))}
    </Layout>
  );
}

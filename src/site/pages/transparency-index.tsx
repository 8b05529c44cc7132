import { formatCount } from '../../transparency/percent.ts';
import type { Period } from '../../transparency/period.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { periodLabel } from './transparency-parts.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

/** A period as the list shows it: its requests of every kind and where its figures come from. */
export interface PeriodSummary {
  period: Period;
  received: number;
  /** The latest published version, if any. */
  version: number | null;
  complete: boolean;
}

/** The headline's figures: last full year's takedown requests, received and granted. */
export interface Headline {
  year: string;
  received: number;
  granted: number;
  published: boolean;
}

/** The headline sentence, computed from the figures, with the plural forms of the page's language. */
export function headlineText(context: PageContext, headline: Headline): string {
  const { t, lang } = context;
  return t('transparency-headline', headline.received, headline.granted, formatCount(headline.received, lang), formatCount(headline.granted, lang), headline.year);
}

/** The report's front page: the headline for last year, then every period with figures, newest first. */
export function TransparencyIndexPage({ context, headline, periods }: { context: PageContext; headline: Headline; periods: PeriodSummary[] }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('transparency-title')}>
      <BilingualHeading context={context} level={1} text={message('transparency-title')} />
      <p class="headline" id="headline">
        {headlineText(context, headline)}
      </p>
      <p class="hint">
        {t('transparency-headline-definition')} {t(headline.published ? 'transparency-headline-published' : 'transparency-headline-provisional')}
      </p>
      <p>{t('transparency-lead')}</p>
      <BilingualHeading context={context} text={message('transparency-periods')} />
      {periods.length === 0 ? (
        <p>{t('transparency-no-periods')}</p>
      ) : (
        <div class="table-scroll">
          <table class="figures" id="periods">
            <caption>{t('transparency-periods-caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('transparency-column-period')}</th>
                <th scope="col">{t('transparency-column-all-received')}</th>
                <th scope="col">{t('transparency-column-status')}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((summary) => (
                <tr key={summary.period.id} class={summary.period.id.includes('-H') ? 'half' : 'year'}>
                  <th scope="row">
                    <a href={`/${lang}/transparency/${summary.period.id}`}>{periodLabel(t, summary.period)}</a>
                  </th>
                  <td class="num" data-period={summary.period.id}>
                    {formatCount(summary.received, lang)}
                  </td>
                  <td>
                    {summary.version !== null
                      ? t('transparency-status-published', summary.version)
                      : t(summary.complete ? 'transparency-status-provisional' : 'transparency-status-running')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

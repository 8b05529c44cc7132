import type { Period } from '../../transparency/period.ts';
import type { Snapshot } from '../../transparency/snapshots.ts';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

/** A period on the publishing page: whether it has ended, and every version published so far, newest first. */
export interface PublishablePeriod {
  period: Period;
  complete: boolean;
  versions: Snapshot[];
}

function when(lang: string, date: Date): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

/**
 * Publishing the transparency report: each period with figures, its published versions (kept,
 * never replaced) and, for a period that has ended, the button that freezes the next version.
 */
export function PublishPage({ context, periods, names, done }: { context: ConsoleContext; periods: PublishablePeriod[]; names: Map<number, string>; done?: string }) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('transparency-console-title')}>
      <h1>{t('transparency-console-title')}</h1>
      {done ? (
        <p role="status" class="done">
          {t('transparency-console-done', done)}
        </p>
      ) : null}
      <p>{t('transparency-console-lead')}</p>
      {periods.length === 0 ? <p>{t('transparency-no-periods')}</p> : null}
      {periods.map(({ period, complete, versions }) => (
        <section key={period.id} aria-labelledby={`period-${period.id}`}>
          <h2 id={`period-${period.id}`}>
            <a href={`/${lang}/transparency/${period.id}`}>{period.id}</a>
          </h2>
          {versions.length > 0 ? (
            <table>
              <caption>{t('transparency-console-history', period.id)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('transparency-console-version')}</th>
                  <th scope="col">{t('transparency-console-published-at')}</th>
                  <th scope="col">{t('transparency-console-published-by')}</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((snapshot) => (
                  <tr key={snapshot.version}>
                    <td>{snapshot.version}</td>
                    <td>{when(lang, snapshot.publishedAt)}</td>
                    <td>{names.get(snapshot.publishedBy) ?? `staff:${snapshot.publishedBy}`}</td>
                    <td>
                      <code dir="ltr">{snapshot.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('transparency-console-never')}</p>
          )}
          {complete ? (
            <form method="post" action={`/console/transparency/${period.id}/publish`}>
              <CsrfField context={context} />
              <button type="submit">{versions.length > 0 ? t('transparency-console-publish-again', period.id, versions.length + 1) : t('transparency-console-publish', period.id)}</button>
            </form>
          ) : (
            <p>{t('transparency-console-running', period.end)}</p>
          )}
        </section>
      ))}
    </ConsoleLayout>
  );
}

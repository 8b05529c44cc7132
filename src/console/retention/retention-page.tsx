import type { FieldIssue } from '../../errors.ts';
import { MAX_MONTHS, RETENTION_RECORDS, type RetentionPeriods, type RetentionRecord } from '../../retention/periods.ts';
import type { DueRecord } from '../../retention/run-retention.ts';
import { DESK_KINDS } from '../../requests/model.ts';
import { Problems } from '../desk/problems.tsx';
import { Time } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

/** The name of a kind of record in the reader's language: requests by the desk's names for their kinds. */
export function recordName(context: ConsoleContext, record: RetentionRecord): string {
  return (DESK_KINDS as readonly string[]).includes(record) ? context.t('retention-record-request', context.t(`desk-kind-${record}`)) : context.t(`retention-record-${record}`);
}

/** `/console/retention`: how long each kind of record keeps its personal data, and what is due now. */
export function RetentionPage({ context, periods, due, total, problem, done }: {
  context: ConsoleContext;
  periods: RetentionPeriods;
  due: DueRecord[];
  total: number;
  problem?: { issues: readonly FieldIssue[]; values: Record<string, string> };
  done?: { saved: boolean; anonymised?: number };
}) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('retention-title')}>
      <h1>{t('retention-title')}</h1>
      {done?.saved ? (
        <p class="done" role="status">
          {t('retention-saved')}
        </p>
      ) : null}
      {done?.anonymised !== undefined ? (
        <p class="done" role="status">
          {t('retention-done-run', done.anonymised)}
        </p>
      ) : null}
      <p>{t('retention-intro')}</p>
      <h2 id="periods">{t('retention-periods')}</h2>
      <Problems context={context} issues={problem?.issues ?? []} />
      <form method="post" action="/console/retention/periods">
        <CsrfField context={context} />
        <table>
          <thead>
            <tr>
              <th scope="col">{t('retention-record')}</th>
              <th scope="col">{t('retention-months')}</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION_RECORDS.map((record) => {
              const field = `months_${record}`;
              const value = problem?.values[record] ?? (periods[record] === null ? '' : String(periods[record]));
              const wrong = problem?.issues.some((issue) => issue.field === field);
              return (
                <tr key={record}>
                  <th scope="row">{recordName(context, record)}</th>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={MAX_MONTHS}
                      name={record}
                      id={field}
                      value={value}
                      aria-label={`${t('retention-months')}: ${recordName(context, record)}`}
                      aria-invalid={wrong ? 'true' : undefined}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="hint">{t('retention-months-hint')}</p>
        <button type="submit">{t('retention-save')}</button>
      </form>
      <p class="hint">{t('retention-newsletter')}</p>
      <h2 id="due">{t('retention-due')}</h2>
      {total === 0 ? (
        <p>{t('retention-due-none')}</p>
      ) : (
        <>
          <p>{t('retention-due-count', total)}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('retention-column-record')}</th>
                <th scope="col">{t('retention-column-reference')}</th>
                <th scope="col">{t('retention-column-finished')}</th>
                <th scope="col">{t('retention-column-kept')}</th>
              </tr>
            </thead>
            <tbody>
              {due.map((row) => (
                <tr key={`${row.record}-${row.id}`}>
                  <td>{recordName(context, row.record)}</td>
                  <td class="ltr">{row.reference}</td>
                  <td>
                    <Time lang={context.lang} value={row.finishedAt} />
                  </td>
                  <td>{t('retention-months-count', row.months)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > due.length ? <p>{t('retention-due-more', total - due.length)}</p> : null}
          <form method="post" action="/console/retention/run">
            <CsrfField context={context} />
            <p class="hint">{t('retention-run-hint')}</p>
            <button type="submit">{t('retention-run')}</button>
          </form>
        </>
      )}
    </ConsoleLayout>
  );
}

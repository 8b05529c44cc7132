import type { FailedJob, JobKindSummary } from '../../jobs/list-jobs.ts';
import { JOB_STATES } from '../../jobs/list-jobs.ts';
import { Time } from '../format.tsx';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';

/** Background work: each kind of job with its jobs by state, and the jobs that failed for good with their error. */
export function JobsPage({ context, kinds, failed }: { context: ConsoleContext; kinds: JobKindSummary[]; failed: FailedJob[] }) {
  const { t } = context;
  const number = new Intl.NumberFormat(context.lang);
  return (
    <ConsoleLayout context={context} title={t('jobs-console-title')}>
      <h1>{t('jobs-console-title')}</h1>
      <p>{t('jobs-console-intro')}</p>
      {kinds.length === 0 ? (
        <p>{t('jobs-console-no-kinds')}</p>
      ) : (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t('jobs-console-kind')}</th>
              {JOB_STATES.map((state) => (
                <th scope="col" key={state}>{t(`jobs-console-state-${state}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map((kind) => (
              <tr key={kind.name} data-kind={kind.name}>
                <th scope="row" class="ltr">{kind.name}</th>
                {JOB_STATES.map((state) => (
                  <td key={state} data-state={state}>{number.format(kind.counts[state])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('jobs-console-failed-title')}</h2>
      {failed.length === 0 ? (
        <p>{t('jobs-console-failed-none')}</p>
      ) : (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t('jobs-console-failed-at')}</th>
              <th scope="col">{t('jobs-console-kind')}</th>
              <th scope="col">{t('jobs-console-attempts')}</th>
              <th scope="col">{t('jobs-console-error')}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((job) => (
              <tr key={job.id} data-job={job.id}>
                <td><Time lang={context.lang} value={job.failedAt} /></td>
                <td class="ltr">{job.name}</td>
                <td>{number.format(job.attempts)}</td>
                <td>{job.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

import type { FieldIssue } from '../../errors.ts';
import type { NoticeForReview } from '../../notices/review.ts';
import type { RedactedSpan } from '../../notices/redact.ts';
import { MarkedText } from '../../site/pages/notices-text.tsx';
import { Problems } from '../desk/problems.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';

export interface ReviewProblem {
  form: 'text' | 'targets' | 'publish' | 'withdraw';
  issues: readonly FieldIssue[];
  values?: Record<string, string>;
}

/** The original text with what the pipeline replaces highlighted, so staff can see what goes and why. */
function Highlighted({ context, text, spans }: { context: ConsoleContext; text: string; spans: RedactedSpan[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const [index, span] of spans.entries()) {
    parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={index} class={`found found-${span.marker}`} title={context.t(`notices-reason-${span.reason}`)}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** `/console/notices/{reference}`: the original beside the redacted notice; edit, mark targets, publish or withdraw. */
export function NoticeReviewPage({ context, review, canPublish, problem, done }: { context: ConsoleContext; review: NoticeForReview; canPublish: boolean; problem?: ReviewProblem; done?: string }) {
  const { t } = context;
  const { notice, source, targets, originalSpans } = review;
  const request = source.request;
  const draft = notice.state === 'draft';
  const marked = new Set(notice.not_actioned_urls);
  const values = problem?.form === 'text' ? problem.values : undefined;
  return (
    <ConsoleLayout context={context} title={`${t('notices-console-notice')} ${notice.reference}`}>
      <p>
        <a href="/console/notices">{t('notices-console-title')}</a> · <a href={`/console/requests/${request.reference}`}>{t('notices-console-request')}</a>
      </p>
      <h1>
        {t('notices-console-notice')} <span dir="ltr">{notice.reference}</span> <span class="badge" data-state={notice.state}>{t(`notices-state-${notice.state}`)}</span>
      </h1>
      {done ? <p role="status">{t(`notices-console-done-${done}`)}</p> : null}
      {problem ? <Problems context={context} issues={problem.issues} id="problems" /> : null}
      <p>
        {t(`desk-kind-${notice.kind}`)} · {t(`desk-outcome-${notice.outcome}`)}
      </p>
      <div class="side-by-side">
        <section aria-labelledby="original-title">
          <h2 id="original-title">{t('notices-console-original')}</h2>
          <p class="muted">{t('notices-console-original-hint')}</p>
          <div class="pre" dir="auto">
            <Highlighted context={context} text={(request.original_text ?? '').replace(/\r\n?/g, '\n')} spans={originalSpans} />
          </div>
        </section>
        <section aria-labelledby="redacted-title">
          <h2 id="redacted-title">{t('notices-console-redacted')}</h2>
          <h3 dir="auto">
            <MarkedText text={notice.title} t={t} />
          </h3>
          <div class="pre" dir="auto">
            <MarkedText text={notice.body} t={t} />
          </div>
        </section>
      </div>

      <h2 id="targets">{t('notices-targets-title')}</h2>
      <form method="post" action={`/console/notices/${notice.reference}/targets`}>
        <CsrfField context={context} />
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t('notices-console-target')}</th>
              <th scope="col">{t('notices-console-target-public')}</th>
              <th scope="col">{t('notices-console-not-actioned')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target, index) => (
              <tr key={index}>
                <td dir="ltr" class="ltr-auto">{target.url ?? target.account ?? target.project}</td>
                <td dir="ltr">
                  <MarkedText text={notice.targets[index] ?? ''} t={t} />
                </td>
                <td>
                  {target.url && request.outcome === 'partially_granted' && draft && canPublish ? (
                    <label class="inline">
                      <input type="checkbox" name="not_actioned" value={target.url} checked={marked.has(target.url)} />
                      {t('notices-console-not-actioned')}
                      <span class="visually-hidden"> {target.url}</span>
                    </label>
                  ) : target.url ? (
                    notice.not_actioned_urls.includes(target.url) ? t('notices-console-yes') : t('notices-console-no')
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {request.outcome === 'partially_granted' ? (
          draft && canPublish ? <button type="submit">{t('notices-console-save-targets')}</button> : null
        ) : (
          <p class="muted">{t(request.outcome === 'granted' ? 'notices-console-targets-granted' : 'notices-console-targets-denied')}</p>
        )}
      </form>

      {draft && canPublish ? (
        <form method="post" action={`/console/notices/${notice.reference}/text`} id="text">
          <h2>{t('notices-console-edit')}</h2>
          <p class="muted">{t('notices-console-edit-hint')}</p>
          <CsrfField context={context} />
          <p>
            <label for="notice-title">{t('notices-console-redacted-title')}</label>
            <input type="text" id="notice-title" name="title" value={values?.title ?? notice.title} maxLength={300} dir="auto" />
          </p>
          <p>
            <label for="notice-body">{t('notices-console-redacted-body')}</label>
            <textarea id="notice-body" name="body" rows={14} dir="auto" value={values?.body ?? notice.body} />
          </p>
          <button type="submit">{t('notices-console-save-text')}</button>
        </form>
      ) : null}

      {canPublish ? (
        <div class="actions" id="publish">
          {notice.state !== 'published' ? (
            <form method="post" action={`/console/notices/${notice.reference}/publish`}>
              <CsrfField context={context} />
              <p class="muted">{t('notices-console-publish-hint')}</p>
              <button type="submit">{t(notice.state === 'withdrawn' ? 'notices-console-republish' : 'notices-console-publish')}</button>
            </form>
          ) : (
            <form method="post" action={`/console/notices/${notice.reference}/withdraw`}>
              <CsrfField context={context} />
              <p class="muted">{t('notices-console-withdraw-hint')}</p>
              <button type="submit" class="secondary">{t('notices-console-withdraw')}</button>
            </form>
          )}
        </div>
      ) : null}
    </ConsoleLayout>
  );
}

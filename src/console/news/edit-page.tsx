import type { FieldIssue } from '../../errors.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import type { TranslationForEdit } from '../../news/console-queries.ts';
import { SLUG_MAX, SUMMARY_MAX, TITLE_MAX, type TranslationInput } from '../../news/model.ts';
import { direction } from '../../site/layout.tsx';
import { Problems } from '../desk/problems.tsx';
import { Time } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { StatusBadge, languageName } from './list-page.tsx';

/** What went wrong with one of the page's forms, and what had been typed into it. */
export interface EditProblem {
  form: 'content' | 'publish' | 'schedule' | 'unpublish' | 'restore';
  issues: readonly FieldIssue[];
}

export interface EditPageProps {
  context: ConsoleContext;
  /** The post and its translation in `lang`; undefined for a new post. */
  data: TranslationForEdit | undefined;
  lang: string;
  /** The content shown in the form: as saved, or as typed when it is shown again. */
  values: TranslationInput;
  publishAt?: string;
  problem?: EditProblem;
  /** The rendered, sanitised text to preview (of the form's content). */
  preview?: string;
  done?: string;
}

function Field({ id, label, hint, issues, context, children }: { id: string; label: string; hint?: string; issues: readonly FieldIssue[]; context: ConsoleContext; children: preact.ComponentChildren }) {
  const mine = issues.filter((issue) => issue.field === id);
  return (
    <div class={`field${mine.length > 0 ? ' invalid' : ''}`}>
      <label for={`news-${id}`}>{label}</label>
      {hint ? (
        <span class="hint" id={`news-${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {mine.length > 0 ? (
        <span class="problem" id={`news-${id}-error`}>
          {mine.map((issue) => context.t(issue.code!, ...(issue.params ?? []))).join(' ')}
        </span>
      ) : null}
      {children}
    </div>
  );
}

const describedBy = (id: string, issues: readonly FieldIssue[], hint: boolean) => [hint ? `news-${id}-hint` : '', issues.some((issue) => issue.field === id) ? `news-${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The form of a translation's content: title, address, summary and Markdown text, saved or previewed. */
function ContentForm({ context, action, lang, values, issues, isNew }: { context: ConsoleContext; action: string; lang: string; values: TranslationInput; issues: readonly FieldIssue[]; isNew: boolean }) {
  const { t } = context;
  const dir = direction(lang);
  const invalid = (field: string) => (issues.some((issue) => issue.field === field) ? true : undefined);
  return (
    <form method="post" action={action} id="content">
      <CsrfField context={context} />
      {isNew ? (
        <Field id="lang" label={t('news-console-field-lang')} issues={issues} context={context}>
          <select id="news-lang" name="lang">
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === lang}>
                {languageName(context.lang, code)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="title" label={t('news-console-field-title')} issues={issues} context={context}>
        <input type="text" id="news-title" name="title" value={values.title} maxLength={TITLE_MAX * 2} class="wide" lang={lang} dir={dir} aria-invalid={invalid('title')} aria-describedby={describedBy('title', issues, false)} />
      </Field>
      <Field id="slug" label={t('news-console-field-slug')} hint={t('news-console-field-slug-hint', SLUG_MAX)} issues={issues} context={context}>
        <input type="text" id="news-slug" name="slug" value={values.slug} maxLength={SLUG_MAX * 2} class="wide" dir="ltr" aria-invalid={invalid('slug')} aria-describedby={describedBy('slug', issues, true)} />
      </Field>
      <Field id="summary" label={t('news-console-field-summary')} hint={t('news-console-field-summary-hint', SUMMARY_MAX)} issues={issues} context={context}>
        <textarea id="news-summary" name="summary" rows={3} lang={lang} dir={dir} aria-invalid={invalid('summary')} aria-describedby={describedBy('summary', issues, true)} value={values.summary} />
      </Field>
      <Field id="body" label={t('news-console-field-body')} hint={t('news-console-field-body-hint')} issues={issues} context={context}>
        <textarea id="news-body" name="body" rows={18} lang={lang} dir={dir} aria-invalid={invalid('body')} aria-describedby={describedBy('body', issues, true)} value={values.body} />
      </Field>
      <div class="actions">
        <button type="submit" name="intent" value="save">
          {isNew ? t('news-console-create') : t('news-console-save')}
        </button>
        <button type="submit" name="intent" value="preview" class="secondary">
          {t('news-console-preview')}
        </button>
      </div>
    </form>
  );
}

/** Publishing a translation: now, at a time, or taking it down. */
function PublishForms({ context, base, data, publishAt, issues }: { context: ConsoleContext; base: string; data: TranslationForEdit; publishAt?: string; issues: readonly FieldIssue[] }) {
  const { t } = context;
  const translation = data.translation!;
  const status = translation.status;
  return (
    <section aria-labelledby="publishing">
      <h2 id="publishing">{t('news-console-publishing')}</h2>
      <p>
        <StatusBadge context={context} translation={{ lang: translation.lang, title: translation.title, slug: translation.slug, status, publishAt: translation.publish_at, publishedAt: translation.published_at, updatedAt: translation.updated_at }} />
        {translation.published_at ? (
          <>
            {' '}
            · {t('news-console-first-published')} <Time lang={context.lang} value={translation.published_at} />
          </>
        ) : null}
      </p>
      {status === 'published' || (status === 'scheduled' && translation.publish_at! <= new Date()) ? (
        <p>
          <a href={`/${translation.lang}/news/${translation.slug}`}>{t('news-console-view-public')}</a>
        </p>
      ) : null}
      <div class="actions">
        {status !== 'published' ? (
          <form method="post" action={`${base}/publish`}>
            <CsrfField context={context} />
            <button type="submit">{t('news-console-publish-now')}</button>
          </form>
        ) : null}
        {status === 'published' || status === 'scheduled' ? (
          <form method="post" action={`${base}/unpublish`}>
            <CsrfField context={context} />
            <button type="submit" class="secondary">
              {status === 'published' ? t('news-console-unpublish') : t('news-console-cancel-schedule')}
            </button>
          </form>
        ) : null}
      </div>
      {status !== 'published' ? (
        <form method="post" action={`${base}/schedule`} id="schedule">
          <CsrfField context={context} />
          <Field id="publish_at" label={t('news-console-field-publish-at')} hint={t('news-console-field-publish-at-hint')} issues={issues} context={context}>
            <input
              type="datetime-local"
              id="news-publish_at"
              name="publish_at"
              step={1}
              value={publishAt ?? (translation.publish_at ? translation.publish_at.toISOString().slice(0, 19) : '')}
              aria-invalid={issues.some((issue) => issue.field === 'publish_at') ? true : undefined}
              aria-describedby={describedBy('publish_at', issues, true)}
            />
          </Field>
          <button type="submit">{status === 'scheduled' ? t('news-console-reschedule') : t('news-console-schedule')}</button>
        </form>
      ) : null}
    </section>
  );
}

function Revisions({ context, base, data }: { context: ConsoleContext; base: string; data: TranslationForEdit }) {
  const { t, lang } = context;
  const current = data.translation!.revision;
  return (
    <section aria-labelledby="revisions">
      <h2 id="revisions">{t('news-console-revisions')}</h2>
      <table class="records">
        <caption class="visually-hidden">{t('news-console-revisions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('news-console-revision')}</th>
            <th scope="col">{t('news-console-saved-at')}</th>
            <th scope="col">{t('news-console-saved-by')}</th>
            <th scope="col">{t('news-console-field-title')}</th>
            <th scope="col">{t('news-console-revision-action')}</th>
          </tr>
        </thead>
        <tbody>
          {data.revisions.map((revision) => (
            <tr key={revision.number} class={revision.number === current ? 'current' : undefined} data-revision={revision.number}>
              <td>
                {revision.number}
                {revision.restored_from ? <span class="muted"> {t('news-console-restored-from', revision.restored_from)}</span> : null}
              </td>
              <td>
                <Time lang={lang} value={revision.saved_at} />
              </td>
              <td>{revision.savedByEmail ?? t('news-console-saved-by-system')}</td>
              <td dir="auto">
                <details>
                  <summary>{revision.title}</summary>
                  <p dir="ltr">{`/${data.lang}/news/${revision.slug}`}</p>
                  {revision.summary ? <p dir="auto">{revision.summary}</p> : null}
                  <div class="pre" dir="auto">
                    {revision.body}
                  </div>
                </details>
              </td>
              <td>
                {revision.number === current ? (
                  t('news-console-revision-current')
                ) : (
                  <form method="post" action={`${base}/restore`}>
                    <CsrfField context={context} />
                    <input type="hidden" name="revision" value={String(revision.number)} />
                    <button type="submit" class="secondary">
                      {t('news-console-restore')}
                      <span class="visually-hidden"> {revision.number}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * `/console/news/new` and `/console/news/{id}/{lang}`: a translation's content with a preview,
 * its publishing (now, scheduled, taken down) and its revisions with restore.
 */
export function NewsEditPage({ context, data, lang, values, publishAt, problem, preview, done }: EditPageProps) {
  const { t } = context;
  const isNew = !data;
  const base = data ? `/console/news/${data.postId}/${lang}` : '/console/news';
  const heading = isNew ? t('news-console-new') : data.translation ? data.translation.title : t('news-console-add-in', languageName(context.lang, lang));
  const issuesOf = (form: EditProblem['form']) => (problem?.form === form ? problem.issues : []);
  return (
    <ConsoleLayout context={context} title={problem ? `${t('news-console-problem-prefix')} ${heading}` : heading}>
      <p>
        <a href="/console/news">{t('news-console-title')}</a>
      </p>
      <h1 dir="auto">{heading}</h1>
      {done ? <p role="status" class="done">{t(`news-console-done-${done}`)}</p> : null}
      {problem ? <Problems context={context} issues={problem.issues} id="problems" /> : null}
      {data ? (
        <nav aria-label={t('news-console-languages')}>
          <ul class="row-actions">
            {LANGUAGES.map((code) => {
              const other = data.others.find((candidate) => candidate.lang === code);
              return (
                <li key={code}>
                  <a href={`/console/news/${data.postId}/${code}`} aria-current={code === lang ? 'page' : undefined}>
                    {languageName(context.lang, code)}
                  </a>{' '}
                  <StatusBadge context={context} translation={other} />
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
      <div class="side-by-side">
        <section aria-labelledby="content-title">
          <h2 id="content-title">{t('news-console-content')}</h2>
          <ContentForm context={context} action={base} lang={lang} values={values} issues={issuesOf('content')} isNew={isNew} />
        </section>
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('news-console-preview-title')}</h2>
          {preview !== undefined ? (
            <div class="post-preview" lang={lang} dir={direction(lang)}>
              <h3>{values.title}</h3>
              {values.summary ? <p>{values.summary}</p> : null}
              <div dangerouslySetInnerHTML={{ __html: preview }} />
            </div>
          ) : (
            <p class="muted">{t('news-console-preview-none')}</p>
          )}
        </section>
      </div>
      {data?.translation ? <PublishForms context={context} base={base} data={data} publishAt={publishAt} issues={[...issuesOf('schedule'), ...issuesOf('publish'), ...issuesOf('unpublish')]} /> : null}
      {data?.translation ? <Revisions context={context} base={base} data={data} /> : null}
    </ConsoleLayout>
  );
}

import type { FieldIssue } from '../../errors.ts';
import type { MediaImage } from '../../media/library.ts';
import { publicImagePath } from '../../media/published.ts';
import { Problems } from '../desk/problems.tsx';
import { Time, formatBytes } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { MetadataFields, type MetadataValues } from './metadata-fields.tsx';

export interface MediaProblem {
  form: 'metadata' | 'publish' | 'withdraw';
  issues: readonly FieldIssue[];
  values?: MetadataValues;
}

/** The form values of an image as stored. */
export function storedValues(image: MediaImage): MetadataValues {
  const values: MetadataValues = { slug: image.slug, author: image.author ?? '', licence: image.licence ?? '', source_url: image.source_url ?? '' };
  for (const [code, text] of Object.entries(image.alt_text)) values[`alt_${code}`] = text;
  return values;
}

/** `/console/media/{id}`: the image, its metadata to edit, and publishing or withdrawing it. */
export function MediaEditPage({ context, image, problem, done }: { context: ConsoleContext; image: MediaImage; problem?: MediaProblem; done?: string }) {
  const { t, lang } = context;
  const values = problem?.form === 'metadata' && problem.values ? problem.values : storedValues(image);
  const previewWidth = Math.min(480, image.width);
  return (
    <ConsoleLayout context={context} title={`${t('media-console-image')} ${image.slug}`}>
      <p>
        <a href="/console/media">{t('media-console-title')}</a>
      </p>
      <h1>
        {t('media-console-image')} <span class="ltr">{image.slug}</span>{' '}
        <span class="badge" data-state={image.state}>
          {t(`media-state-${image.state}`)}
        </span>
      </h1>
      {done ? (
        <p role="status" class="done">
          {t(`media-done-${done}`)}
        </p>
      ) : null}
      {problem ? <Problems context={context} issues={problem.issues} id="problems" /> : null}
      <img src={`/console/media/${image.id}/file`} alt={image.alt_text.en ?? ''} width={previewWidth} height={Math.round((previewWidth * image.height) / image.width)} />
      <dl class="facts">
        <dt>{t('media-column-size')}</dt>
        <dd>
          {t('media-dimensions', image.width, image.height)} · {formatBytes(lang, image.size_bytes)} · <span class="ltr">{image.content_type}</span>
        </dd>
        <dt>{t('media-fact-filename')}</dt>
        <dd dir="auto">{image.filename}</dd>
        <dt>{t('media-column-updated')}</dt>
        <dd>
          <Time lang={lang} value={image.updated_at} />
        </dd>
        {image.state === 'published' ? (
          <>
            <dt>{t('media-fact-public-url')}</dt>
            <dd>
              <a class="ltr" href={publicImagePath(image)}>
                {publicImagePath(image)}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="metadata-title">
        <h2 id="metadata-title">{t('media-metadata-title')}</h2>
        <form method="post" action={`/console/media/${image.id}`}>
          <CsrfField context={context} />
          <MetadataFields context={context} values={values} prefix="edit" />
          <button type="submit">{t('media-metadata-save')}</button>
        </form>
      </section>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{t('media-publish-title')}</h2>
        <p class="hint">{t('media-publish-hint')}</p>
        <div class="actions">
          {image.state !== 'published' ? (
            <form method="post" action={`/console/media/${image.id}/publish`}>
              <CsrfField context={context} />
              <button type="submit">{t('media-publish-submit')}</button>
            </form>
          ) : (
            <form method="post" action={`/console/media/${image.id}/withdraw`}>
              <CsrfField context={context} />
              <button type="submit" class="secondary">
                {t('media-withdraw-submit')}
              </button>
            </form>
          )}
        </div>
      </section>
    </ConsoleLayout>
  );
}

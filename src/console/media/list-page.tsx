import type { FieldIssue } from '../../errors.ts';
import { MAX_IMAGE_BYTES, type MediaImage } from '../../media/library.ts';
import { Problems } from '../desk/problems.tsx';
import { Time, formatBytes } from '../format.tsx';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import { MetadataFields, type MetadataValues } from './metadata-fields.tsx';

/** `/console/media`: the upload form and every image of the library, with its state and credit. */
export function MediaListPage({ context, images, issues = [], values = {} }: { context: ConsoleContext; images: MediaImage[]; issues?: readonly FieldIssue[]; values?: MetadataValues }) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('media-console-title')}>
      <h1>{t('media-console-title')}</h1>
      <p>{t('media-console-lead')}</p>
      <section aria-labelledby="upload-title">
        <h2 id="upload-title">{t('media-upload-title')}</h2>
        <Problems context={context} issues={issues} id="problems" />
        <form method="post" action="/console/media" encType="multipart/form-data">
          <CsrfField context={context} />
          <div class="field">
            <label for="upload-file">{t('media-field-file')}</label>
            <span class="hint" id="upload-file-hint">
              {t('media-field-file-hint', formatBytes(lang, MAX_IMAGE_BYTES))}
            </span>
            <input type="file" id="upload-file" name="file" accept="image/png,image/jpeg,image/webp" aria-describedby="upload-file-hint" />
          </div>
          <MetadataFields context={context} values={values} prefix="upload" />
          <button type="submit">{t('media-upload-submit')}</button>
        </form>
      </section>
      <section aria-labelledby="library-title">
        <h2 id="library-title">{t('media-library-title')}</h2>
        {images.length === 0 ? (
          <p>{t('media-library-empty')}</p>
        ) : (
          <table class="records">
            <thead>
              <tr>
                <th scope="col">{t('media-column-image')}</th>
                <th scope="col">{t('media-field-slug')}</th>
                <th scope="col">{t('media-column-state')}</th>
                <th scope="col">{t('media-column-size')}</th>
                <th scope="col">{t('media-field-author')}</th>
                <th scope="col">{t('media-field-licence')}</th>
                <th scope="col">{t('media-column-updated')}</th>
              </tr>
            </thead>
            <tbody>
              {images.map((image) => (
                <tr key={image.id} data-image={image.slug}>
                  <td>
                    <img src={`/console/media/${image.id}/file`} alt={image.alt_text.en ?? ''} width={Math.min(96, image.width)} height={Math.round((Math.min(96, image.width) * image.height) / image.width)} loading="lazy" />
                  </td>
                  <td>
                    <a href={`/console/media/${image.id}`} class="ltr">
                      {image.slug}
                    </a>
                  </td>
                  <td>
                    <span class="badge" data-state={image.state}>
                      {t(`media-state-${image.state}`)}
                    </span>
                  </td>
                  <td>
                    {t('media-dimensions', image.width, image.height)} · {formatBytes(lang, image.size_bytes)}
                  </td>
                  <td dir="auto">{image.author ?? '—'}</td>
                  <td class="ltr">{image.licence ?? '—'}</td>
                  <td>
                    <Time lang={lang} value={image.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ConsoleLayout>
  );
}

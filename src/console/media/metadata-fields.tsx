import { LANGUAGES } from '../../i18n/translate.ts';
import { LICENCES, LICENCE_IDS } from '../../media/licences.ts';
import type { ConsoleContext } from '../layout.tsx';

/** The form's values, as typed (shown again with the problems) or as stored. */
export type MetadataValues = Record<string, string>;

function languageName(lang: string, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
}

/** The fields an image's metadata is edited with, on the upload form and on the image's page. */
export function MetadataFields({ context, values, prefix }: { context: ConsoleContext; values: MetadataValues; prefix: string }) {
  const { t, lang } = context;
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <div class="field">
        <label for={id('slug')}>{t('media-field-slug')}</label>
        <span class="hint" id={id('slug-hint')}>
          {t('media-field-slug-hint')}
        </span>
        <input type="text" id={id('slug')} name="slug" class="ltr" value={values.slug ?? ''} maxLength={60} aria-describedby={id('slug-hint')} />
      </div>
      <fieldset>
        <legend>{t('media-field-alt')}</legend>
        <span class="hint">{t('media-field-alt-hint')}</span>
        {LANGUAGES.map((code) => (
          <div class="field" key={code}>
            <label for={id(`alt-${code}`)}>{languageName(lang, code)}</label>
            <input class="wide" type="text" id={id(`alt-${code}`)} name={`alt_${code}`} lang={code} dir="auto" value={values[`alt_${code}`] ?? ''} maxLength={300} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('media-field-credit')}</legend>
        <div class="field">
          <label for={id('author')}>{t('media-field-author')}</label>
          <input class="wide" type="text" id={id('author')} name="author" dir="auto" value={values.author ?? ''} maxLength={200} />
        </div>
        <div class="field">
          <label for={id('licence')}>{t('media-field-licence')}</label>
          <select id={id('licence')} name="licence">
            <option value="">{t('media-field-licence-none')}</option>
            {LICENCE_IDS.map((licence) => (
              <option key={licence} value={licence} selected={values.licence === licence}>
                {`${LICENCES[licence].name} (${licence})`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('source')}>{t('media-field-source')}</label>
          <span class="hint" id={id('source-hint')}>
            {t('media-field-source-hint')}
          </span>
          <input class="wide ltr" type="url" id={id('source')} name="source_url" value={values.source_url ?? ''} maxLength={2000} aria-describedby={id('source-hint')} />
        </div>
      </fieldset>
    </>
  );
}

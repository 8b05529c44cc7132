import type { PageContext } from './layout.tsx';

/**
 * What every public form carries against robots, without a third party: a honeypot field that
 * people never see, and the proof of work the small script of /assets solves (the form still
 * works without it, under a stricter rate limit).
 */
export function SpamGuards({ context }: { context: PageContext }) {
  const { t } = context;
  return (
    <>
      <div class="trap" aria-hidden="true">
        <label for="f-website">{t('form-honeypot')}</label>
        <input type="text" id="f-website" name="website" tabIndex={-1} autoComplete="off" value="" />
      </div>
      <input type="hidden" name="altcha" value="" />
      <p class="pow-status" data-done={t('form-pow-done')}>
        {t('form-pow-note')}
      </p>
    </>
  );
}

import type { FieldIssue } from '../../errors.ts';
import type { PowChallenge } from '../../intake/spam/proof-of-work.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { EMAIL_MAX, NAME_MAX } from '../../connect/sign-up-form.ts';
import type { LinkState } from '../../connect/confirm.ts';
import { ASSETS } from '../assets.ts';
import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { Layout, direction, type PageContext } from '../layout.tsx';
import { SpamGuards } from '../spam-guards.tsx';

function autonym(code: string): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

function issueText(context: PageContext, issue: FieldIssue): string {
  return issue.code ? context.t(issue.code, ...(issue.params ?? [])) : issue.message;
}

function FieldError({ context, id, issues }: { context: PageContext; id: string; issues: FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <span class="error-text" id={`${id}-error`}>
      {issues.map((issue) => issueText(context, issue)).join(' ')}
    </span>
  );
}

/** `/{lang}/connect`: the newsletter sign-up, with what is kept and for how long said up front. */
export function ConnectPage({ context, values, issues, challenge }: { context: PageContext; values: Record<string, string | undefined>; issues: FieldIssue[]; challenge: PowChallenge }) {
  const { t, lang } = context;
  const title = t('connect-title');
  const of = (field: string) => issues.filter((issue) => issue.field === field);
  const described = (field: string, hint?: boolean) => [hint ? `f-${field}-hint` : '', of(field).length > 0 ? `f-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (field: string) => (of(field).length > 0 ? (true as const) : undefined);
  const selected = values.language || lang;
  return (
    <Layout context={context} title={issues.length > 0 ? `${t('form-error-title-prefix')} ${title}` : title} description={t('connect-lead')} scripts={[ASSETS.pow.url]}>
      <BilingualHeading context={context} level={1} text={message('connect-title')} />
      <p class="lead">{t('connect-lead')}</p>
      {issues.length > 0 ? (
        <div class="summary" role="alert" aria-labelledby="summary-title" tabIndex={-1}>
          <h2 id="summary-title">{t('form-error-summary', issues.length)}</h2>
          <ul>
            {issues.map((issue) => (
              <li key={`${issue.field} ${issue.code}`}>
                <a href={`#f-${issue.field}`}>{issueText(context, issue)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/${lang}/connect`} data-pow={JSON.stringify(challenge)} noValidate>
        <div class={`field${invalid('email') ? ' invalid' : ''}`}>
          <label for="f-email">{t('connect-field-email')}</label>
          <FieldError context={context} id="f-email" issues={of('email')} />
          <input type="email" id="f-email" name="email" value={values.email ?? ''} maxLength={EMAIL_MAX} autoComplete="email" required dir="ltr" aria-invalid={invalid('email')} aria-describedby={described('email')} />
        </div>
        <div class={`field${invalid('name') ? ' invalid' : ''}`}>
          <label for="f-name">{`${t('connect-field-name')} ${t('form-optional')}`}</label>
          <span class="hint" id="f-name-hint">
            {t('connect-field-name-hint')}
          </span>
          <FieldError context={context} id="f-name" issues={of('name')} />
          <input type="text" id="f-name" name="name" value={values.name ?? ''} maxLength={NAME_MAX} autoComplete="name" aria-invalid={invalid('name')} aria-describedby={described('name', true)} />
        </div>
        <div class={`field${invalid('language') ? ' invalid' : ''}`}>
          <label for="f-language">{t('connect-field-language')}</label>
          <FieldError context={context} id="f-language" issues={of('language')} />
          <select id="f-language" name="language" aria-invalid={invalid('language')} aria-describedby={described('language')}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === selected} lang={code} dir={direction(code)}>
                {autonym(code)}
              </option>
            ))}
          </select>
        </div>
        <SpamGuards context={context} />
        <button type="submit">{t('connect-submit')}</button>
      </form>
      <BilingualHeading context={context} text={message('connect-privacy-title')} />
      <ul>
        <li>{t('connect-privacy-kept')}</li>
        <li>{t('connect-privacy-not-kept')}</li>
        <li>{t('connect-privacy-confirm')}</li>
        <li>{t('connect-privacy-leave')}</li>
      </ul>
    </Layout>
  );
}

/**
 * The answer to every sign-up that was accepted, word for word the same whether the address is
 * new, waiting for confirmation or already subscribed: the page must not tell anyone who else
 * reads the newsletter.
 */
export function ConnectSentPage({ context }: { context: PageContext }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('connect-sent-title')}>
      <BilingualHeading context={context} level={1} text={message('connect-sent-title')} />
      <div class="notice" role="status">
        <p>{t('connect-sent-text')}</p>
      </div>
      <p>{t('connect-sent-next')}</p>
    </Layout>
  );
}

/**
 * The landing page of a confirmation link: a button that confirms (a POST), never the visit
 * itself, which a mail scanner may make; or what became of the link.
 */
export function ConfirmPage({ context, token, state }: { context: PageContext; token: string; state: LinkState }) {
  const { t, lang } = context;
  const title = t(`connect-confirm-${state}-title`);
  return (
    <Layout context={context} title={title}>
      <BilingualHeading context={context} level={1} text={message(`connect-confirm-${state}-title`)} />
      {state === 'valid' ? (
        <>
          <p>{t('connect-confirm-valid-text')}</p>
          <form method="post" action={`/${lang}/connect/confirm`}>
            <input type="hidden" name="token" value={token} />
            <button type="submit">{t('connect-confirm-button')}</button>
          </form>
        </>
      ) : (
        <>
          <div class={state === 'confirmed' ? 'notice' : 'summary'} role={state === 'confirmed' ? 'status' : 'alert'}>
            <p>{t(`connect-confirm-${state}-text`)}</p>
          </div>
          {state === 'confirmed' ? null : (
            <p>
              <a href={`/${lang}/connect`}>{t('connect-sign-up-again')}</a>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}

/**
 * The page of an unsubscribe link: a button (a POST: a visit never unsubscribes, since scanners
 * follow links), then the confirmation that it is done; or that the link is not one of ours.
 */
export function UnsubscribePage({ context, token, state }: { context: PageContext; token: string; state: 'ask' | 'done' | 'invalid' }) {
  const { t, lang } = context;
  const title = t(`connect-unsubscribe-${state}-title`);
  return (
    <Layout context={context} title={title}>
      <BilingualHeading context={context} level={1} text={message(`connect-unsubscribe-${state}-title`)} />
      {state === 'ask' ? (
        <>
          <p>{t('connect-unsubscribe-ask-text')}</p>
          <form method="post" action={`/${lang}/connect/unsubscribe?token=${encodeURIComponent(token)}`}>
            <button type="submit">{t('connect-unsubscribe-button')}</button>
          </form>
        </>
      ) : (
        <div class={state === 'done' ? 'notice' : 'summary'} role={state === 'done' ? 'status' : 'alert'}>
          <p>{t(`connect-unsubscribe-${state}-text`)}</p>
        </div>
      )}
      {state === 'ask' ? null : (
        <p>
          <a href={`/${lang}/connect`}>{t(state === 'done' ? 'connect-sign-up-again' : 'connect-back-to-form')}</a>
        </p>
      )}
    </Layout>
  );
}

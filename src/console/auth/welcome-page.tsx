import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import type { FieldIssue } from '../../errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../auth/password-rules.ts';
import type { WelcomeState } from '../../auth/enrolment.ts';
import { CodeField, FieldProblem, Problems, QrCode, problemId } from './parts.tsx';

/** The base32 key in groups of four, as authenticator apps show it and people type it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function PasswordStep({ context, action, issues }: { context: ConsoleContext; action: string; issues?: readonly FieldIssue[] }) {
  const { t } = context;
  const invalid = (field: string) => (issues?.some((issue) => issue.field === field) ? 'true' : undefined);
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">{t('auth-welcome-password-heading')}</h2>
      <form method="post" action={action} class="narrow">
        <div class="field">
          <label for="password">{t('auth-field-new-password')}</label>
          <span class="hint" id="password-hint">
            {t('auth-password-hint', PASSWORD_MIN_LENGTH)}
          </span>
          <FieldProblem t={t} issues={issues} field="password" />
          <input
            type="password"
            id="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={1024}
            class="wide"
            autoFocus
            aria-invalid={invalid('password')}
            aria-describedby={invalid('password') ? `password-hint ${problemId('password')}` : 'password-hint'}
          />
        </div>
        <div class="field">
          <label for="confirmation">{t('auth-field-confirmation')}</label>
          <FieldProblem t={t} issues={issues} field="confirmation" />
          <input
            type="password"
            id="confirmation"
            name="confirmation"
            autoComplete="new-password"
            required
            maxLength={1024}
            class="wide"
            aria-invalid={invalid('confirmation')}
            aria-describedby={invalid('confirmation') ? problemId('confirmation') : undefined}
          />
        </div>
        <button type="submit">{t('auth-welcome-password-submit')}</button>
      </form>
    </section>
  );
}

function TotpStep({ context, action, secret, uri, issues }: { context: ConsoleContext; action: string; secret: string; uri: string; issues?: readonly FieldIssue[] }) {
  const { t } = context;
  return (
    <section aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('auth-welcome-totp-heading')}</h2>
      <p>{t('auth-welcome-totp-lead')}</p>
      <QrCode text={uri} label={t('auth-totp-qr-label')} />
      <dl class="facts">
        <dt>{t('auth-totp-secret-label')}</dt>
        <dd>
          <code class="ltr secret" data-secret={secret}>
            {grouped(secret)}
          </code>
        </dd>
        <dt>{t('auth-totp-settings-label')}</dt>
        <dd>{t('auth-totp-settings')}</dd>
        <dt>{t('auth-totp-uri-label')}</dt>
        <dd>
          <code class="ltr uri">{uri}</code>
        </dd>
      </dl>
      <form method="post" action={action} class="narrow">
        <CodeField t={t} issues={issues} autofocus />
        <button type="submit">{t('auth-welcome-totp-submit')}</button>
      </form>
    </section>
  );
}

/**
 * The page a one-time link opens: first a password, then the authenticator app, confirmed by a
 * code. The link's token is in the URL; the policy `no-referrer` keeps it from leaking onwards.
 */
export function WelcomePage({ context, token, state, issues }: { context: ConsoleContext; token: string; state: WelcomeState; issues?: readonly FieldIssue[] }) {
  const { t } = context;
  const base = `/console/welcome/${token}`;
  return (
    <ConsoleLayout context={context} title={t('auth-welcome-title')}>
      <h1>{t('auth-welcome-title')}</h1>
      <p>
        {t('auth-welcome-lead')} <strong class="ltr">{state.email}</strong>
      </p>
      <Problems t={t} issues={issues} />
      {state.step === 'password' ? (
        <PasswordStep context={context} action={base} issues={issues} />
      ) : (
        <>
          <p class="done">{t('auth-welcome-password-saved')}</p>
          <TotpStep context={context} action={`${base}/totp`} secret={state.secret} uri={state.uri} issues={issues} />
        </>
      )}
    </ConsoleLayout>
  );
}

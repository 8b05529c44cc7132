import { CsrfField, ConsoleLayout, type ConsoleContext } from '../layout.tsx';
import type { FieldIssue } from '../../errors.ts';
import { CodeField, Problems } from './parts.tsx';

/** The sign-in form: e-mail address, password and authenticator code on one page. */
export function LoginPage({ context, next, email = '', problem, notice }: { context: ConsoleContext; next: string; email?: string; problem?: string; notice?: string }) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('auth-login-title')}>
      <h1>{t('auth-login-title')}</h1>
      {notice ? (
        <p class="done" role="status">
          {notice}
        </p>
      ) : null}
      <Problems t={t} message={problem} />
      <p>{t('auth-login-lead')}</p>
      <form method="post" action="/console/login" class="narrow">
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="email">{t('auth-field-email')}</label>
          <input type="email" id="email" name="email" dir="ltr" value={email} autoComplete="username" required maxLength={320} class="wide" autoFocus={!email} />
        </div>
        <div class="field">
          <label for="password">{t('auth-field-password')}</label>
          <input type="password" id="password" name="password" autoComplete="current-password" required maxLength={1024} class="wide" autoFocus={!!email} />
        </div>
        <CodeField t={t} />
        <button type="submit">{t('auth-login-submit')}</button>
      </form>
      <p class="hint">{t('auth-login-no-account')}</p>
    </ConsoleLayout>
  );
}

/** Entering the second factor again before a sensitive action. */
export function StepUpPage({ context, next, issues }: { context: ConsoleContext; next: string; issues?: readonly FieldIssue[] }) {
  const { t } = context;
  return (
    <ConsoleLayout context={context} title={t('auth-step-up-title')}>
      <h1>{t('auth-step-up-title')}</h1>
      <Problems t={t} issues={issues} />
      <p>{t('auth-step-up-lead')}</p>
      <form method="post" action="/console/step-up" class="narrow">
        <CsrfField context={context} />
        <input type="hidden" name="next" value={next} />
        <CodeField t={t} issues={issues} autofocus />
        <button type="submit">{t('auth-step-up-submit')}</button>
      </form>
    </ConsoleLayout>
  );
}

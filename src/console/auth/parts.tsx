import { encode } from 'uqr';
import type { FieldIssue } from '../../errors.ts';
import type { Translate } from '../../i18n/translate.ts';

/** A form problem in the reader's language: the catalog message when there is one. */
export function issueText(t: Translate, issue: FieldIssue): string {
  return issue.code ? t(issue.code, ...(issue.params ?? [])) : issue.message;
}

/** The problems of a form, listed at its top and announced to screen readers. */
export function Problems({ t, issues, message }: { t: Translate; issues?: readonly FieldIssue[]; message?: string }) {
  const lines = [...(message ? [message] : []), ...(issues ?? []).map((issue) => issueText(t, issue))];
  if (lines.length === 0) return null;
  return (
    <div class="problems" role="alert">
      {lines.length === 1 ? <p>{lines[0]}</p> : <ul>{lines.map((line) => <li key={line}>{line}</li>)}</ul>}
    </div>
  );
}

/** The id of a field's problem, for aria-describedby. */
export function problemId(field: string): string {
  return `${field}-problem`;
}

/** A field's own problem, under its label. */
export function FieldProblem({ t, issues, field }: { t: Translate; issues?: readonly FieldIssue[]; field: string }) {
  const issue = issues?.find((candidate) => candidate.field === field);
  return issue ? <span id={problemId(field)} class="problem">{issueText(t, issue)}</span> : null;
}

/** The six-digit code field every second-factor form shares. */
export function CodeField({ t, issues, autofocus = false }: { t: Translate; issues?: readonly FieldIssue[]; autofocus?: boolean }) {
  const wrong = issues?.some((issue) => issue.field === 'code');
  return (
    <div class="field">
      <label for="code">{t('auth-field-code')}</label>
      <span class="hint" id="code-hint">
        {t('auth-field-code-hint')}
      </span>
      <FieldProblem t={t} issues={issues} field="code" />
      <input
        type="text"
        id="code"
        name="code"
        dir="ltr"
        inputMode="numeric"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        autoComplete="one-time-code"
        required
        autoFocus={autofocus}
        aria-invalid={wrong ? 'true' : undefined}
        aria-describedby={wrong ? `code-hint ${problemId('code')}` : 'code-hint'}
        class="code"
      />
    </div>
  );
}

/**
 * A QR code as inline SVG, drawn on the server from uqr's matrix: one path, a quiet zone of four
 * modules, named for assistive technology (the same key is printed as text beside it).
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  const quiet = 4;
  const total = size + quiet * 2;
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => (d += dark ? `M${x + quiet},${y + quiet}h1v1h-1z` : '')));
  return (
    <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${total} ${total}`} width={total * 5} height={total * 5} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={total} height={total} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}

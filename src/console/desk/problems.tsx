import type { FieldIssue } from '../../errors.ts';
import type { ConsoleContext } from '../layout.tsx';

/** The problems of a form, each in the reader's language, announced to screen readers. */
export function Problems({ context, issues, id }: { context: ConsoleContext; issues: readonly FieldIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  const { t } = context;
  return (
    <div class="problems" role="alert" id={id}>
      <p>{t('error-validation', issues.length)}</p>
      <ul>
        {issues.map((issue, index) => (
          <li key={index}>
            <span class="ltr">{issue.field}</span>: {issue.code ? t(issue.code, ...(issue.params ?? [])) : issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

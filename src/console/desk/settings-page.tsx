import type { ReplyTemplateRow } from '../../db/tables/desk.ts';
import { PLACEHOLDERS } from '../../desk/reply-templates.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { DESK_KINDS, type DeskKind } from '../../requests/model.ts';
import { ConsoleLayout, CsrfField, type ConsoleContext } from '../layout.tsx';
import type { FormProblem } from './request-page.tsx';
import { Problems } from './problems.tsx';

/** `/console/desk`: the deadline of each kind and the reply templates in every language. */
export function DeskSettingsPage({ context, deadlines, templates, problem, done }: {
  context: ConsoleContext;
  deadlines: Map<DeskKind, { hours: number; basis: 'statutory' | 'internal' }>;
  templates: ReplyTemplateRow[];
  problem?: FormProblem;
  done?: string;
}) {
  const { t, lang } = context;
  const failed = (form: string) => (problem?.form === form ? problem : undefined);
  const value = (form: string, name: string, fallback: string) => failed(form)?.values[name] ?? fallback;
  const languageName = (code: string) => new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  return (
    <ConsoleLayout context={context} title={t('desk-settings-title')}>
      <h1>{t('desk-settings-title')}</h1>
      {done ? (
        <p class="done" role="status">
          {t('desk-done-saved')}
        </p>
      ) : null}
      <h2 id="deadlines">{t('desk-settings-deadlines')}</h2>
      <p class="hint">{t('desk-settings-deadlines-hint')}</p>
      <Problems context={context} issues={failed('deadlines')?.issues ?? []} />
      <form method="post" action="/console/desk/deadlines">
        <CsrfField context={context} />
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk-field-kind')}</th>
              <th scope="col">{t('desk-settings-hours')}</th>
              <th scope="col">{t('desk-settings-basis')}</th>
            </tr>
          </thead>
          <tbody>
            {DESK_KINDS.map((kind) => {
              const current = deadlines.get(kind);
              const basis = value('deadlines', `basis_${kind}`, current?.basis ?? 'internal');
              return (
                <tr key={kind}>
                  <th scope="row">{t(`desk-kind-${kind}`)}</th>
                  <td>
                    <input type="number" min={1} max={8760} name={`hours_${kind}`} aria-label={`${t('desk-settings-hours')}: ${t(`desk-kind-${kind}`)}`} value={value('deadlines', `hours_${kind}`, String(current?.hours ?? ''))} />
                  </td>
                  <td>
                    <select name={`basis_${kind}`} aria-label={`${t('desk-settings-basis')}: ${t(`desk-kind-${kind}`)}`}>
                      <option value="internal" selected={basis === 'internal'}>
                        {t('desk-settings-basis-internal')}
                      </option>
                      <option value="statutory" selected={basis === 'statutory'}>
                        {t('desk-settings-basis-statutory')}
                      </option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit">{t('desk-settings-save')}</button>
      </form>
      <h2 id="templates">{t('desk-settings-templates')}</h2>
      <p class="hint">{t('desk-reply-placeholders', PLACEHOLDERS.map((p) => `{{${p}}}`).join(' '))}</p>
      {templates.map((template) => (
        <details key={template.id}>
          <summary>
            {template.name} — {languageName(template.language)}
          </summary>
          <p>
            <strong>{template.subject}</strong>
          </p>
          <pre lang={template.language}>{template.body}</pre>
        </details>
      ))}
      <h3 id="template-form">{t('desk-settings-template-save')}</h3>
      <p class="hint">{t('desk-settings-template-hint')}</p>
      <Problems context={context} issues={failed('template')?.issues ?? []} />
      <form method="post" action="/console/desk/templates">
        <CsrfField context={context} />
        <div class="field">
          <label for="template-name">{t('desk-settings-template-name')}</label>
          <input type="text" id="template-name" name="name" class="ltr" value={value('template', 'name', '')} maxLength={60} />
        </div>
        <div class="field">
          <label for="template-language">{t('desk-field-language')}</label>
          <select id="template-language" name="language">
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={code === value('template', 'language', 'en')}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="template-subject">{t('desk-field-subject')}</label>
          <input class="wide" type="text" id="template-subject" name="subject" value={value('template', 'subject', '')} maxLength={300} />
        </div>
        <div class="field">
          <label for="template-body">{t('desk-field-body')}</label>
          <textarea id="template-body" name="body" rows={10}>{value('template', 'body', '')}</textarea>
        </div>
        <button type="submit">{t('desk-settings-template-save')}</button>
      </form>
    </ConsoleLayout>
  );
}

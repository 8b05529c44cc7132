import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { staffActor } from './errors.ts';
import { PLACEHOLDERS } from './reply-templates.ts';

export interface TemplateInput {
  name: string;
  language: string;
  subject: string;
  body: string;
}

/**
 * Creates or changes the reply template of one name in one language, audited. A `{{mark}}` that
 * names no placeholder is refused, so that no reply goes out with a hole in it.
 */
export async function saveTemplate(db: Kysely<Database>, staff: StaffSession, input: TemplateInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const name = input.name.trim().toLowerCase();
  if (!/^[a-z0-9-]{1,60}$/.test(name)) issues.push({ field: 'name', message: 'use 1 to 60 lower-case letters, digits and hyphens', code: 'desk-error-template-name' });
  if (!LANGUAGES.includes(input.language)) issues.push({ field: 'language', message: 'is not a language of the catalogs', code: 'desk-error-language' });
  const subject = input.subject.trim();
  if (!subject || subject.length > 300 || /[\r\n]/.test(subject)) issues.push({ field: 'subject', message: 'must be one line of at most 300 characters', code: 'desk-error-subject-long', params: [300] });
  const body = input.body.replace(/\r\n/g, '\n').trim();
  if (!body) issues.push({ field: 'body', message: 'is required', code: 'desk-error-body-empty' });
  else if (body.length > 20_000) issues.push({ field: 'body', message: 'is longer than 20000 characters', code: 'desk-error-too-long', params: [20_000] });
  const unknown = [...`${subject}\n${body}`.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]!).filter((mark) => !(PLACEHOLDERS as readonly string[]).includes(mark));
  if (unknown.length > 0) issues.push({ field: 'body', message: `unknown placeholder ${unknown[0]}`, code: 'desk-error-template-placeholder', params: [unknown[0]!] });
  if (issues.length > 0) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('reply_templates').select('id').where('name', '=', name).where('language', '=', input.language).executeTakeFirst();
    const row = await trx
      .insertInto('reply_templates')
      .values({ name, language: input.language, subject, body })
      .onConflict((conflict) => conflict.columns(['name', 'language']).doUpdateSet({ subject, body, updated_at: new Date() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { actor: staffActor(staff), action: before ? 'reply_template.changed' : 'reply_template.created', subjectType: 'reply_template', subjectId: row.id, payload: { name, language: input.language } });
  });
}

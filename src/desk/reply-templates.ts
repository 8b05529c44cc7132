import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ReplyTemplateRow } from '../db/tables/desk.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { translator } from '../i18n/translate.ts';

/** The placeholders a template may use, and what fills each. */
export const PLACEHOLDERS = ['reference', 'requester_name', 'received_date', 'kind', 'staff_name', 'decision'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Every template, by name then language. */
export async function listTemplates(db: Kysely<Database>): Promise<ReplyTemplateRow[]> {
  return db.selectFrom('reply_templates').selectAll().orderBy('name').orderBy('language').execute();
}

export async function findTemplate(db: Kysely<Database>, name: string, language: string): Promise<ReplyTemplateRow | undefined> {
  return db.selectFrom('reply_templates').selectAll().where('name', '=', name).where('language', '=', language).executeTakeFirst();
}

/** The values of the placeholders for one request, written in the reply's language. */
export function placeholderValues(request: RequestRow, language: string, staffName: string): Record<Placeholder, string> {
  const t = translator(language);
  return {
    reference: request.reference,
    requester_name: request.requester_name ?? request.requester_organization ?? t('desk-requester-unnamed'),
    received_date: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(request.received_at),
    kind: t(`kind-${request.kind}`),
    staff_name: staffName,
    decision: request.outcome ? t(`desk-outcome-${request.outcome}`) : '',
  };
}

/** Fills `{{placeholder}}` marks; a mark that names no placeholder is left as it is, for the writer to see. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (mark, name: string) => (Object.hasOwn(values, name) ? values[name]! : mark));
}

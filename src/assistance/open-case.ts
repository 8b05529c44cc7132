import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { translator } from '../i18n/translate.ts';
import type { HelpRequest } from './help-form.ts';
import { formatCaseReference } from './model.ts';

/** What the contributor is told once their request for help is stored. */
export interface OpenedCase {
  id: number;
  reference: string;
}

/**
 * Queues the acknowledgement in the contributor's language, in the transaction that opens the
 * case. It gives the reference and what happens next, never what they told us: mail can be read
 * by others on the way.
 */
async function queueCaseAcknowledgement(trx: Transaction<Database>, id: number, reference: string, help: HelpRequest): Promise<void> {
  const t = translator(help.language);
  await trx
    .insertInto('outbox')
    .values({
      request_id: null,
      assistance_case_id: id,
      to_address: help.email,
      subject: t('assistance-mail-ack-subject', reference),
      body_text: t('assistance-mail-ack-body', reference, help.name),
      language: help.language,
      headers: JSON.stringify({ 'Message-ID': `<${reference}.${randomBytes(6).toString('hex')}@candor.invalid>`, 'X-Candor-Reference': reference }) as unknown as Record<string, string>,
    })
    .execute();
}

/**
 * Opens a legal-help case from a validated form, with its audit event and the acknowledgement to
 * the contributor, all in one transaction. The event says what kind of case it is, never who
 * asked or what they wrote.
 */
export async function openCase(db: Kysely<Database>, help: HelpRequest, actor: string, now = new Date()): Promise<OpenedCase> {
  return db.transaction().execute(async (trx) => {
    const { serial } = (await sql<{ serial: number }>`SELECT nextval('assistance_reference_seq') AS serial`.execute(trx)).rows[0]!;
    const reference = formatCaseReference(now.getUTCFullYear(), Number(serial));
    const row = await trx
      .insertInto('assistance_cases')
      .values({
        reference,
        received_at: now,
        language: help.language,
        threat_kind: help.threatKind,
        threat_description: help.description,
        country: help.country,
        authority: help.authority,
        project: help.project,
        contributor_role: help.role,
        court_case: help.courtCase,
        court_deadline: help.courtDeadline,
        related_urls: help.relatedUrls,
        related_reference: help.relatedReference,
        contact_name: help.name,
        contact_email: help.email,
        contact_phone: help.phone,
        contact_messenger: help.messenger,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      actor,
      action: 'assistance_case.opened',
      subjectType: 'assistance_case',
      subjectId: row.id,
      occurredAt: now,
      payload: {
        reference,
        threat_kind: help.threatKind,
        country: help.country,
        project: help.project,
        contributor_role: help.role,
        court_case: help.courtCase,
        court_deadline: help.courtDeadline,
        language: help.language,
        related_urls: help.relatedUrls.length,
      },
    });
    await queueCaseAcknowledgement(trx, row.id, reference, help);
    return { id: row.id, reference };
  });
}

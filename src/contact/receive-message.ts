import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { translator } from '../i18n/translate.ts';
import { createRequests } from '../requests/create-requests.ts';
import type { ContactMessage } from './contact-form.ts';

/** Formats the reference of a contact message: `CT-2026-000042`, apart from the requests' `CR-` numbering. */
export function formatContactReference(year: number, serial: number): string {
  return `CT-${year}-${String(serial).padStart(6, '0')}`;
}

/** The next free contact reference; one already taken (say, by an import) is skipped. */
async function drawContactReference(trx: Transaction<Database>, year: number): Promise<string> {
  for (;;) {
    const { serial } = (await sql<{ serial: number }>`SELECT nextval('contact_reference_seq') AS serial`.execute(trx)).rows[0]!;
    const reference = formatContactReference(year, Number(serial));
    const taken = await trx.selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirst();
    if (!taken) return reference;
  }
}

/**
 * The acknowledgement, in the writer's language: that a person will answer, and the reference.
 * It does not repeat what they wrote. Its Message-ID lets their reply, and the desk's answer,
 * thread under it.
 */
async function queueContactAcknowledgement(trx: Transaction<Database>, id: number, reference: string, message: ContactMessage): Promise<void> {
  const t = translator(message.language);
  await trx
    .insertInto('outbox')
    .values({
      request_id: id,
      to_address: message.email,
      subject: t('contact-mail-ack-subject', reference),
      body_text: t('contact-mail-ack-body', message.name, reference, t(`contact-topic-${message.topic}`)),
      language: message.language,
      headers: JSON.stringify({ 'Message-ID': `<${reference}.${randomBytes(6).toString('hex')}@candor.invalid>`, 'X-Candor-Reference': reference }) as unknown as Record<string, string>,
    })
    .execute();
}

/**
 * Makes a message sent through "Contact a human" an item of the desk's queue (a request of kind
 * `contact`, its topic as category), with its audit event and the acknowledgement to the
 * writer, in one transaction. The event records the topic, never who wrote or what.
 */
export async function receiveContactMessage(db: Kysely<Database>, message: ContactMessage, actor: string, now = new Date()): Promise<{ id: number; reference: string }> {
  return db.transaction().execute(async (trx) => {
    const reference = await drawContactReference(trx, now.getUTCFullYear());
    const [created] = await createRequests(
      trx,
      [
        {
          reference,
          kind: 'contact',
          category: message.topic,
          channel: 'web',
          receivedAt: now,
          requester: { name: message.name, email: message.email, type: null, country: null },
          language: message.language,
          originalText: message.message,
        },
      ],
      actor,
      'contact.received',
    );
    await queueContactAcknowledgement(trx, created!.id, reference, message);
    return created!;
  });
}

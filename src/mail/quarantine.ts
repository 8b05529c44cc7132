import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { QuarantineReason } from './parse-message.ts';

/** Where a message came from and who handed it over. */
export interface MailSource {
  source: 'smtp' | 'import';
  actor: string;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
}

/**
 * Keeps a message that could not become a request or a reply, byte for byte with the reason,
 * for a person to look at; with its audit event, in the caller's transaction. The same bytes
 * still waiting in quarantine are not kept twice (a sender retrying after a lost answer).
 */
export async function quarantineMessage(
  trx: Transaction<Database>,
  raw: Buffer,
  reason: { code: QuarantineReason; detail: string },
  from: MailSource,
): Promise<{ id: number; created: boolean }> {
  const earlier = await trx
    .selectFrom('mail_quarantine')
    .select('id')
    .where('resolved_at', 'is', null)
    .where(sql<number>`octet_length(raw)`, '=', raw.length)
    .where('raw', '=', raw)
    .executeTakeFirst();
  if (earlier) return { id: earlier.id, created: false };
  const row = await trx
    .insertInto('mail_quarantine')
    .values({
      source: from.source,
      reason: `${reason.code}: ${reason.detail}`.replace(/\u0000/g, ''),
      envelope_from: from.envelopeFrom?.replace(/\u0000/g, '') || null,
      envelope_to: (from.envelopeTo ?? []).map((address) => address.replace(/\u0000/g, '')),
      raw,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The payload says why, never who wrote or what: the message itself stays in the quarantine.
  await appendEvent(trx, {
    actor: from.actor,
    action: 'mail.quarantined',
    subjectType: 'mail_quarantine',
    subjectId: row.id,
    payload: { source: from.source, reason: reason.code, size_bytes: raw.length },
  });
  return { id: row.id, created: true };
}

import type { Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import { applyAttachmentLimits } from '../attachments/limits.ts';
import { storeAttachment } from '../attachments/storage.ts';
import type { Database } from '../db/database.ts';
import type { ThreadMatch } from './find-thread.ts';
import type { InboundMessage } from './parse-message.ts';

/**
 * Stores an inbound e-mail with a request: the message (its original bytes unchanged) and its
 * attachments within the limits, and the audit event `request.message_received`, which also
 * records every attachment refused by the limits (they remain in the original bytes), in the
 * caller's transaction. `messageId` is the key the message is known by (its Message-ID).
 */
export async function storeInboundMessage(
  trx: Transaction<Database>,
  request: { id: number; reference: string },
  message: InboundMessage,
  options: { messageId: string; receivedAt: Date; actor: string; source: 'smtp' | 'import'; threadedBy: ThreadMatch | null },
): Promise<{ id: number }> {
  const row = await trx
    .insertInto('request_messages')
    .values({
      request_id: request.id,
      direction: 'inbound',
      message_id: options.messageId,
      in_reply_to: message.inReplyTo.join(' ') || null,
      references: message.references,
      subject: message.subject,
      from_address: message.sender?.address ?? null,
      to_addresses: message.to,
      body_text: message.text,
      raw: message.raw,
      received_at: options.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { kept, refused } = applyAttachmentLimits(message.attachments);
  const stored = [];
  for (const attachment of kept) {
    stored.push(
      await storeAttachment(trx, {
        requestId: request.id,
        messageId: row.id,
        filename: attachment.filename ?? `attachment-${message.attachments.indexOf(attachment) + 1}`,
        declaredType: attachment.declaredType,
        content: attachment.content,
      }),
    );
  }
  // File names may name people: the event records types and sizes only.
  await appendEvent(trx, {
    actor: options.actor,
    action: 'request.message_received',
    subjectType: 'request',
    subjectId: request.id,
    payload: {
      reference: request.reference,
      message: row.id,
      source: options.source,
      threaded_by: options.threadedBy,
      attachments: stored.map((attachment) => ({ id: attachment.id, content_type: attachment.contentType, size_bytes: attachment.sizeBytes })),
      attachments_refused: refused.map((item) => ({ position: item.index + 1, reason: item.reason, size_bytes: item.sizeBytes })),
    },
  });
  return row;
}

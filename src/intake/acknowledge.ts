import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, translator } from '../i18n/translate.ts';
import type { NewRequest } from '../requests/create-requests.ts';

/** The catalog language closest to a requester's language tag (`es-MX` → `es`), or English. */
export function replyLanguage(tag: string | null | undefined): string {
  if (!tag) return DEFAULT_LANGUAGE;
  const lower = tag.toLowerCase();
  if (LANGUAGES.includes(lower)) return lower;
  const base = lower.split('-')[0]!;
  return LANGUAGES.includes(base) ? base : DEFAULT_LANGUAGE;
}

/**
 * Queues the acknowledgement of a new request in the requester's language, in the transaction
 * that stores the request: the request and the promise to answer it commit together. A request
 * without an e-mail address (a letter, an anonymous form) gets its reference on screen only.
 */
export async function queueAcknowledgement(
  trx: Transaction<Database>,
  requestId: number,
  reference: string,
  request: NewRequest,
  /** The message being answered, for a request that came by e-mail: the reply threads under it. */
  answering?: { messageId: string | null; references: string[] },
): Promise<void> {
  const to = request.requester?.email;
  if (!to) return;
  const language = replyLanguage(request.language);
  const t = translator(language);
  const messageId = `<${reference}.${randomBytes(6).toString('hex')}@candor.invalid>`;
  await trx
    .insertInto('outbox')
    .values({
      request_id: requestId,
      to_address: to,
      subject: t('mail-ack-subject', reference),
      body_text: t('mail-ack-body', reference, t(`kind-${request.kind}`)),
      language,
      headers: JSON.stringify({
        'Message-ID': messageId,
        'X-Candor-Reference': reference,
        ...(answering?.messageId
          ? { 'In-Reply-To': answering.messageId, References: [...answering.references, answering.messageId].join(' ') }
          : {}),
      }) as unknown as Record<string, string>,
    })
    .execute();
}

import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { formatIssue, type FieldIssue } from '../errors.ts';
import { DEFAULT_LANGUAGE, translator } from '../i18n/translate.ts';
import { queueAcknowledgement } from '../intake/acknowledge.ts';
import { requestFromInput } from '../intake/request-from-input.ts';
import { createRequests } from '../requests/create-requests.ts';
import { resumeOnAnswer } from '../desk/resume-on-answer.ts';
import { findThread, type ThreadMatch } from './find-thread.ts';
import { requestInputFromMessage, validateEmailInput } from './input-from-message.ts';
import { parseMessage, type InboundMessage, type QuarantineReason } from './parse-message.ts';
import { quarantineMessage, type MailSource } from './quarantine.ts';
import { storeInboundMessage } from './store-message.ts';
import { isUniqueViolation } from '../db/errors.ts';

/** What became of one message; every outcome is committed before it is returned. */
export type Received =
  | { outcome: 'created'; requestId: number; reference: string }
  | { outcome: 'threaded'; requestId: number; reference: string; by: ThreadMatch }
  | { outcome: 'duplicate'; requestId: number; reference: string }
  /** `again` when the same bytes were already waiting in quarantine (nothing new was kept). */
  | { outcome: 'quarantined'; quarantineId: number; reason: QuarantineReason; again: boolean };

export interface ReceiveOptions extends MailSource {
  /** Date an imported message by its Date header (never later than now); SMTP mail is dated on arrival. */
  dateFromHeader?: boolean;
  now?: Date;
}

// Two-key advisory locks live apart from the audit chain's one-key lock.
const MESSAGE_LOCK_CLASS = 7_204_312;

/** Serialises the handling of one message (one Message-ID) across connections and processes. */
export async function lockMessage(trx: Transaction<Database>, key: string): Promise<void> {
  const hash = crypto.createHash('sha256').update(key).digest().readInt32BE(0);
  await sql`SELECT pg_advisory_xact_lock(${MESSAGE_LOCK_CLASS}::int, ${hash}::int)`.execute(trx);
}

/** The key a message is known by: its Message-ID, or for one without, a digest of its bytes. */
export function messageKey(message: InboundMessage): string {
  return message.messageId ?? `<${crypto.createHash('sha256').update(message.raw).digest('hex')}.sha256@candor.invalid>`;
}

async function receiveParsed(trx: Transaction<Database>, message: InboundMessage, options: ReceiveOptions): Promise<Received> {
  const key = messageKey(message);
  await lockMessage(trx, key);
  const earlier = await trx
    .selectFrom('request_messages')
    .innerJoin('requests', 'requests.id', 'request_messages.request_id')
    .select(['requests.id', 'requests.reference'])
    .where('request_messages.message_id', '=', key)
    .executeTakeFirst();
  if (earlier) return { outcome: 'duplicate', requestId: earlier.id, reference: earlier.reference };

  const quarantine = async (code: QuarantineReason, detail: string): Promise<Received> => {
    const { id, created } = await quarantineMessage(trx, message.raw, { code, detail }, options);
    return { outcome: 'quarantined', quarantineId: id, reason: code, again: !created };
  };
  if (!message.sender) return quarantine('no-sender', message.senderProblem ?? 'no usable sender');

  const now = options.now ?? new Date();
  const receivedAt = options.dateFromHeader && message.date && message.date <= now ? message.date : now;
  const thread = await findThread(trx, message);
  if (thread) {
    const request = { id: thread.requestId, reference: thread.reference };
    await storeInboundMessage(trx, request, message, { messageId: key, receivedAt, actor: options.actor, source: options.source, threadedBy: thread.by });
    await resumeOnAnswer(trx, thread.requestId, options.actor, now);
    return { outcome: 'threaded', requestId: thread.requestId, reference: thread.reference, by: thread.by };
  }
  // An auto-reply or a bounce that threads nowhere must not open a request (and be acknowledged: a mail loop).
  const automatic = message.automatic || options.envelopeFrom === '';
  if (automatic) return quarantine('automatic', 'an automatic message (auto-reply or delivery report) that answers no known message');

  const made = await createRequestFromMessage(trx, message, { key, receivedAt, now, actor: options.actor, source: options.source, acknowledge: true });
  if (!made.ok) return quarantine('invalid', made.issues.map(formatIssue).join('; ').slice(0, 1000));
  return { outcome: 'created', requestId: made.requestId, reference: made.reference };
}

/**
 * Makes a new request of a message with the one request schema and its rules: the request
 * (channel `email`), its message kept byte for byte, its attachments, their audit events and
 * (when `acknowledge`) the acknowledgement threaded under the message, all in the caller's
 * transaction. A message the schema refuses is returned with its issues and nothing is written.
 */
export async function createRequestFromMessage(
  trx: Transaction<Database>,
  message: InboundMessage,
  options: { key: string; receivedAt: Date; now: Date; actor: string; source: 'smtp' | 'import'; acknowledge: boolean },
): Promise<{ ok: true; requestId: number; reference: string } | { ok: false; issues: FieldIssue[] }> {
  const input = requestInputFromMessage(message, { receivedAt: options.receivedAt, noText: translator(DEFAULT_LANGUAGE)('mail-no-text') });
  const valid = validateEmailInput(input);
  if (!valid.ok) return { ok: false, issues: valid.issues };
  // The same path as every channel (submitRequests), inside this transaction so that the request,
  // its message, its attachments, their audit events and the acknowledgement commit together.
  const request = { ...requestFromInput(valid.input, 'email', options.now), language: valid.input.language ?? null };
  const [created] = await createRequests(trx, [request], options.actor);
  if (options.acknowledge) {
    await queueAcknowledgement(trx, created!.id, created!.reference, request, { messageId: message.messageId, references: message.references });
  }
  await storeInboundMessage(trx, created!, message, { messageId: options.key, receivedAt: options.receivedAt, actor: options.actor, source: options.source, threadedBy: null });
  return { ok: true, requestId: created!.id, reference: created!.reference };
}

/**
 * Takes one e-mail into the intake, whatever it holds: a new message becomes a request in state
 * `received` (channel `email`) with the message kept byte for byte; a reply is attached to its
 * request; a message seen before (same Message-ID) changes nothing; anything unusable goes to
 * quarantine. Everything one message causes is written in one transaction, committed before
 * this returns, so a caller may acknowledge the message (SMTP 250) as soon as it resolves.
 */
export async function receiveMessage(db: Kysely<Database>, raw: Buffer, options: ReceiveOptions): Promise<Received> {
  const parsed = await parseMessage(raw);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx): Promise<Received> => {
        if (!parsed.ok) {
          await lockMessage(trx, crypto.createHash('sha256').update(raw).digest('hex'));
          const { id, created } = await quarantineMessage(trx, raw, { code: parsed.reason, detail: parsed.detail }, options);
          return { outcome: 'quarantined', quarantineId: id, reason: parsed.reason, again: !created };
        }
        return receiveParsed(trx, parsed.message, options);
      });
    } catch (error) {
      // Stored meanwhile by a writer that did not take the lock: the retry finds it and does nothing.
      if (attempt === 0 && isUniqueViolation(error, 'request_messages_message_id_idx')) continue;
      throw error;
    }
  }
}

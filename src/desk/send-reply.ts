import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { changeRequest } from '../requests/change-request.ts';
import { RequestClosedError, staffActor } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';
import { applyWaitingPause } from './move-request.ts';

export interface ReplyInput {
  language: string;
  subject: string;
  body: string;
  /** The template it started from, for the record. */
  template?: string | null;
  /** Wait for the requester's answer: the request moves to `waiting` and its deadline pauses. */
  waitForAnswer?: boolean;
}

const SUBJECT_MAX = 300;
const BODY_MAX = 20_000;

function checkReply(input: ReplyInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!LANGUAGES.includes(input.language)) issues.push({ field: 'language', message: 'is not a language of the catalogs', code: 'desk-error-language' });
  const subject = input.subject.trim();
  if (!subject) issues.push({ field: 'subject', message: 'is required', code: 'desk-error-subject-empty' });
  else if (subject.length > SUBJECT_MAX || /[\r\n]/.test(subject)) issues.push({ field: 'subject', message: `must be one line of at most ${SUBJECT_MAX} characters`, code: 'desk-error-subject-long', params: [SUBJECT_MAX] });
  const body = input.body.trim();
  if (!body) issues.push({ field: 'body', message: 'is required', code: 'desk-error-body-empty' });
  else if (body.length > BODY_MAX) issues.push({ field: 'body', message: `is longer than ${BODY_MAX} characters`, code: 'desk-error-too-long', params: [BODY_MAX] });
  if (/\{\{\s*[a-z_]+\s*\}\}/.test(`${subject}\n${body}`)) issues.push({ field: 'body', message: 'still holds an unfilled {{placeholder}}', code: 'desk-error-placeholder-left' });
  return issues;
}

/**
 * Queues a reply to the requester in the outbox (sent when SMTP_URL is set, readable by staff
 * either way), threaded under the requester's last message and carrying the reference in its
 * subject so that their answer finds its request (with no message of theirs, under the acknowledgement). Audited; optionally waits for the answer.
 */
export async function sendReply(db: Kysely<Database>, staff: StaffSession, reference: string, input: ReplyInput, now = new Date()): Promise<number> {
  const issues = checkReply(input);
  return db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    if (request.state === 'closed' || request.state === 'withdrawn') throw new RequestClosedError(request.reference);
    if (!request.requester_email) issues.unshift({ field: 'to', message: 'the requester left no e-mail address', code: 'desk-error-no-address' });
    if (issues.length > 0) throw new ValidationError(issues);
    const last = await trx
      .selectFrom('request_messages')
      .select(['message_id', 'references'])
      .where('request_id', '=', request.id)
      .where('direction', '=', 'inbound')
      .where('message_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    // A request that came by web form has no message of its own: the reply threads under the
    // acknowledgement Candor sent, which is what the requester's mail program holds.
    const first = last
      ? undefined
      : await trx
          .selectFrom('outbox')
          .select(sql<string>`headers->>'Message-ID'`.as('message_id'))
          .where('request_id', '=', request.id)
          .where('to_address', '=', request.requester_email!)
          .where(sql<string>`headers->>'Message-ID'`, 'is not', null)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
    const subject = input.subject.trim();
    const messageId = `<${request.reference}.${randomBytes(6).toString('hex')}@candor.invalid>`;
    const headers: Record<string, string> = { 'Message-ID': messageId, 'X-Candor-Reference': request.reference };
    if (last?.message_id) {
      headers['In-Reply-To'] = last.message_id;
      headers.References = [...last.references, last.message_id].join(' ');
    } else if (first?.message_id) {
      headers['In-Reply-To'] = first.message_id;
      headers.References = first.message_id;
    }
    const message = await trx
      .insertInto('outbox')
      .values({
        request_id: request.id,
        to_address: request.requester_email!,
        subject: subject.includes(request.reference) ? subject : `${subject} [${request.reference}]`,
        body_text: input.body.replace(/\r\n/g, '\n').trim(),
        language: input.language,
        headers: JSON.stringify(headers) as unknown as Record<string, string>,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      actor: staffActor(staff),
      action: 'request.reply_queued',
      subjectType: 'request',
      subjectId: request.id,
      payload: { reference: request.reference, outbox_id: message.id, language: input.language, template: input.template ?? null },
    });
    if (input.waitForAnswer && request.state !== 'waiting' && request.state !== 'decided') {
      await applyWaitingPause(trx, request, 'waiting', now);
      await changeRequest(trx, request.id, { state: 'waiting' }, staffActor(staff), 'request.moved.waiting');
    }
    return message.id;
  });
}

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import { staffActor, assertLegalDemand } from './errors.ts';
import { findRequestForStaff } from './find-request.ts';

export interface NotificationInput {
  account: string;
  /** `notify`: mail the account's registered address; `barred`: the law forbids telling them. */
  mode: string;
  email?: string;
  language?: string;
  subject?: string;
  body?: string;
  barredReason?: string;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function check(input: NotificationInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const account = input.account.trim();
  if (!account) issues.push({ field: 'account', message: 'is required', code: 'desk-error-account' });
  else if (account.length > 300) issues.push({ field: 'account', message: 'is longer than 300 characters', code: 'desk-error-too-long', params: [300] });
  if (input.mode === 'notify') {
    if (!input.email || !EMAIL.test(input.email.trim()) || input.email.length > 320) issues.push({ field: 'email', message: 'must be the e-mail address registered with the account', code: 'desk-error-notify-email' });
    if (!input.language || !LANGUAGES.includes(input.language)) issues.push({ field: 'language', message: 'is not a language of the catalogs', code: 'desk-error-language' });
    if (!input.subject?.trim() || /[\r\n]/.test(input.subject) || input.subject.length > 300) issues.push({ field: 'subject', message: 'is required, one line', code: 'desk-error-subject-empty' });
    if (!input.body?.trim()) issues.push({ field: 'body', message: 'is required', code: 'desk-error-body-empty' });
    else if (input.body.length > 20_000) issues.push({ field: 'body', message: 'is longer than 20000 characters', code: 'desk-error-too-long', params: [20_000] });
    if (/\{\{\s*[a-z_]+\s*\}\}/.test(`${input.subject ?? ''}${input.body ?? ''}`)) issues.push({ field: 'body', message: 'still holds an unfilled {{placeholder}}', code: 'desk-error-placeholder-left' });
  } else if (input.mode === 'barred') {
    const reason = input.barredReason?.trim() ?? '';
    if (reason.length < 10) issues.push({ field: 'barred_reason', message: 'say which order or law bars notification, and why', code: 'desk-error-barred-reason' });
    else if (reason.length > 5_000) issues.push({ field: 'barred_reason', message: 'is longer than 5000 characters', code: 'desk-error-too-long', params: [5_000] });
  } else {
    issues.push({ field: 'mode', message: 'choose to notify or to record that notification is barred', code: 'desk-error-notify-mode' });
  }
  return issues;
}

/**
 * Tells a user whose content or account a request targets, at the address registered with their
 * account (queued in the outbox, counted in the request's accounts notified), or records that the
 * law bars telling them and why. One record per account and request; audited without the address.
 */
export async function notifyAffectedUser(db: Kysely<Database>, staff: StaffSession, reference: string, input: NotificationInput): Promise<number> {
  const issues = check(input);
  if (issues.length > 0) throw new ValidationError(issues);
  const account = input.account.trim();
  return db.transaction().execute(async (trx) => {
    const request = await findRequestForStaff(trx, staff, reference, { forUpdate: true });
    assertLegalDemand(request, 'account');
    const already = await trx.selectFrom('request_notifications').select('id').where('request_id', '=', request.id).where('account', '=', account).executeTakeFirst();
    if (already) throw new ValidationError([{ field: 'account', message: 'has already been notified or recorded for this request', code: 'desk-error-notified-already' }]);
    let outboxId: number | null = null;
    if (input.mode === 'notify') {
      const message = await trx
        .insertInto('outbox')
        .values({
          request_id: request.id,
          to_address: input.email!.trim(),
          subject: input.subject!.trim(),
          body_text: input.body!.replace(/\r\n/g, '\n').trim(),
          language: input.language!,
          headers: JSON.stringify({ 'Message-ID': `<${request.reference}.notice.${randomBytes(6).toString('hex')}@candor.invalid>`, 'X-Candor-Reference': request.reference }) as unknown as Record<string, string>,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      outboxId = message.id;
    }
    const row = await trx
      .insertInto('request_notifications')
      .values({ request_id: request.id, account, status: input.mode === 'notify' ? 'queued' : 'barred', outbox_id: outboxId, barred_reason: input.mode === 'barred' ? input.barredReason!.trim() : null, created_by: staff.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.mode === 'notify') {
      await trx.updateTable('requests').set({ accounts_notified: sql`accounts_notified + 1`, updated_at: new Date() }).where('id', '=', request.id).execute();
    }
    await appendEvent(trx, {
      actor: staffActor(staff),
      action: input.mode === 'notify' ? 'request.user_notified' : 'request.notification_barred',
      subjectType: 'request',
      subjectId: request.id,
      payload: { reference: request.reference, notification_id: row.id, outbox_id: outboxId, accounts_notified_from: request.accounts_notified, accounts_notified_to: request.accounts_notified + (input.mode === 'notify' ? 1 : 0) },
    });
    return row.id;
  });
}

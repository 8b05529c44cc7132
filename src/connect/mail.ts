import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { translator } from '../i18n/translate.ts';
import { unsubscribeToken } from './tokens.ts';

/** What a message's links are made from: the site's public address and the unsubscribe key. */
export interface MailLinks {
  publicUrl: string;
  unsubscribeKey: string;
}

/** The messages Connect sends on its own (the newsletter itself carries the same headers). */
export type ConnectMail = { kind: 'confirm'; token: string } | { kind: 'already-subscribed' };

/** The address of a page of Connect in a subscriber's language. */
export function connectUrl(publicUrl: string, language: string, page: 'confirm' | 'unsubscribe', token: string): string {
  return `${publicUrl}/${language}/connect/${page}?token=${encodeURIComponent(token)}`;
}

/**
 * The headers that let a mail program offer "unsubscribe" itself (RFC 2369) and do it with one
 * POST, without opening a page (RFC 8058). The outbox keeps them with the message and delivery
 * hands them to SMTP as they are. (Mailbox providers honour one-click only on mail whose DKIM
 * signature covers these headers: that is the sending relay's part.)
 */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * Queues a message to a subscriber in their language, in the caller's transaction. The name
 * they gave is never repeated in a sign-up's mail: anyone can type anyone's address into the
 * form, and the name field would let them write to that inbox in our name.
 */
export async function queueConnectMail(
  trx: Transaction<Database> | Kysely<Database>,
  subscriber: { id: number; email: string; language: string },
  mail: ConnectMail,
  links: MailLinks,
): Promise<void> {
  const { publicUrl } = links;
  const t = translator(subscriber.language);
  const site = t('site-name');
  const unsubscribe = connectUrl(publicUrl, subscriber.language, 'unsubscribe', unsubscribeToken(links.unsubscribeKey, subscriber.id));
  const { subject, body } =
    mail.kind === 'confirm'
      ? { subject: t('connect-mail-confirm-subject', site), body: t('connect-mail-confirm-body', site, connectUrl(publicUrl, subscriber.language, 'confirm', mail.token), unsubscribe) }
      : { subject: t('connect-mail-already-subject', site), body: t('connect-mail-already-body', site, unsubscribe) };
  await trx
    .insertInto('outbox')
    .values({
      request_id: null,
      assistance_case_id: null,
      subscriber_id: subscriber.id,
      to_address: subscriber.email,
      subject,
      body_text: body,
      language: subscriber.language,
      headers: JSON.stringify({
        'Message-ID': `<connect.${randomBytes(9).toString('hex')}@candor.invalid>`,
        'Auto-Submitted': 'auto-generated',
        ...unsubscribeHeaders(unsubscribe),
      }) as unknown as Record<string, string>,
    })
    .execute();
}

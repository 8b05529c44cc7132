import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { queueConnectMail, type MailLinks } from './mail.ts';
import { CONFIRM_LIFETIME_MS, RESEND_INTERVAL_MS, emailKey, normalizeEmail, type SignUpInput } from './model.ts';
import { hashToken, newConfirmToken, unsubscribeKey } from './tokens.ts';

/**
 * Records a sign-up and queues what the address is owed; returns nothing the caller could show,
 * because the form must answer the same whether the address is new, waiting for confirmation
 * or already subscribed (otherwise the form would tell anyone who reads the newsletter).
 *
 * - new, or pending: a fresh confirmation link (the earlier one stops working), valid 7 days;
 *   a pending sign-up is purged 30 days after the first request, however often it is repeated;
 * - already confirmed: a note saying so, with the unsubscribe link; nothing is changed.
 *
 * Either way the work is one short transaction queuing at most one message, and the mail leaves
 * later from the outbox, so the answer's timing does not tell the cases apart either (no mail
 * server is waited for). A repeat within RESEND_INTERVAL_MS sends nothing more, so the form
 * cannot be used to flood an inbox.
 */
export async function signUp(db: Kysely<Database>, input: SignUpInput, publicUrl: string, now = new Date()): Promise<void> {
  const email = normalizeEmail(input.email);
  const key = emailKey(email);
  const links: MailLinks = { publicUrl, unsubscribeKey: await unsubscribeKey(db) };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('subscribers')
      .values({ email, email_key: key, name: input.name, language: input.language, requested_at: now, created_at: now })
      .onConflict((conflict) => conflict.column('email_key').doNothing())
      .execute();
    const row = await trx.selectFrom('subscribers').selectAll().where('email_key', '=', key).forUpdate().executeTakeFirstOrThrow();
    const recentlyMailed = row.last_mailed_at !== null && now.getTime() - new Date(row.last_mailed_at).getTime() < RESEND_INTERVAL_MS;
    if (row.confirmed_at) {
      if (recentlyMailed) return;
      await trx.updateTable('subscribers').set({ last_mailed_at: now }).where('id', '=', row.id).execute();
      await queueConnectMail(trx, row, { kind: 'already-subscribed' }, links);
      return;
    }
    // Pending: the latest sign-up decides the name and language (the address keeps the spelling
    // it was first given), but the 30 days count from the first: anyone can type anyone's
    // address, and a stranger submitting it again and again must not keep it stored. A link
    // mailed late in those days may outlive the sign-up; signing up after the purge starts afresh.
    const tokenLive = row.confirm_expires_at !== null && new Date(row.confirm_expires_at) > now;
    if (recentlyMailed && tokenLive) {
      await trx.updateTable('subscribers').set({ name: input.name, language: input.language }).where('id', '=', row.id).execute();
      return;
    }
    const token = newConfirmToken();
    await trx
      .updateTable('subscribers')
      .set({
        name: input.name,
        language: input.language,
        confirm_token_hash: hashToken(token),
        confirm_expires_at: new Date(now.getTime() + CONFIRM_LIFETIME_MS),
        last_mailed_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await queueConnectMail(trx, { id: row.id, email: row.email, language: input.language }, { kind: 'confirm', token }, links);
  });
}

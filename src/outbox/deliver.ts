import { sql, type Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/database.ts';

/** How often a message is tried before it is marked failed for a person to look at. */
export const MAX_ATTEMPTS = 8;
const BATCH = 20;

/** Minutes to wait after the n-th failure: 1, 2, 4, … capped at 6 hours. */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360);
}

/**
 * A newsletter message once sent keeps no working link: its confirmation and unsubscribe tokens
 * are what the subscriber alone should hold (only their hashes are stored otherwise), so that a
 * copy of the database, or a backup, confirms and unsubscribes no one.
 */
function withoutLinkTokens(message: { body_text: string; headers: Record<string, string> | null }): { body_text: string; headers: Record<string, string> } {
  const strip = (text: string) => text.replace(/([?&]token=)[^\s&>]+/g, '$1…');
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, strip(String(value))]));
  return { body_text: strip(message.body_text), headers };
}

/**
 * A transport for SMTP_URL (smtp:// or smtps://, user and password in the URL). nodemailer
 * (about 12 MB of memory) is loaded here, so that a server without SMTP_URL never loads it.
 */
export async function smtpTransport(smtpUrl: string): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(smtpUrl);
}

/** How long a claimed message is reserved for the process sending it. */
const LEASE_MS = 5 * 60_000;

/**
 * Sends the pending messages that are due, oldest first, and records each outcome. Messages are
 * claimed by moving their next attempt past a lease (FOR UPDATE SKIP LOCKED), in a transaction of
 * their own: several Candor processes never send the same message, and no transaction (nor the
 * embedded database's single connection) waits on a mail server. A message that fails is retried
 * later with backoff; one whose sender died mid-way is retried when its lease ends. Nothing is dropped.
 */
export async function deliverDue(db: Kysely<Database>, transport: Transporter, from: string, now = new Date()): Promise<{ sent: number; failed: number }> {
  const due = await db
    .updateTable('outbox')
    .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  let sent = 0;
  let failed = 0;
  for (const message of due.sort((a, b) => a.id - b.id)) {
    const headers = { ...(message.headers ?? {}) } as Record<string, string>;
    const messageId = headers['Message-ID'];
    delete headers['Message-ID'];
    try {
      await transport.sendMail({ from, to: message.to_address, subject: message.subject, text: message.body_text, messageId, headers });
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date(), attempts: sql`attempts + 1`, last_error: null, ...(message.subscriber_id !== null ? withoutLinkTokens(message) : {}) })
        .where('id', '=', message.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: String((error as Error).message ?? error).slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          next_attempt_at: new Date(now.getTime() + backoffMinutes(attempts) * 60_000),
        })
        .where('id', '=', message.id)
        .execute();
      failed += 1;
    }
  }
  return { sent, failed };
}

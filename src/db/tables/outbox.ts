import type { Generated, Selectable } from 'kysely';

/**
 * Mail Candor sends: written in the same transaction as what caused it, then delivered through
 * SMTP_URL when it is set; without it, the outbox is where staff read it. Nothing is lost.
 */
export interface OutboxTable {
  id: Generated<number>;
  request_id: number | null;
  /** The legal-help case a message belongs to (its acknowledgement), when it is not about a request. */
  assistance_case_id: number | null;
  /** The newsletter subscriber a message is for; it is deleted with them. */
  subscriber_id: Generated<number | null>;
  to_address: string;
  subject: string;
  body_text: string;
  language: string;
  /** Extra headers (Message-ID, In-Reply-To, References…). */
  headers: Generated<Record<string, string>>;
  status: Generated<'pending' | 'sent' | 'failed' | 'held'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  /** When a pending message may next be tried (backoff after a failure). */
  next_attempt_at: Generated<Date>;
  sent_at: Date | null;
}

export type OutboxRow = Selectable<OutboxTable>;

import type { Generated, Selectable } from 'kysely';

/** A statement of reasons owed to the EU DSA Transparency Database for one decision, and whether it was accepted. */
export interface DsaStatementExportsTable {
  request_id: number;
  puid: string;
  /** The statement as built when it was queued; a resend sends exactly this. */
  statement: unknown;
  state: Generated<'pending' | 'accepted'>;
  attempts: Generated<number>;
  last_error: string | null;
  last_attempt_at: Date | null;
  accepted_at: Date | null;
  created_at: Generated<Date>;
}

export type DsaStatementExportRow = Selectable<DsaStatementExportsTable>;

import type { Insertable, Selectable } from 'kysely';

/**
 * One entry of the append-only, hash-chained audit log. `hash` covers this row's fields and
 * `prev_hash`, so altering, deleting or reordering any row breaks the chain.
 */
export interface AuditEventsTable {
  id: number;
  occurred_at: Date;
  /** Who acted: `cli`, `system`, `user:ID`, `token:ID`. */
  actor: string;
  /** What happened, e.g. `request.created`, `request.decided`. */
  action: string;
  subject_type: string;
  subject_id: number | null;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;

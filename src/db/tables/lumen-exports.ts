import type { Generated } from 'kysely';

/** A published notice's delivery to Lumen: sent (with where Lumen filed it) or failed (retried next run). */
export interface LumenExportsTable {
  notice_id: number;
  state: 'sent' | 'failed';
  attempts: Generated<number>;
  location: string | null;
  last_error: string | null;
  updated_at: Generated<Date>;
}

import type { Generated } from 'kysely';

/** How many months each kind of record keeps its personal data after its matter is finished. */
export interface RetentionPeriodsTable {
  record_kind: string;
  months: number | null;
  updated_at: Generated<Date>;
  updated_by: string;
}

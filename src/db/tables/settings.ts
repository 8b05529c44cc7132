import type { Generated } from 'kysely';

/** Values Candor generates once and keeps (secrets for keyed hashes and proofs of work). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

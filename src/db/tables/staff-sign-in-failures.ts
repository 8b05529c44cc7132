import type { Generated } from 'kysely';

/** One failed sign-in or second-factor check, counted against its bucket for an hour. */
export interface StaffSignInFailuresTable {
  id: Generated<number>;
  /** `account:` or `address:` followed by a keyed hash; never the e-mail or client address itself. */
  bucket: string;
  failed_at: Generated<Date>;
}

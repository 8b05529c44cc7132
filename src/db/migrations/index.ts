import type { Migration } from 'kysely';
import * as requestsAndAudit from './20261124080000-requests-and-audit.ts';
import * as intake from './20261124120000-intake.ts';
import * as mailAndForms from './20261124130000-mail-and-forms.ts';
import * as outboxRetries from './20261124140000-outbox-retries.ts';
import * as staffAccounts from './20261201090000-staff-accounts.ts';
import * as staffSignInFailures from './20261201100000-staff-sign-in-failures.ts';

/**
 * Every migration this build knows, by timestamped name. Forward-only: a migration, once
 * released, is never edited; a change is a new entry.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261124080000-requests-and-audit': requestsAndAudit,
  '20261124120000-intake': intake,
  '20261124130000-mail-and-forms': mailAndForms,
  '20261124140000-outbox-retries': outboxRetries,
  '20261201090000-staff-accounts': staffAccounts,
  '20261201100000-staff-sign-in-failures': staffSignInFailures,
};

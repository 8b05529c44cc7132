import type { Migration } from 'kysely';
import * as requestsAndAudit from './20261124080000-requests-and-audit.ts';
import * as intake from './20261124120000-intake.ts';
import * as mailAndForms from './20261124130000-mail-and-forms.ts';
import * as outboxRetries from './20261124140000-outbox-retries.ts';
import * as staffAccounts from './20261201090000-staff-accounts.ts';
import * as desk from './20261201100000-desk.ts';
import * as replyTemplates from './20261201100100-reply-templates.ts';
import * as records from './20261201100200-records.ts';
import * as assistanceCases from './20261201103000-assistance-cases.ts';
import * as publicNotices from './20261201104200-public-notices.ts';
import * as lumenExports from './20261201110000-lumen-exports.ts';
import * as retention from './20261201120500-retention.ts';
import * as publicNoticeFacets from './20261201130000-public-notice-facets.ts';
import * as publicNoticesByYear from './20261201130100-public-notices-by-year.ts';
import * as requestProjects from './20261201130200-request-projects.ts';
import * as auditHashUnindexed from './20261201140000-audit-hash-unindexed.ts';
import * as subscribersFirstRequest from './20261201150000-subscribers-first-request.ts';
import * as publicNoticeFacetsByStatement from './20261202090000-public-notice-facets-by-statement.ts';
import * as staffSignInFailures from './20261201100300-staff-sign-in-failures.ts';
import * as exportsState from './20261201104000-exports.ts';
import * as transparencySnapshots from './20261201104100-transparency-snapshots.ts';
import * as mediaLibrary from './20261201120300-media-library.ts';
import * as awarenessSurveys from './20261201120301-awareness-surveys.ts';
import * as connectSubscribers from './20261201120100-connect-subscribers.ts';
import * as news from './20261201120000-news.ts';
import * as contactMessages from './20261201120200-contact-messages.ts';
import * as elsewhere from './20261201120201-elsewhere.ts';

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
  '20261201100000-desk': desk,
  '20261201100100-reply-templates': replyTemplates,
  '20261201100200-records': records,
  '20261201100300-staff-sign-in-failures': staffSignInFailures,
  '20261201103000-assistance-cases': assistanceCases,
  '20261201104000-exports': exportsState,
  '20261201104100-transparency-snapshots': transparencySnapshots,
  '20261201104200-public-notices': publicNotices,
  '20261201110000-lumen-exports': lumenExports,
  '20261201120000-news': news,
  '20261201120100-connect-subscribers': connectSubscribers,
  '20261201120200-contact-messages': contactMessages,
  '20261201120201-elsewhere': elsewhere,
  '20261201120300-media-library': mediaLibrary,
  '20261201120301-awareness-surveys': awarenessSurveys,
  '20261201120500-retention': retention,
  '20261201130000-public-notice-facets': publicNoticeFacets,
  '20261201130100-public-notices-by-year': publicNoticesByYear,
  '20261201130200-request-projects': requestProjects,
  '20261201140000-audit-hash-unindexed': auditHashUnindexed,
  '20261201150000-subscribers-first-request': subscribersFirstRequest,
  '20261202090000-public-notice-facets-by-statement': publicNoticeFacetsByStatement,
};

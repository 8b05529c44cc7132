import type { ApiTokensTable } from './tables/api-tokens.ts';
import type { LumenExportsTable } from './tables/lumen-exports.ts';
import type { KindDeadlinesTable, ReplyTemplatesTable, RequestEvaluationsTable, RequestNotesTable, RequestNotificationsTable } from './tables/desk.ts';
import type { AssistanceCaseRequestsTable, AssistanceCasesTable } from './tables/assistance-cases.ts';
import type { AuditEventsTable } from './tables/audit-events.ts';
import type { DsaStatementExportsTable } from './tables/dsa-statement-exports.ts';
import type { MailQuarantineTable } from './tables/mail-quarantine.ts';
import type { OutboxTable } from './tables/outbox.ts';
import type { PublicNoticesTable } from './tables/public-notices.ts';
import type { RateLimitsTable } from './tables/rate-limits.ts';
import type { RequestAttachmentsTable } from './tables/request-attachments.ts';
import type { RequestMessagesTable } from './tables/request-messages.ts';
import type { RequestPartiesTable } from './tables/request-parties.ts';
import type { RequestTargetsTable } from './tables/request-targets.ts';
import type { RequestsTable } from './tables/requests.ts';
import type { SettingsTable } from './tables/settings.ts';
import type { StaffSignInFailuresTable } from './tables/staff-sign-in-failures.ts';
import type { TransparencySnapshotsTable } from './tables/transparency-snapshots.ts';
import type { StaffSessionsTable, StaffSignInLinksTable, StaffUsersTable } from './tables/staff-users.ts';

/** Every table Candor owns, as Kysely sees them. */
export interface Database {
  requests: RequestsTable;
  request_parties: RequestPartiesTable;
  request_targets: RequestTargetsTable;
  request_attachments: RequestAttachmentsTable;
  audit_events: AuditEventsTable;
  api_tokens: ApiTokensTable;
  outbox: OutboxTable;
  request_messages: RequestMessagesTable;
  mail_quarantine: MailQuarantineTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  staff_users: StaffUsersTable;
  staff_sign_in_links: StaffSignInLinksTable;
  staff_sessions: StaffSessionsTable;
  kind_deadlines: KindDeadlinesTable;
  request_notes: RequestNotesTable;
  request_evaluations: RequestEvaluationsTable;
  reply_templates: ReplyTemplatesTable;
  request_notifications: RequestNotificationsTable;
  assistance_cases: AssistanceCasesTable;
  assistance_case_requests: AssistanceCaseRequestsTable;
  staff_sign_in_failures: StaffSignInFailuresTable;
  dsa_statement_exports: DsaStatementExportsTable;
  transparency_snapshots: TransparencySnapshotsTable;
  public_notices: PublicNoticesTable;
  lumen_exports: LumenExportsTable;
}

import type { ColumnType, Generated, Selectable } from 'kysely';

export type NoticeState = 'draft' | 'published' | 'withdrawn';

/**
 * The redacted public copy of a decided request. `title`, `body` and `targets` have been through
 * the redaction pipeline; `not_actioned_urls` (staff's marks) never leaves the console.
 */
export interface PublicNoticesTable {
  id: Generated<number>;
  request_id: number;
  reference: string;
  state: Generated<NoticeState>;
  title: string;
  body: string;
  /** The targets as the public sees them: a URL, or a marker in its place. */
  targets: Generated<string[]>;
  not_actioned_urls: Generated<string[]>;
  requester_type: string | null;
  /** Only when the requester is not a private individual. */
  requester_organization: string | null;
  kind: string;
  category: string | null;
  country: string | null;
  projects: Generated<string[]>;
  outcome: string;
  received_at: Date;
  decided_at: Date | null;
  /** Title and body folded for accent-insensitive search (written with them). */
  folded: string;
  /** Maintained by the database from title, body and folded (a stored generated column). */
  search: ColumnType<string, never, never>;
  edited_at: Date | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  reviewed_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type PublicNoticeRow = Selectable<PublicNoticesTable>;

import type { Generated, Selectable } from 'kysely';

/** A sister site's RSS or Atom feed, and how its last fetch went. */
export interface ElsewhereFeedsTable {
  id: Generated<number>;
  name: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: Date | null;
  last_status: 'ok' | 'not_modified' | 'error' | null;
  last_error: string | null;
  claimed_until: Date | null;
  created_at: Generated<Date>;
}

/** A link gathered from a feed: only its title (plain text), address and date are kept. */
export interface ElsewhereItemsTable {
  id: Generated<number>;
  feed_id: number;
  link: string;
  title: string;
  published_at: Date | null;
  fetched_at: Date;
}

export type ElsewhereFeedRow = Selectable<ElsewhereFeedsTable>;

import type { Generated, Insertable, Selectable } from 'kysely';
import type { TargetType } from '../../requests/model.ts';

/** What a request asks about: a page, revision or file by URL, a user account, or only a project. */
export interface RequestTargetsTable {
  id: Generated<number>;
  request_id: number;
  target_type: TargetType;
  url: string | null;
  /** The host of the project, e.g. `en.wikipedia.org`, derived from the URL when there is one. */
  project: string | null;
  account: string | null;
}

export type TargetRow = Selectable<RequestTargetsTable>;
export type NewTargetRow = Insertable<RequestTargetsTable>;

import type { Generated, Selectable } from 'kysely';

/** A bearer token for the JSON API. Only the SHA-256 of the secret is kept; the secret is shown once. */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  scope: 'submit' | 'read';
  token_hash: string;
  /** The first characters of the token, so that staff can tell tokens apart without the secret. */
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type ApiTokenRow = Selectable<ApiTokensTable>;

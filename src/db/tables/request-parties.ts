import type { Generated, Insertable, Selectable } from 'kysely';
import type { PartyRole } from '../../requests/model.ts';

/** A person or body a request names, in the roles Lumen uses (sender, principal, agent, recipient). */
export interface RequestPartiesTable {
  id: Generated<number>;
  request_id: number;
  role: PartyRole;
  name: string | null;
  organization: string | null;
  email: string | null;
  address: string | null;
  country: string | null;
}

export type PartyRow = Selectable<RequestPartiesTable>;
export type NewPartyRow = Insertable<RequestPartiesTable>;

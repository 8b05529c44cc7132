import type { Generated, Selectable } from 'kysely';

/** A message that could not be turned into a request or a reply: kept whole for a person to look at. */
export interface MailQuarantineTable {
  id: Generated<number>;
  source: 'smtp' | 'import';
  reason: string;
  envelope_from: string | null;
  envelope_to: Generated<string[]>;
  raw: Buffer;
  received_at: Generated<Date>;
  resolved_at: Date | null;
  /** How a person resolved it: filed as a new request, or dismissed. */
  resolution: 'filed' | 'dismissed' | null;
  /** Why it was dismissed, in the words of the member of staff. */
  resolution_note: string | null;
  /** The actor who resolved it (`user:ID`). */
  resolved_by: string | null;
  /** The request it was filed as. */
  request_id: number | null;
  /** When retention replaced its personal data; NULL while it is kept. */
  anonymised_at: Generated<Date | null>;
}

export type QuarantineRow = Selectable<MailQuarantineTable>;

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
}

export type QuarantineRow = Selectable<MailQuarantineTable>;

import type { Generated, Selectable } from 'kysely';

/** An e-mail that belongs to a request, in or out; inbound ones keep their raw bytes as received. */
export interface RequestMessagesTable {
  id: Generated<number>;
  request_id: number;
  direction: 'inbound' | 'outbound';
  message_id: string | null;
  in_reply_to: string | null;
  references: Generated<string[]>;
  subject: string | null;
  from_address: string | null;
  to_addresses: Generated<string[]>;
  body_text: string | null;
  raw: Buffer | null;
  received_at: Generated<Date>;
}

export type RequestMessageRow = Selectable<RequestMessagesTable>;

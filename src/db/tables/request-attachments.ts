import type { Generated, Insertable, Selectable } from 'kysely';

/** A file that came with a request (a scanned order, a screenshot), kept byte for byte. */
export interface RequestAttachmentsTable {
  id: Generated<number>;
  request_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Generated<Date>;
}

export type AttachmentRow = Selectable<RequestAttachmentsTable>;
export type NewAttachmentRow = Insertable<RequestAttachmentsTable>;

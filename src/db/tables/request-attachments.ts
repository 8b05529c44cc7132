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
  /** The e-mail it came with, if any. */
  message_id: number | null;
  /** Where the bytes live; only 'database' so far, behind src/attachments/storage.ts. */
  storage: Generated<'database'>;
  created_at: Generated<Date>;
}

export type AttachmentRow = Selectable<RequestAttachmentsTable>;
export type NewAttachmentRow = Insertable<RequestAttachmentsTable>;

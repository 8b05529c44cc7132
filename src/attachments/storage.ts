import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { sniffContentType } from './sniff.ts';

/**
 * Where attachments' bytes live. Only the database so far (the `storage` column says
 * 'database'); an object store would add a value there and a branch here, and every channel
 * keeps calling the same two functions.
 */

/** A file to keep with a request, as a channel received it. */
export interface AttachmentToStore {
  requestId: number;
  /** The e-mail it came with (request_messages.id), if any. */
  messageId?: number | null;
  filename?: string | null;
  /** The type the sender declared: used only to refuse rendering, never to trust the bytes. */
  declaredType?: string | null;
  content: Buffer;
}

/** What was stored: the type judged from the bytes, the size and the digest. */
export interface StoredAttachment {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

const MAX_FILENAME = 255;

/** A file name safe to show and to offer for download: no path, no control characters, not empty. */
export function safeFilename(name: string | null | undefined, fallback = 'attachment'): string {
  // Separators become underscores (a name such as "Order 12/2026.pdf" keeps its meaning, and
  // can never name a path); leading dots go, so that nothing is hidden or relative.
  const base = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\/]/g, '_').trim().replace(/^[.\s]+/, '');
  const cut = [...base].slice(0, MAX_FILENAME).join('');
  return cut || fallback;
}

/** Stores one attachment in the caller's transaction, typed by its content. */
export async function storeAttachment(trx: Transaction<Database>, attachment: AttachmentToStore): Promise<StoredAttachment> {
  const filename = safeFilename(attachment.filename);
  const contentType = sniffContentType(attachment.content, { declaredType: attachment.declaredType, filename });
  const sha256 = crypto.createHash('sha256').update(attachment.content).digest('hex');
  const row = await trx
    .insertInto('request_attachments')
    .values({
      request_id: attachment.requestId,
      message_id: attachment.messageId ?? null,
      filename,
      content_type: contentType,
      size_bytes: attachment.content.length,
      sha256,
      content: attachment.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, filename, contentType, sizeBytes: attachment.content.length, sha256 };
}

/** Reads one attachment's bytes and the type to serve them as (always as a download). */
export async function readAttachment(
  db: Kysely<Database> | Transaction<Database>,
  id: number,
): Promise<{ filename: string; contentType: string; content: Buffer } | undefined> {
  const row = await db.selectFrom('request_attachments').select(['filename', 'content_type', 'content']).where('id', '=', id).executeTakeFirst();
  return row && { filename: row.filename, contentType: row.content_type, content: row.content };
}

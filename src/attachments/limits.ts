/** How many attachments one submission may bring, and how large each may be. */
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attachment left out, by position, with why; recorded in the audit log, never silently dropped. */
export interface RefusedAttachment {
  index: number;
  reason: 'too_large' | 'too_many';
  sizeBytes: number;
}

/**
 * Splits a submission's attachments into those kept and those refused: each over the size
 * limit is refused, and of the others only the first MAX_ATTACHMENTS are kept.
 */
export function applyAttachmentLimits<T extends { size: number }>(
  attachments: readonly T[],
  limits: { count: number; bytes: number } = { count: MAX_ATTACHMENTS, bytes: MAX_ATTACHMENT_BYTES },
): { kept: T[]; refused: RefusedAttachment[] } {
  const kept: T[] = [];
  const refused: RefusedAttachment[] = [];
  attachments.forEach((attachment, index) => {
    if (attachment.size > limits.bytes) refused.push({ index, reason: 'too_large', sizeBytes: attachment.size });
    else if (kept.length >= limits.count) refused.push({ index, reason: 'too_many', sizeBytes: attachment.size });
    else kept.push(attachment);
  });
  return { kept, refused };
}

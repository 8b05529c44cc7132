import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyAttachmentLimits, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './limits.ts';

describe('applyAttachmentLimits', () => {
  it('keeps at most 20 attachments of at most 10 MB each and names every one it refuses', () => {
    assert.equal(MAX_ATTACHMENTS, 20);
    assert.equal(MAX_ATTACHMENT_BYTES, 10 * 1024 * 1024);
    const sizes = [5, MAX_ATTACHMENT_BYTES + 1, ...Array.from({ length: 21 }, () => 1)];
    const { kept, refused } = applyAttachmentLimits(sizes.map((size, i) => ({ size, i })));
    assert.equal(kept.length, 20);
    assert.deepEqual(kept.map((item) => item.i), [0, ...Array.from({ length: 19 }, (_, i) => i + 2)]);
    assert.deepEqual(refused, [
      { index: 1, reason: 'too_large', sizeBytes: MAX_ATTACHMENT_BYTES + 1 },
      { index: 21, reason: 'too_many', sizeBytes: 1 },
      { index: 22, reason: 'too_many', sizeBytes: 1 },
    ]);
  });

  it('keeps an attachment of exactly the limit', () => {
    assert.equal(applyAttachmentLimits([{ size: MAX_ATTACHMENT_BYTES }]).kept.length, 1);
  });
});

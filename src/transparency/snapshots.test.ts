import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TransparencyReport } from './report-shape.ts';
import { sealReport } from './snapshots.ts';

describe('sealReport', () => {
  it('hashes the canonical text, whatever the order the keys came in', () => {
    const one = { period: { id: '2025', start: '2025-01-01', end: '2025-12-31' }, preservation: { received: 2 } } as unknown as TransparencyReport;
    const other = { preservation: { received: 2 }, period: { end: '2025-12-31', start: '2025-01-01', id: '2025' } } as unknown as TransparencyReport;
    const sealed = sealReport(one);
    assert.equal(sealed.text, '{"period":{"end":"2025-12-31","id":"2025","start":"2025-01-01"},"preservation":{"received":2}}');
    assert.equal(sealed.sha256, createHash('sha256').update(sealed.text).digest('hex'));
    assert.deepEqual(sealReport(other), sealed);
    assert.notEqual(sealReport({ ...one, preservation: { received: 3 } }).sha256, sealed.sha256);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineStatus } from './deadlines.ts';

describe('deadlineStatus', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);

  it('is overdue past the deadline and none once the request is no longer open', () => {
    assert.equal(deadlineStatus(inHours(-1), 336, true, now), 'overdue');
    assert.equal(deadlineStatus(inHours(-1), 336, false, now), 'none');
  });

  it('warns within the last fifth of a long deadline', () => {
    // 14 days: the last 2.8 days (67.2 hours) are "soon".
    assert.equal(deadlineStatus(inHours(67), 336, true, now), 'soon');
    assert.equal(deadlineStatus(inHours(68), 336, true, now), 'ok');
  });

  it('warns within the last day of a short deadline', () => {
    assert.equal(deadlineStatus(inHours(23), 24, true, now), 'soon');
    assert.equal(deadlineStatus(inHours(25), 48, true, now), 'ok');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePeriod } from './period.ts';
import { isComplete, lastFullYear, periodsBetween, previousPeriod } from './periods.ts';

describe('previousPeriod', () => {
  it('steps back by the same length', () => {
    assert.equal(previousPeriod(parsePeriod('2026-H1')).id, '2025-H2');
    assert.equal(previousPeriod(parsePeriod('2026-H2')).id, '2026-H1');
    assert.equal(previousPeriod(parsePeriod('2026')).id, '2025');
  });
});

describe('periodsBetween', () => {
  it('lists years and begun half-years, newest first', () => {
    const ids = periodsBetween(new Date('2024-09-10T00:00:00Z'), new Date('2026-03-02T00:00:00Z')).map((period) => period.id);
    assert.deepEqual(ids, ['2026', '2026-H1', '2025', '2025-H2', '2025-H1', '2024', '2024-H2']);
  });

  it('has one year and one half when everything is in one half', () => {
    const ids = periodsBetween(new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z')).map((period) => period.id);
    assert.deepEqual(ids, ['2026', '2026-H2']);
  });
});

describe('isComplete and lastFullYear', () => {
  it('knows a period is over only once its last day has passed', () => {
    assert.equal(isComplete(parsePeriod('2026-H1'), new Date('2026-06-30T23:59:59Z')), false);
    assert.equal(isComplete(parsePeriod('2026-H1'), new Date('2026-07-01T00:00:00Z')), true);
    assert.equal(lastFullYear(new Date('2026-12-01T00:00:00Z')).id, '2025');
  });
});

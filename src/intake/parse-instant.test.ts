import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInstant } from './parse-instant.ts';

/** The instant parsed, as an ISO string in UTC, or undefined. */
const iso = (value: string) => parseInstant(value)?.toISOString();

describe('parseInstant', () => {
  it('reads a date as midnight UTC', () => {
    assert.equal(iso('2026-03-31'), '2026-03-31T00:00:00.000Z');
    assert.equal(iso('2024-02-29'), '2024-02-29T00:00:00.000Z', 'a leap day');
    assert.equal(iso('2025-12-31'), '2025-12-31T00:00:00.000Z');
  });

  it('reads a time in UTC (Z), with or without seconds, T or a space, in either case', () => {
    assert.equal(iso('2026-03-31T14:05Z'), '2026-03-31T14:05:00.000Z');
    assert.equal(iso('2026-03-31T14:05:09Z'), '2026-03-31T14:05:09.000Z');
    assert.equal(iso('2026-03-31 14:05:09Z'), '2026-03-31T14:05:09.000Z');
    assert.equal(iso('2026-03-31t14:05:09z'), '2026-03-31T14:05:09.000Z');
  });

  it('takes a time without a zone as UTC', () => {
    assert.equal(iso('2026-03-31T14:05:09'), '2026-03-31T14:05:09.000Z');
    assert.equal(iso('2026-03-31T14:05'), '2026-03-31T14:05:00.000Z');
  });

  it('applies offsets, with or without a colon or minutes', () => {
    assert.equal(iso('2026-03-31T14:05:00+02:00'), '2026-03-31T12:05:00.000Z');
    assert.equal(iso('2026-03-31T14:05:00+0200'), '2026-03-31T12:05:00.000Z');
    assert.equal(iso('2026-03-31T14:05:00+02'), '2026-03-31T12:05:00.000Z');
    assert.equal(iso('2026-03-31T14:05:00-05:30'), '2026-03-31T19:35:00.000Z');
    assert.equal(iso('2026-03-31T14:05:00+00:00'), '2026-03-31T14:05:00.000Z');
    assert.equal(iso('2026-03-31T14:05:00-00:00'), '2026-03-31T14:05:00.000Z');
  });

  it('moves an instant across a day, month and year boundary with its offset', () => {
    assert.equal(iso('2025-06-30T23:30:00-02:00'), '2025-07-01T01:30:00.000Z');
    assert.equal(iso('2026-01-01T00:30:00+01:00'), '2025-12-31T23:30:00.000Z');
    assert.equal(iso('2025-12-31T23:00:00-14:00'), '2026-01-01T13:00:00.000Z');
  });

  it('keeps fractional seconds to the millisecond', () => {
    assert.equal(iso('2026-03-31T14:05:09.1Z'), '2026-03-31T14:05:09.100Z');
    assert.equal(iso('2026-03-31T14:05:09.12Z'), '2026-03-31T14:05:09.120Z');
    assert.equal(iso('2026-03-31T14:05:09.123Z'), '2026-03-31T14:05:09.123Z');
    assert.equal(iso('2026-03-31T14:05:09.123456789+01:00'), '2026-03-31T13:05:09.123Z', 'truncated, not rounded');
    assert.equal(iso('2026-03-31T14:05:09.999999Z'), '2026-03-31T14:05:09.999Z');
  });

  it('rejects impossible dates', () => {
    for (const value of ['2025-02-29', '2025-02-30', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-01-32']) {
      assert.equal(parseInstant(value), undefined, value);
    }
  });

  it('rejects impossible times and offsets', () => {
    for (const value of [
      '2026-03-31T24:00:00Z',
      '2026-03-31T12:60:00Z',
      '2026-03-31T12:00:60Z',
      '2026-03-31T12:00:00+24:00',
      '2026-03-31T12:00:00+02:60',
    ]) {
      assert.equal(parseInstant(value), undefined, value);
    }
  });

  it('rejects anything that is not an ISO 8601 date or time', () => {
    for (const value of [
      '',
      'yesterday',
      '31/03/2026',
      '03/31/2026',
      '2026-3-31',
      '20260331',
      '2026-03',
      '2026',
      ' 2026-03-31',
      '2026-03-31 ',
      '2026-03-31T',
      '2026-03-31T14',
      '2026-03-31T14:05:09.Z',
      '2026-03-31T14:05:09.1234567890Z',
      '2026-03-31Z',
      '2026-03-31T14:05:09+2',
      '2026-03-31T14:05:09 +02:00',
      'Tue, 31 Mar 2026 14:05:09 GMT',
      '1774965909',
    ]) {
      assert.equal(parseInstant(value), undefined, JSON.stringify(value));
    }
  });
});

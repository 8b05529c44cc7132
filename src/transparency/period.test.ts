import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors.ts';
import { InvalidPeriodError, parsePeriod } from './period.ts';

/** A period as plain values, the instants as ISO strings. */
function plain(input: string) {
  const period = parsePeriod(input);
  return { ...period, from: period.from.toISOString(), until: period.until.toISOString() };
}

describe('parsePeriod', () => {
  it('reads a year: 1 January to 31 December, up to the next year', () => {
    assert.deepEqual(plain('2017'), {
      id: '2017',
      start: '2017-01-01',
      end: '2017-12-31',
      from: '2017-01-01T00:00:00.000Z',
      until: '2018-01-01T00:00:00.000Z',
    });
  });

  it('reads the first half-year: 1 January to 30 June, up to 1 July', () => {
    assert.deepEqual(plain('2017-H1'), {
      id: '2017-H1',
      start: '2017-01-01',
      end: '2017-06-30',
      from: '2017-01-01T00:00:00.000Z',
      until: '2017-07-01T00:00:00.000Z',
    });
  });

  it('reads the second half-year: 1 July to 31 December, up to the next year', () => {
    assert.deepEqual(plain('2017-H2'), {
      id: '2017-H2',
      start: '2017-07-01',
      end: '2017-12-31',
      from: '2017-07-01T00:00:00.000Z',
      until: '2018-01-01T00:00:00.000Z',
    });
  });

  it('is the same in a leap year, whatever the length of February', () => {
    assert.deepEqual(plain('2024-H1'), {
      id: '2024-H1',
      start: '2024-01-01',
      end: '2024-06-30',
      from: '2024-01-01T00:00:00.000Z',
      until: '2024-07-01T00:00:00.000Z',
    });
  });

  it('makes the two halves of a year meet without a gap, and together cover the year', () => {
    const year = parsePeriod('2025');
    const h1 = parsePeriod('2025-H1');
    const h2 = parsePeriod('2025-H2');
    assert.equal(h1.from.getTime(), year.from.getTime());
    assert.equal(h1.until.getTime(), h2.from.getTime());
    assert.equal(h2.until.getTime(), year.until.getTime());
  });

  it('rejects anything else with InvalidPeriodError, naming the input', () => {
    for (const input of ['2017-H3', '2017-H0', '17', '2017-h1', '2017-h2', '', '2017-01', '2017-Q1', 'H1-2017', ' 2017', '2017 ', '2017-H1 ', '20170', 'last-year', '1969']) {
      assert.throws(
        () => parsePeriod(input),
        (error: unknown) => {
          assert.ok(error instanceof InvalidPeriodError, `${JSON.stringify(input)} raises InvalidPeriodError`);
          assert.ok(error instanceof DomainError, 'a domain error, so that the edges map it');
          assert.equal(error.input, input);
          assert.equal(error.code, 'error-invalid-period');
          assert.deepEqual(error.params, [input]);
          assert.equal(
            error.message,
            `"${input}" is not a reporting period; use a year such as 2026 or a half-year such as 2026-H1 or 2026-H2`,
          );
          return true;
        },
      );
    }
  });
});

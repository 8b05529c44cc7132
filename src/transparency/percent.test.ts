import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatPercent, percentTenths } from './percent.ts';

describe('percentTenths', () => {
  it('rounds a share that lies exactly halfway up', () => {
    assert.equal(percentTenths(1, 8), 125); // 12.5 % exactly
    assert.equal(percentTenths(1, 16), 63); // 6.25 % → 6.3 %
    assert.equal(percentTenths(3, 16), 188); // 18.75 % → 18.8 %
    assert.equal(percentTenths(1, 2000), 1); // 0.05 % → 0.1 %
    assert.equal(percentTenths(1, 400), 3); // 0.25 % → 0.3 %
    assert.equal(percentTenths(7, 400), 18); // 1.75 % → 1.8 %
    assert.equal(percentTenths(1, 80), 13); // 1.25 % → 1.3 %
    assert.equal(percentTenths(21, 16000), 1); // 0.13125 % → 0.1 %
  });

  it('rounds below halfway down and above it up', () => {
    assert.equal(percentTenths(1, 3), 333); // 33.33… %
    assert.equal(percentTenths(2, 3), 667); // 66.66… %
    assert.equal(percentTenths(1, 2001), 0); // 0.0499… %
    assert.equal(percentTenths(1, 1999), 1); // 0.0500… %
    assert.equal(percentTenths(1, 7), 143); // 14.28… %
  });

  it('gives the ends exactly, and nothing for an empty whole', () => {
    assert.equal(percentTenths(0, 5), 0);
    assert.equal(percentTenths(5, 5), 1000);
    assert.equal(percentTenths(0, 0), null);
    assert.throws(() => percentTenths(-1, 5), RangeError);
    assert.throws(() => percentTenths(1.5, 5), RangeError);
  });

  it('agrees with exact rational rounding for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (whole, raw) => {
        const part = raw % (whole + 1);
        const tenths = percentTenths(part, whole)!;
        // Half up: t is the integer with t − ½ ≤ 1000·part/whole < t + ½.
        const twice = 2000n * BigInt(part);
        const w = BigInt(whole);
        const t = BigInt(tenths);
        assert.ok(2n * t * w <= twice + w, 'not rounded above');
        assert.ok(twice + w < 2n * (t + 1n) * w, 'not rounded below');
      }),
    );
  });
});

describe('formatPercent', () => {
  it('writes one decimal in the language of the page', () => {
    assert.equal(formatPercent(1, 8, 'en'), '12.5%');
    assert.equal(formatPercent(1, 16, 'en'), '6.3%');
    assert.equal(formatPercent(0, 4, 'en'), '0.0%');
    assert.equal(formatPercent(4, 4, 'en'), '100.0%');
    assert.equal(formatPercent(1, 8, 'es'), '12,5\u00a0%');
    assert.match(formatPercent(1, 8, 'ar')!, /12[.٫]5|١٢٫٥/);
    assert.equal(formatPercent(1, 0, 'en'), null);
  });
});

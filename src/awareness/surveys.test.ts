import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors.ts';
import { readSurveyInput } from './surveys.ts';

const now = new Date('2026-12-01T00:00:00Z');

function codes(fields: Record<string, string>): string[] {
  try {
    readSurveyInput(fields, now);
    return [];
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return error.issues.map((issue) => `${issue.field}:${issue.code}`);
  }
}

describe('a survey result from the console’s form', () => {
  it('keeps the share in tenths, with a point or a comma', () => {
    assert.deepEqual(readSurveyInput({ country: 'de', year: '2025', share: '47.3', sample_size: '1 204', source: ' Panel ' }, now), { country: 'DE', year: 2025, shareTenths: 473, sampleSize: 1204, source: 'Panel' });
    assert.equal(readSurveyInput({ country: 'BR', year: '2024', share: '100' }, now).shareTenths, 1000);
    assert.equal(readSurveyInput({ country: 'BR', year: '2024', share: '0,5 %' }, now).shareTenths, 5);
    assert.equal(readSurveyInput({ country: 'BR', year: '2024', share: '12' }, now).sampleSize, null);
  });

  it('refuses what it cannot store exactly', () => {
    assert.deepEqual(codes({}), ['country:awareness-error-required', 'year:awareness-error-required', 'share:awareness-error-required']);
    assert.deepEqual(codes({ country: 'XX', year: '2027', share: '100.1' }), ['country:awareness-error-country', 'year:awareness-error-year', 'share:awareness-error-share']);
    assert.deepEqual(codes({ country: 'EU', year: '1989', share: '47.35' }), ['country:awareness-error-country', 'year:awareness-error-year', 'share:awareness-error-share']);
    assert.deepEqual(codes({ country: 'DE', year: '2025', share: '-3', sample_size: '0' }), ['share:awareness-error-share', 'sample_size:awareness-error-sample']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageIdsIn, referencesInSubject } from './message-ids.ts';

describe('messageIdsIn', () => {
  it('reads the ids of In-Reply-To and References headers in order, each once', () => {
    assert.deepEqual(messageIdsIn('<a@x.example> <b@x.example>\r\n <a@x.example>'), ['<a@x.example>', '<b@x.example>']);
    assert.deepEqual(messageIdsIn(['<a@x>', '<b@x>']), ['<a@x>', '<b@x>']);
    assert.deepEqual(messageIdsIn('c@x.example'), ['<c@x.example>'], 'an id written without brackets');
    assert.deepEqual(messageIdsIn('Your message of Monday <d@x.example>'), ['<d@x.example>']);
    assert.deepEqual(messageIdsIn(undefined), []);
    assert.deepEqual(messageIdsIn(''), []);
  });
});

describe('referencesInSubject', () => {
  it('finds request references quoted in a subject', () => {
    assert.deepEqual(referencesInSubject('Re: We have received your request CR-2026-000123'), ['CR-2026-000123']);
    assert.deepEqual(referencesInSubject('AW: [cr-2026-000007] and CR-2025-000001.'), ['CR-2026-000007', 'CR-2025-000001']);
    assert.deepEqual(referencesInSubject('Order 2026-000123 / XCR-2026-1'), []);
    assert.deepEqual(referencesInSubject(null), []);
  });
});

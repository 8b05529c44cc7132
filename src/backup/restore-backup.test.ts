import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitArrayText } from './restore-backup.ts';

describe('splitArrayText', () => {
  it('splits a row into the exact texts of its values, whatever they hold', () => {
    const values = [1, 'a, "b" [c] {d}', null, ['x,y', ['z']], { k: [1, 2], 'q"': '\\' }, '12345678901234567890.123', true, ''];
    const text = JSON.stringify(values);
    assert.deepEqual(splitArrayText(text).map((part) => JSON.parse(part) as unknown), values);
  });

  it('keeps numbers as written, digit for digit', () => {
    assert.deepEqual(splitArrayText('[12345678901234567890, 0.10000000000000000001]'), ['12345678901234567890', ' 0.10000000000000000001']);
  });

  it('finds no value in an empty array', () => {
    assert.deepEqual(splitArrayText('[]'), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('writes the same text whatever order the keys were given in', () => {
    assert.equal(canonicalJson({ b: 1, a: 2, c: 3 }), '{"a":2,"b":1,"c":3}');
    assert.equal(canonicalJson({ c: 3, a: 2, b: 1 }), canonicalJson({ a: 2, b: 1, c: 3 }));
  });

  it('sorts keys at every depth, including objects inside arrays', () => {
    const payload = { z: { y: [{ b: 2, a: 1 }, { d: { f: 6, e: 5 } }], x: null }, a: 'first' };
    assert.equal(canonicalJson(payload), '{"a":"first","z":{"x":null,"y":[{"a":1,"b":2},{"d":{"e":5,"f":6}}]}}');
  });

  it('keeps the order of array elements, which is meaningful', () => {
    assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
    assert.notEqual(canonicalJson({ list: [1, 2] }), canonicalJson({ list: [2, 1] }));
  });

  it('writes scalars as JSON does', () => {
    assert.equal(canonicalJson('a "quoted"\nline'), JSON.stringify('a "quoted"\nline'));
    assert.equal(canonicalJson(42), '42');
    assert.equal(canonicalJson(-1.5), '-1.5');
    assert.equal(canonicalJson(true), 'true');
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson({}), '{}');
    assert.equal(canonicalJson([]), '[]');
  });

  it('leaves out undefined properties, as JSON.stringify and jsonb do', () => {
    assert.equal(canonicalJson({ a: 1, gone: undefined }), '{"a":1}');
    assert.equal(canonicalJson([undefined, 1]), '[null,1]');
    assert.equal(canonicalJson(undefined), 'null');
  });

  it('writes flat objects whose keys are already in order as it writes any other', () => {
    assert.equal(canonicalJson({ a: 1, b: [1, 'x', null, undefined], c: undefined, d: Number.NaN, e: -0, f: 'é\n' }), '{"a":1,"b":[1,"x",null,null],"d":null,"e":0,"f":"é\\n"}');
    assert.equal(canonicalJson({ a: { d: 1, c: 2 }, b: 1 }), '{"a":{"c":2,"d":1},"b":1}', 'a nested object is still sorted');
    assert.equal(canonicalJson({ a: [{ d: 1, c: 2 }] }), '{"a":[{"c":2,"d":1}]}', 'objects inside arrays too');
    assert.equal(canonicalJson({ B: 1, a: 2 }), '{"B":1,"a":2}');
    assert.equal(canonicalJson({ a: new Date('2026-01-02T03:04:05.000Z'), b: 1 }), '{"a":"2026-01-02T03:04:05.000Z","b":1}');
  });

  it('sorts keys by code unit, independent of locale', () => {
    assert.equal(canonicalJson({ b: 1, B: 2, á: 3, a: 4 }), '{"B":2,"a":4,"b":1,"á":3}');
  });

  it('gives the text it hashed before storage back after a JSON round trip', () => {
    const payload = {
      reference: 'CR-2026-000001',
      changes: { outcome: { from: null, to: 'denied' }, decided_at: { from: null, to: '2026-03-01T10:00:00.000Z' } },
      personal_fields_changed: ['requester_name'],
      accounts: [0, 1, 2],
    };
    // jsonb hands keys back in its own order (shortest first), which a plain round trip does not show; reverse them.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
          : value;
    const stored = reversed(JSON.parse(JSON.stringify(payload)));
    assert.notEqual(JSON.stringify(stored), JSON.stringify(payload));
    assert.equal(canonicalJson(stored), canonicalJson(payload));
  });

  it('writes a Date as the ISO string it is stored as, not as an empty object', () => {
    const when = new Date('2026-03-01T10:00:00.000Z');
    const payload = { at: when };
    assert.equal(canonicalJson(payload), '{"at":"2026-03-01T10:00:00.000Z"}');
    assert.equal(canonicalJson(payload), canonicalJson(JSON.parse(JSON.stringify(payload))));
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { addManyNotices, expectedReferences, WORDS } from '../../test/helpers/notices.ts';
import { ValidationError } from '../errors.ts';
import { COUNT_LIMIT } from './facets.ts';
import { FEW_MATCHES, encodeCursor, parseNoticeQuery, searchNotices } from './search.ts';

function issuesOf(raw: Record<string, unknown>): string[] {
  try {
    parseNoticeQuery(raw);
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return error.issues.map((issue) => `${issue.field}:${issue.code}`);
  }
  return [];
}

describe('reading a notice search', () => {
  it('takes every filter, empty values meaning none', () => {
    const cursor = encodeCursor(new Date('2026-03-01T10:00:00.000Z'), 42);
    const query = parseNoticeQuery({ q: ' photographs ', kind: 'copyright', country: 'gb', year: '2026', outcome: 'denied', project: 'Commons.Wikimedia.org', period: '2026-H1', requester_type: 'company', category: '', cursor, limit: '5' });
    assert.equal(query.q, 'photographs');
    assert.equal(query.country, 'GB');
    assert.equal(query.project, 'commons.wikimedia.org');
    assert.equal(query.period?.id, '2026-H1');
    assert.equal(query.category, undefined);
    assert.deepEqual(query.cursor, { publishedAt: new Date('2026-03-01T10:00:00.000Z'), id: 42 });
    assert.equal(query.limit, 5);
  });
  it('reads unknown as "not known" for the country and the requester type', () => {
    const query = parseNoticeQuery({ country: 'unknown', requester_type: 'unknown' });
    assert.equal(query.country, null);
    assert.equal(query.requesterType, null);
  });
  it('names every bad parameter', () => {
    assert.deepEqual(issuesOf({ kind: 'user_data', country: 'XX', year: '99', outcome: 'withdrawn', project: 'no host', period: '2026-H3', requester_type: 'alien', category: 'civil_subpoena', cursor: 'abc', limit: '0' }), [
      'kind:notices-error-kind',
      'country:notices-error-country',
      'year:notices-error-year',
      'outcome:notices-error-outcome',
      'project:notices-error-project',
      'period:notices-error-period',
      'requester_type:notices-error-requester-type',
      'category:notices-error-category',
      'cursor:notices-error-cursor',
      'limit:notices-error-limit',
    ]);
    assert.deepEqual(issuesOf({ q: 'x'.repeat(201) }), ['q:notices-error-q-too-long']);
    assert.deepEqual(issuesOf({ q: 'a\u0000b' }), ['q:notices-error-q-unstorable']);
    assert.deepEqual(issuesOf({ limit: '101' }), ['limit:notices-error-limit']);
  });
});

describe('the ways a page of a search is read', () => {
  const suite = useTestDatabase();
  before(async () => {
    await addManyNotices(suite.handle.db, 6_000);
  });

  /** Every page of a search read one way, 100 at a time. */
  async function pages(raw: Record<string, string>, options: { few?: boolean; maybeFew?: boolean }): Promise<{ references: string[]; first: string }> {
    const references: string[] = [];
    let cursor: string | undefined;
    let first = '';
    do {
      const { hits, nextCursor, read } = await searchNotices(suite.handle.db, parseNoticeQuery({ ...raw, limit: '100', ...(cursor ? { cursor } : {}) }), options);
      first ||= read;
      references.push(...hits.map((hit) => hit.reference));
      cursor = nextCursor ?? undefined;
    } while (cursor);
    return { references, first };
  }

  it('gives the same hits in the same order by the index, by the capped index, and walking from the newest', async () => {
    for (const word of [WORDS.kestrel, WORDS.osprey, 'ñandubay']) {
      const expected = await expectedReferences(suite.handle.db, word === 'ñandubay' ? WORDS.nandubay : word);
      assert.ok(expected.length > COUNT_LIMIT, word);
      assert.deepEqual(await pages({ q: word }, {}), { references: expected, first: 'walking' }, `${word}, walking`);
      assert.deepEqual(await pages({ q: word }, { few: true }), { references: expected, first: 'by-index' }, `${word}, by the index`);
      // Up to the cap the first page is read by the index; past it, by walking, with the same hits.
      const capped = expected.length <= FEW_MATCHES ? 'by-index' : 'walking';
      assert.deepEqual(await pages({ q: word }, { maybeFew: true }), { references: expected, first: capped }, `${word}, by the index up to ${FEW_MATCHES}`);
    }
    assert.ok((await expectedReferences(suite.handle.db, WORDS.kestrel)).length <= FEW_MATCHES && (await expectedReferences(suite.handle.db, WORDS.osprey)).length > FEW_MATCHES, 'one word on each side of the cap');
    const none = parseNoticeQuery({ q: 'albatross' });
    for (const options of [{}, { few: true }, { maybeFew: true }]) assert.deepEqual((await searchNotices(suite.handle.db, none, options)).hits, []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COUNT_LIMIT } from '../../src/notices/facets.ts';
import { FEW_MATCHES } from '../../src/notices/search.ts';
import { addManyNotices, expectedReferences, WORDS } from '../helpers/notices.ts';
import { useServer } from '../helpers/server.ts';

type Page = { items: { reference: string }[]; next_cursor: string | null; total: number; counts_exact: boolean };

describe('the notice search, whichever way it reads a page', () => {
  const expected = new Map<string, string[]>();
  const suite = useServer({
    prepare: async (db) => {
      await addManyNotices(db, 6_000);
      for (const word of [WORDS.kestrel, WORDS.nandubay, WORDS.osprey]) expected.set(word, await expectedReferences(db, word));
      expected.set(`${WORDS.kestrel} US`, await expectedReferences(db, WORDS.kestrel, 'US'));
    },
  });

  /** Every page of a search through the API, following next_cursor. */
  async function everyPage(params: Record<string, string>): Promise<{ references: string[]; first: Page }> {
    const references: string[] = [];
    let first: Page | undefined;
    let cursor: string | null = null;
    do {
      const response: Response = await fetch(`${suite.server.url}/api/v1/notices?${new URLSearchParams({ ...params, limit: '100', ...(cursor ? { cursor } : {}) })}`);
      assert.equal(response.status, 200);
      const page = (await response.json()) as Page;
      first ??= page;
      references.push(...page.items.map((item) => item.reference));
      cursor = page.next_cursor;
    } while (cursor);
    return { references, first: first! };
  }

  it('gives every match once, newest published first, for a word with more matches than it counts', async () => {
    const kestrels = expected.get(WORDS.kestrel)!;
    assert.ok(kestrels.length > COUNT_LIMIT && kestrels.length < FEW_MATCHES, `${kestrels.length} matches`);
    const { references, first } = await everyPage({ q: WORDS.kestrel });
    assert.equal(first.counts_exact, false);
    assert.deepEqual(references, kestrels);
  });

  it('gives the same for a word with more matches than it reads through the index', async () => {
    const ospreys = expected.get(WORDS.osprey)!;
    assert.ok(ospreys.length > FEW_MATCHES, `${ospreys.length} matches`);
    assert.deepEqual((await everyPage({ q: WORDS.osprey })).references, ospreys);
  });

  it('gives the same typed with or without the accent, and with a filter that makes the matches few', async () => {
    const rivers = expected.get(WORDS.nandubay)!;
    assert.ok(rivers.length > COUNT_LIMIT, `${rivers.length} matches`);
    assert.deepEqual((await everyPage({ q: 'ñandubay' })).references, rivers);
    assert.deepEqual((await everyPage({ q: 'nandubay' })).references, rivers);
    const { references, first } = await everyPage({ q: WORDS.kestrel, country: 'US' });
    assert.equal(first.counts_exact, true);
    assert.equal(first.total, expected.get(`${WORDS.kestrel} US`)!.length);
    assert.deepEqual(references, expected.get(`${WORDS.kestrel} US`));
  });

  it('starts a page of 20 where the cursor says, deep in the matches', async () => {
    const kestrels = expected.get(WORDS.kestrel)!;
    const { references } = await everyPage({ q: WORDS.kestrel });
    const response = await fetch(`${suite.server.url}/api/v1/notices?${new URLSearchParams({ q: WORDS.kestrel })}`);
    let page = (await response.json()) as Page;
    for (let n = 1; n < 40 && page.next_cursor; n += 1) {
      page = (await (await fetch(`${suite.server.url}/api/v1/notices?${new URLSearchParams({ q: WORDS.kestrel, cursor: page.next_cursor })}`)).json()) as Page;
    }
    assert.deepEqual(page.items.map((item) => item.reference), kestrels.slice(780, 800));
    assert.deepEqual(references.slice(780, 800), kestrels.slice(780, 800));
  });
});

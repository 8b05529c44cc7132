import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { noticeCounts, type Facets } from './facets.ts';
import { parseNoticeQuery, searchNotices } from './search.ts';

const KINDS = ['copyright', 'content_alteration'] as const;
const COUNTRIES = ['US', null, 'DE', 'EG'];
const OUTCOMES = ['granted', 'denied', 'partially_granted', 'not_actionable'] as const;
const PROJECTS = [['en.wikipedia.org'], ['commons.wikimedia.org', 'en.wikipedia.org'], ['de.wikipedia.org'], []];
const REQUESTERS = ['individual', 'company', null];

/** Adds notices 1..count in a spread of values; every seventh a draft. */
async function addNotices(db: Kysely<Database>, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    const kind = KINDS[i % 2]!;
    const received = new Date(Date.UTC(2023 + (i % 3), i % 12, 1 + (i % 27)));
    const request = await db
      .insertInto('requests')
      .values({ reference: `CR-2025-${String(i).padStart(6, '0')}`, kind, channel: 'import', state: 'closed', outcome: OUTCOMES[i % 4]!, received_at: received })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draft = i % 7 === 0;
    await db
      .insertInto('public_notices')
      .values({
        request_id: request.id,
        reference: `CR-2025-${String(i).padStart(6, '0')}`,
        state: draft ? 'draft' : 'published',
        title: `Notice ${i}`,
        body: i % 5 === 0 ? 'A photograph of the harbour' : 'An article about a company',
        kind,
        country: COUNTRIES[i % 4]!,
        projects: PROJECTS[i % 4]!,
        outcome: OUTCOMES[i % 4]!,
        requester_type: REQUESTERS[i % 3]!,
        received_at: received,
        decided_at: received,
        published_at: draft ? null : received,
        folded: '',
      })
      .execute();
  }
}

/** The counts of a search as the database gives them row by row, every match counted. */
async function counted(db: Kysely<Database>, raw: Record<string, string>): Promise<{ total: number; facets: Facets }> {
  const query = parseNoticeQuery(raw);
  const { total, facets } = await noticeCounts(db, query, 1_000_000);
  return { total, facets };
}

describe('the counts of a notice search', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    await addNotices(handle.db, 1, 60);
  });
  after(async () => {
    await handle?.close();
    await database?.drop();
  });

  /** The same search with a filter the maintained counts do not keep (any requester type but one that no notice has), so counted match by match. */
  const oneByOne = (raw: Record<string, string>) => counted(handle.db, { ...raw, q: 'article OR photograph' });

  it('adds up the maintained counts to what counting every match gives', async () => {
    for (const raw of <Record<string, string>[]>[{}, { kind: 'copyright' }, { country: 'unknown' }, { outcome: 'partially_granted' }, { project: 'en.wikipedia.org' }, { year: '2024' }, { country: 'DE', kind: 'content_alteration' }]) {
      const summed = await noticeCounts(handle.db, parseNoticeQuery(raw));
      assert.equal(summed.exact, true);
      assert.deepEqual({ total: summed.total, facets: summed.facets }, await oneByOne(raw), JSON.stringify(raw));
    }
    const all = await noticeCounts(handle.db, parseNoticeQuery({}));
    assert.equal(all.total, 60 - 8, 'drafts are not counted');
    for (const facet of ['kind', 'country', 'year', 'outcome', 'project'] as const) {
      const counts = all.facets[facet].map((row) => row.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), `${facet}: most frequent first`);
    }
    const project = (key: string) => all.facets.project.find((row) => row.key === key)?.count;
    assert.equal(project('en.wikipedia.org'), (await oneByOne({ project: 'en.wikipedia.org' })).total, 'a notice counts under each of its projects');
  });

  it('keeps the maintained counts in step as notices are published, edited, withdrawn and removed', async () => {
    const db = handle.db;
    const step = async (name: string, run: () => Promise<unknown>) => { try { await run(); } catch (e) { throw new Error(`${name}: ${e}`); } };
    await step('publish', () => db.updateTable('public_notices').set({ state: 'published', published_at: new Date() }).where('reference', '=', 'CR-2025-000007').execute());
    await step('edit', () => db.updateTable('public_notices').set({ country: 'EG', projects: ['ar.wikipedia.org'] }).where('reference', '=', 'CR-2025-000010').execute());
    await step('withdraw', () => db.updateTable('public_notices').set({ state: 'withdrawn', withdrawn_at: new Date() }).where('reference', '=', 'CR-2025-000011').execute());
    await db.updateTable('public_notices').set({ title: 'An edited title' }).where('reference', '=', 'CR-2025-000012').execute();
    await step('delete', () => db.deleteFrom('requests').where('reference', '=', 'CR-2025-000013').execute());
    await addNotices(db, 61, 5);
    for (const raw of <Record<string, string>[]>[{}, { country: 'EG' }, { project: 'ar.wikipedia.org' }, { project: 'en.wikipedia.org' }, { year: '2025' }, { outcome: 'granted' }]) {
      const summed = await noticeCounts(db, parseNoticeQuery(raw));
      assert.deepEqual({ total: summed.total, facets: summed.facets }, await oneByOne(raw), JSON.stringify(raw));
    }
    const kept = () => db.selectFrom('public_notice_facet_counts').select(['filter', 'filter_key', 'facet', 'key', 'notices']).where('notices', '>', 0).orderBy(['filter', 'filter_key', 'facet', 'key']).execute();
    const before = await kept();
    await sql`SELECT public_notice_facet_counts_rebuild()`.execute(db);
    assert.deepEqual(await kept(), before, 'the triggers keep what counting afresh gives');
  });

  it('counts a search on other filters match by match, exactly while it matches no more than the limit', async () => {
    const exact = await noticeCounts(handle.db, parseNoticeQuery({ requester_type: 'company', q: 'photograph' }), 1000);
    assert.equal(exact.exact, true);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM public_notices WHERE state = 'published' AND requester_type = 'company' AND body LIKE '%photograph%'`.execute(handle.db);
    assert.equal(exact.total, rows[0]!.n);
    assert.ok(exact.total > 0);
  });

  it('says when it stopped counting at the limit, and every figure it gives is then a lower bound', async () => {
    const full = await oneByOne({});
    const capped = await noticeCounts(handle.db, parseNoticeQuery({ q: 'article OR photograph' }), 10);
    assert.equal(capped.exact, false);
    assert.equal(capped.total, 10);
    for (const facet of ['kind', 'country', 'year', 'outcome', 'project'] as const) {
      for (const row of capped.facets[facet]) {
        const truth = full.facets[facet].find((each) => each.key === row.key)!.count;
        assert.ok(row.count <= truth, `${facet} ${row.key}: ${row.count} ≤ ${truth}`);
      }
    }
    const under = await noticeCounts(handle.db, parseNoticeQuery({ q: 'photograph' }), full.total);
    assert.equal(under.exact, true, 'fewer matches than the limit are counted exactly');
  });

  it('gives the same pages whether it walks the newest notices or reads the few matches and sorts them', async () => {
    for (const raw of <Record<string, string>[]>[{}, { q: 'photograph' }, { year: '2024' }, { period: '2025-H1' }, { project: 'en.wikipedia.org', q: 'article' }]) {
      const pages = async (few: boolean) => {
        const seen: string[][] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof searchNotices>> = await searchNotices(handle.db, parseNoticeQuery({ ...raw, limit: '4', ...(cursor ? { cursor } : {}) }), { few });
          seen.push(page.hits.map((hit) => hit.reference));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      const walked = await pages(false);
      assert.deepEqual(await pages(true), walked, JSON.stringify(raw));
      assert.equal(walked.flat().length, (await noticeCounts(handle.db, parseNoticeQuery(raw))).total, JSON.stringify(raw));
    }
  });
  it('keeps the counts in step through statements that change many notices at once', async () => {
    const db = handle.db;
    const kept = () => db.selectFrom('public_notice_facet_counts').select(['filter', 'filter_key', 'facet', 'key', 'notices']).where('notices', '>', 0).orderBy(['filter', 'filter_key', 'facet', 'key']).execute();
    // In one statement each: drafts published, published notices withdrawn, state and kind changed together,
    // countries set to none and back, text edited (no count changes), and several removed.
    await sql`UPDATE public_notices SET state = 'published', published_at = now() WHERE state = 'draft'`.execute(db);
    await sql`UPDATE public_notices SET state = 'withdrawn', withdrawn_at = now() WHERE id % 5 = 0 AND state = 'published'`.execute(db);
    await sql`UPDATE public_notices SET state = CASE WHEN state = 'published' THEN 'draft' ELSE 'published' END, withdrawn_at = NULL,
                                        published_at = coalesce(published_at, now()),
                                        kind = CASE WHEN kind = 'copyright' THEN 'content_alteration' ELSE 'copyright' END WHERE id % 3 = 0`.execute(db);
    await sql`UPDATE public_notices SET country = NULL, projects = ARRAY['fr.wikipedia.org', 'fr.wikipedia.org'] WHERE id % 4 = 1`.execute(db);
    await sql`UPDATE public_notices SET title = title || ' (edited)'`.execute(db);
    await sql`DELETE FROM public_notices WHERE id % 6 = 2`.execute(db);
    const maintained = await kept();
    assert.ok(maintained.some((row) => row.facet === 'project' && row.key === 'fr.wikipedia.org'), 'the changes reached the counts');
    await sql`SELECT public_notice_facet_counts_rebuild()`.execute(db);
    assert.deepEqual(maintained, await kept(), 'the triggers keep what counting afresh gives');
  });
});

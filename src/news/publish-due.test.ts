import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { onSiteContentChange } from '../site/page-cache.ts';
import { createPost, publishTranslation, saveTranslation, scheduleTranslation, type NewsEditor } from './edit-posts.ts';
import { publishDueNews } from './publish-due.ts';
import { findVisibleNews, listVisibleNews, newsPageTtl, newsSitemap } from './visibility.ts';

const EDITOR: NewsEditor = { userId: null, email: 'system:test' };
const content = (slug: string) => ({ title: `Title ${slug}`, slug, summary: '', body: `Text of ${slug}.` });

describe('scheduled news', () => {
  const suite = useTestDatabase();

  it('is visible from its time on by the data alone, and the round records it once however many processes run it', async () => {
    const { db } = suite.handle;
    const start = new Date('2030-01-01T10:00:00Z');
    const postId = await createPost(db, EDITOR, 'en', content('later'), start);
    await scheduleTranslation(db, EDITOR, postId, 'en', '2030-01-01T10:05:00Z', start);
    await saveTranslation(db, EDITOR, postId, 'es', content('mas-tarde'), start);
    const before = new Date('2030-01-01T10:04:59Z');
    const after = new Date('2030-01-01T10:05:00Z');
    assert.equal(await findVisibleNews(db, 'en', 'later', before), undefined);
    assert.equal((await listVisibleNews(db, 'en', before)).length, 0);
    // No round has run: the time alone makes it visible.
    const shown = await findVisibleNews(db, 'en', 'later', after);
    assert.equal(shown?.publishedAt.toISOString(), '2030-01-01T10:05:00.000Z');
    assert.deepEqual((await listVisibleNews(db, 'en', after)).map((item) => item.slug), ['later']);
    assert.deepEqual(await newsSitemap(db, after), [{ en: '/en/news/later' }], 'only the language it is visible in');
    // Pages that list news are kept at most until the next scheduled time.
    assert.equal(await newsPageTtl(db, new Date('2030-01-01T10:04:50Z')), 10_000);
    assert.equal(await newsPageTtl(db, after), 60_000);

    let told = 0;
    const stop = onSiteContentChange(() => told++);
    const rounds = await Promise.all([publishDueNews(db, after), publishDueNews(db, after), publishDueNews(db, after)]);
    stop();
    assert.deepEqual(rounds.sort(), [0, 0, 1]);
    assert.equal(told, 1, 'the caches are told once');
    const row = await db.selectFrom('news_translations').select(['status', 'published_at']).where('post_id', '=', postId).where('lang', '=', 'en').executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
    assert.equal(row.published_at?.toISOString(), '2030-01-01T10:05:00.000Z', 'dated at its scheduled time, not the round’s');
    const events = await db.selectFrom('audit_events').select(['actor', 'payload']).where('action', '=', 'news.published_on_schedule').execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actor, 'system:schedule');
    assert.equal((events[0]!.payload as { lang: string }).lang, 'en');
    assert.equal(await findVisibleNews(db, 'es', 'mas-tarde', after), undefined, 'the draft translation stays hidden');
  });

  it('keeps the date a translation first went out when it is published again', async () => {
    const { db } = suite.handle;
    const first = new Date('2030-02-01T08:00:00Z');
    const postId = await createPost(db, EDITOR, 'ar', content('again'), first);
    await publishTranslation(db, EDITOR, postId, 'ar', first);
    const { unpublishTranslation } = await import('./edit-posts.ts');
    await unpublishTranslation(db, EDITOR, postId, 'ar', new Date('2030-02-02T08:00:00Z'));
    assert.equal(await findVisibleNews(db, 'ar', 'again', new Date('2030-02-03T08:00:00Z')), undefined);
    await publishTranslation(db, EDITOR, postId, 'ar', new Date('2030-02-04T08:00:00Z'));
    const shown = await findVisibleNews(db, 'ar', 'again', new Date('2030-02-05T08:00:00Z'));
    assert.equal(shown?.publishedAt.toISOString(), first.toISOString());
  });
});

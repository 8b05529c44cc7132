import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, postForm, type StaffLogin } from '../helpers/staff.ts';

const waitUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

/** The time as the console's field takes it: UTC, to the second. */
const field = (time: number) => new Date(time).toISOString().slice(0, 19);

describe('scheduled news across a restart of the server', () => {
  let database: TestDatabase;
  let server: RunningServer | undefined;
  let editor: StaffLogin;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    editor = await createStaffLogin(handle.db, 'editor');
    await handle.close();
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function schedule(slug: string, at: number): Promise<number> {
    const created = await postForm(`${server!.url}/console/news`, editor, { lang: 'en', title: `Post ${slug}`, slug, summary: '', body: `The text of ${slug}.` });
    assert.equal(created.status, 303);
    const postId = Number(/\/console\/news\/(\d+)\/en/.exec(created.headers.get('location')!)![1]);
    const scheduled = await postForm(`${server!.url}/console/news/${postId}/en/schedule`, editor, { publish_at: field(at) });
    assert.equal(scheduled.status, 303, await scheduled.text());
    return postId;
  }
  const text = async (path: string) => (await fetch(`${server!.url}${path}`)).text();

  it('shows a post scheduled while the server ran at its time, and one whose time passed while it was stopped as soon as it is back', async () => {
    server = await startServer(database.env);
    const start = Math.ceil(Date.now() / 1000) * 1000;
    const whileDown = start + 12_000;
    const whileUp = start + 6_000;
    const downId = await schedule('while-down', whileDown);
    await schedule('while-up', whileUp);
    // Rendered and kept in memory before either time has come.
    assert.ok(!(await text('/en/news')).includes('while-up'));

    await waitUntil(whileUp + 300);
    assert.ok((await text('/en/news')).includes('<a href="/en/news/while-up">Post while-up</a>'), 'the cached list is rendered again at the scheduled time');
    assert.equal(await server.stop(), 0);
    server = undefined;

    await waitUntil(whileDown + 500);
    server = await startServer(database.env);
    const list = await text('/en/news');
    assert.ok(list.includes('<a href="/en/news/while-down">Post while-down</a>'), 'listed after the restart');
    assert.ok(list.includes('<a href="/en/news/while-up">Post while-up</a>'));
    assert.equal((await fetch(`${server.url}/en/news/while-down`)).status, 200);
    const feed = await text('/en/feed.atom');
    assert.equal(feed.match(/<entry>/g)?.length, 2);
    assert.ok(feed.includes(`<published>${new Date(whileDown).toISOString()}</published>`), 'dated at its scheduled time');
    assert.ok((await text('/en/')).includes('<a href="/en/news/while-down">Post while-down</a>'), 'and on the home page');
    assert.equal(await server.stop(), 0);
    server = undefined;

    const handle = await database.open();
    try {
      const row = await handle.db.selectFrom('news_translations').select(['status', 'published_at']).where('post_id', '=', downId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'published', 'the record says published, too');
      assert.equal(row.published_at?.toISOString(), new Date(whileDown).toISOString());
      const events = await handle.db.selectFrom('audit_events').select(['actor', 'subject_id']).where('action', '=', 'news.published_on_schedule').execute();
      assert.deepEqual(events.filter((event) => Number(event.subject_id) === downId).map((event) => event.actor), ['system:schedule'], 'recorded once, by the schedule');
    } finally {
      await handle.close();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordingContext, staffContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const POST = { title: 'A ruling due at noon', slug: 'a-ruling-due-at-noon', summary: 'What the court will publish.', body: 'The court publishes its ruling **today**.' };

const waitUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

describe('a news post scheduled in the console for a minute ahead, in Chromium, across a restart', { skip: withoutChromium }, () => {
  let editor: StaffLogin;
  const suite = useBrowserSuite({
    async prepare(db) {
      editor = await createStaffLogin(db, 'editor');
    },
  });

  it('appears on the news list and at its own address once its minute has passed, though the server was stopped when it came', { timeout: 180_000 }, async () => {
    const { context: staff } = await staffContext(suite.browser, editor.cookie);
    const desk = await staff.newPage();
    await desk.goto(`${suite.server.url}/console/news/new`);
    await desk.locator('#news-title').fill(POST.title);
    await desk.locator('#news-slug').fill(POST.slug);
    await desk.locator('#news-summary').fill(POST.summary);
    await desk.locator('#news-body').fill(POST.body);
    await desk.locator('#content button[value="save"]').click();
    await desk.waitForURL(/\/console\/news\/\d+\/en\?done=created$/);
    const editPath = new URL(desk.url()).pathname;

    // A minute ahead, to the second, as the field takes it (UTC).
    const at = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
    await desk.locator('#news-publish_at').fill(new Date(at).toISOString().slice(0, 19));
    await desk.locator('#schedule button[type="submit"]').click();
    await desk.waitForURL(/\?done=scheduled$/);
    assert.equal(await desk.locator('section[aria-labelledby="publishing"] .badge[data-status="scheduled"]').count(), 1, 'the console shows it scheduled');
    assert.equal(await desk.locator('section[aria-labelledby="publishing"] .badge[data-status="scheduled"] + time').getAttribute('datetime'), new Date(at).toISOString());

    const { context: reader } = await recordingContext(suite.browser);
    const page = await reader.newPage();
    await page.goto(`${suite.server.url}/en/news`);
    assert.equal(await page.locator(`a[href="/en/news/${POST.slug}"]`).count(), 0, 'not listed before its time');
    const early = await page.goto(`${suite.server.url}/en/news/${POST.slug}`);
    assert.equal(early?.status(), 404, 'nor at its address');

    assert.ok(Date.now() < at, 'the server is stopped before the post’s time');
    assert.equal(await suite.server.stop(), 0);
    await waitUntil(at + 1_000);
    suite.server = await startServer(suite.database.env);

    await page.goto(`${suite.server.url}/en/news`);
    const link = page.locator(`a[href="/en/news/${POST.slug}"]`);
    assert.equal(await link.textContent(), POST.title, 'listed after the restart');
    await link.click();
    await page.waitForURL(`${suite.server.url}/en/news/${POST.slug}`);
    assert.equal(await page.locator('h1').textContent(), POST.title);
    assert.equal(await page.locator('.post-body strong').textContent(), 'today');
    assert.equal(await page.locator('.post time[itemprop="datePublished"]').getAttribute('datetime'), new Date(at).toISOString(), 'dated at its scheduled time');

    await desk.goto(`${suite.server.url}${editPath}`);
    assert.equal(await desk.locator(`a[href="/en/news/${POST.slug}"]`).count(), 1, 'the console leads to it on the site');
    await reader.close();
    await staff.close();
  });
});

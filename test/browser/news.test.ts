import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createPost, publishTranslation, saveTranslation, type NewsEditor } from '../../src/news/edit-posts.ts';
import { axeViolations, launchChromium, recordingContext, staffContext } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO: NewsEditor = { userId: null, email: 'system:test' };

const TELLINGS = {
  en: { slug: 'a-quiet-victory', title: 'A quiet victory for an archive', summary: 'A court kept a public register open.', body: '## Why it matters\n\nThe register lists **public contracts**. Read [the ruling](https://court.example/ruling) or [our report](/en/transparency).\n\n> Open records make better articles.\n\n- one\n- two' },
  es: { slug: 'una-victoria-discreta', title: 'Una victoria discreta para un archivo', summary: 'Un tribunal mantuvo abierto un registro público.', body: '## Por qué importa\n\nEl registro recoge **contratos públicos**. Lea [la sentencia](https://court.example/ruling).' },
  ar: { slug: 'intisar-hadi', title: 'انتصار هادئ لأرشيف عام', summary: 'أبقت محكمة سجلًّا عامًّا مفتوحًا.', body: '## لماذا يهم\n\nيضم السجل **العقود العامة**. اقرأ [الحكم](https://court.example/ruling).' },
} as const;

describe('news in Chromium', { skip: !fs.existsSync(chromium) && `no Chromium at ${chromium}` }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let editor: StaffLogin;
  let postId = 0;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    editor = await createStaffLogin(handle.db, 'editor');
    const at = new Date(Date.now() - 86_400_000);
    postId = await createPost(handle.db, DEMO, 'en', TELLINGS.en, at);
    for (const lang of ['es', 'ar'] as const) await saveTranslation(handle.db, DEMO, postId, lang, TELLINGS[lang], at);
    for (const lang of ['en', 'es', 'ar'] as const) await publishTranslation(handle.db, DEMO, postId, lang, at);
    await handle.close();
    server = await startServer(database.env);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  for (const lang of ['en', 'es', 'ar'] as const) {
    it(`the news list and a post in ${lang} pass axe-core, load nothing from elsewhere and set no cookie`, async () => {
      const { context, requested } = await recordingContext(browser, { bypassCSP: true, locale: lang });
      const page = await context.newPage();
      for (const path of [`/${lang}/news`, `/${lang}/news/${TELLINGS[lang].slug}`, `/${lang}/news/no-such-post`]) {
        await page.goto(`${server.url}${path}`);
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr', path);
        assert.deepEqual(await axeViolations(page), [], path);
      }
      assert.deepEqual(await context.cookies(), []);
      assert.deepEqual(requested.filter((address) => !address.startsWith(`${server.url}/`)), []);
      await context.close();
    });
  }

  it('follows the language switcher of a post to its translation, without JavaScript', async () => {
    const { context } = await recordingContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/news/${TELLINGS.en.slug}`);
    await page.locator('nav.languages a[hreflang="ar"]').click();
    assert.equal(new URL(page.url()).pathname, `/ar/news/${TELLINGS.ar.slug}`);
    assert.equal(await page.locator('h1').textContent(), TELLINGS.ar.title);
    await context.close();
  });

  const signedIn = async (locale: string) => (await staffContext(browser, editor.cookie, locale)).context;

  for (const locale of ['en-GB', 'ar']) {
    it(`the console's news pages pass axe-core (${locale}), with a problem shown and a preview`, async () => {
      const context = await signedIn(locale);
      const page = await context.newPage();
      for (const path of ['/console/news', '/console/news/new', `/console/news/${postId}/en`, `/console/news/${postId}/ar`]) {
        await page.goto(`${server.url}${path}`);
        assert.deepEqual(await axeViolations(page), [], path);
      }
      // A problem, shown again in the form, and a preview.
      await page.goto(`${server.url}/console/news/${postId}/es`);
      await page.locator('#news-slug').fill('No Vale');
      await page.locator('#content button[value="save"]').click();
      await page.locator('#problems').waitFor();
      assert.equal(await page.locator('#news-slug').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await axeViolations(page), [], 'the form with a problem');
      await page.locator('#news-slug').fill('una-victoria-discreta');
      await page.locator('#news-body').fill('Texto **nuevo**.');
      await page.locator('#content button[value="preview"]').click();
      await page.locator('.post-preview strong').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'the preview');
      await context.close();
    });
  }
});

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { demoImages } from '../../src/demo/demo-images.ts';
import { seedDemoImages } from '../../src/demo/demo-site-content.ts';
import { createPost, publishTranslation, saveTranslation, type NewsEditor } from '../../src/news/edit-posts.ts';
import { axeViolations, recordingContext, staffContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const DEMO: NewsEditor = { userId: null, email: 'system:test' };

/** A published image of the media library (the demo's), as an editor names it in a post. */
const LIBRARY_IMAGE = `/media/demo-reading-room.${crypto.createHash('sha256').update(demoImages()[0]!.content).digest('hex').slice(0, 12)}.png`;

const TELLINGS = {
  en: { slug: 'a-quiet-victory', title: 'A quiet victory for an archive', summary: 'A court kept a public register open.', body: `## Why it matters\n\nThe register lists **public contracts**. Read [the ruling](https://court.example/ruling) or [our report](/en/transparency).\n\n![The reading room of the archive](${LIBRARY_IMAGE})\n\n> Open records make better articles.\n\n- one\n- two` },
  es: { slug: 'una-victoria-discreta', title: 'Una victoria discreta para un archivo', summary: 'Un tribunal mantuvo abierto un registro público.', body: '## Por qué importa\n\nEl registro recoge **contratos públicos**. Lea [la sentencia](https://court.example/ruling).' },
  ar: { slug: 'intisar-hadi', title: 'انتصار هادئ لأرشيف عام', summary: 'أبقت محكمة سجلًّا عامًّا مفتوحًا.', body: '## لماذا يهم\n\nيضم السجل **العقود العامة**. اقرأ [الحكم](https://court.example/ruling).' },
} as const;

describe('news in Chromium', { skip: withoutChromium }, () => {
  let editor: StaffLogin;
  let postId = 0;

  const suite = useBrowserSuite({
    async prepare(db) {
      editor = await createStaffLogin(db, 'editor');
      await seedDemoImages(db, new Date());
      const at = new Date(Date.now() - 86_400_000);
      postId = await createPost(db, DEMO, 'en', TELLINGS.en, at);
      for (const lang of ['es', 'ar'] as const) await saveTranslation(db, DEMO, postId, lang, TELLINGS[lang], at);
      for (const lang of ['en', 'es', 'ar'] as const) await publishTranslation(db, DEMO, postId, lang, at);
    },
  });

  for (const lang of ['en', 'es', 'ar'] as const) {
    it(`the news list and a post in ${lang} pass axe-core, load nothing from elsewhere and set no cookie`, async () => {
      const { context, requested } = await recordingContext(suite.browser, { bypassCSP: true, locale: lang });
      const page = await context.newPage();
      for (const path of [`/${lang}/news`, `/${lang}/news/${TELLINGS[lang].slug}`, `/${lang}/news/no-such-post`]) {
        await page.goto(`${suite.server.url}${path}`);
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr', path);
        assert.deepEqual(await axeViolations(page), [], path);
      }
      assert.deepEqual(await context.cookies(), []);
      assert.deepEqual(requested.filter((address) => !address.startsWith(`${suite.server.url}/`)), []);
      await context.close();
    });
  }

  it('shows a library image in a post lazily, at its size, and lists its credit below the post', async () => {
    const { context } = await recordingContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/news/${TELLINGS.en.slug}`);
    const image = page.locator('.post-body img');
    assert.deepEqual(await image.evaluate((img: HTMLImageElement) => ({ src: img.getAttribute('src'), width: img.getAttribute('width'), height: img.getAttribute('height'), loading: img.loading, decoding: img.decoding, alt: img.alt })), {
      src: LIBRARY_IMAGE,
      width: '640',
      height: '360',
      loading: 'lazy',
      decoding: 'async',
      alt: 'The reading room of the archive',
    });
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (document.querySelector('.post-body img') as HTMLImageElement | null)?.complete === true);
    assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 640, 'the image loads from the library');
    const credit = page.locator('section.credits li[data-credit="demo-reading-room"]');
    assert.equal(await credit.count(), 1);
    assert.match((await credit.textContent()) ?? '', /Free Knowledge Trust.*CC BY 4\.0.*source/);
    await context.close();
  });

  it('follows the language switcher of a post to its translation, without JavaScript', async () => {
    const { context } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/news/${TELLINGS.en.slug}`);
    await page.locator('nav.languages a[hreflang="ar"]').click();
    assert.equal(new URL(page.url()).pathname, `/ar/news/${TELLINGS.ar.slug}`);
    assert.equal(await page.locator('h1').textContent(), TELLINGS.ar.title);
    await context.close();
  });

  const signedIn = async (locale: string) => (await staffContext(suite.browser, editor.cookie, locale)).context;

  for (const locale of ['en-GB', 'ar']) {
    it(`the console's news pages pass axe-core (${locale}), with a problem shown and a preview`, async () => {
      const context = await signedIn(locale);
      const page = await context.newPage();
      for (const path of ['/console/news', '/console/news/new', `/console/news/${postId}/en`, `/console/news/${postId}/ar`]) {
        await page.goto(`${suite.server.url}${path}`);
        assert.deepEqual(await axeViolations(page), [], path);
      }
      // A problem, shown again in the form, and a preview.
      await page.goto(`${suite.server.url}/console/news/${postId}/es`);
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

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoImages } from '../../src/demo/demo-images.ts';
import { seedDemoImages, seedDemoSurveys } from '../../src/demo/demo-site-content.ts';
import { assertAccessible, recordingContext, staffContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

describe('images, their credits and the awareness chart in Chromium', { skip: withoutChromium }, () => {
  let editor: StaffLogin;

  const suite = useBrowserSuite({
    async prepare(db) {
      await seedDemoImages(db, new Date());
      await seedDemoSurveys(db, new Date());
      editor = await createStaffLogin(db, 'editor');
    },
  });

  const signedIn = (locale: string) => staffContext(suite.browser, editor.cookie, locale);

  it('shows lazy images with their size, loads them from this server only, and passes axe in English and Arabic', async () => {
    const origin = new URL(suite.server.url).origin;
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      for (const path of ['/', '/topics/access-to-knowledge', '/awareness']) {
        await page.goto(`${origin}/${lang}${path}`);
        const images = await page.locator('main img').evaluateAll((elements) => elements.map((element) => ({ width: element.getAttribute('width'), height: element.getAttribute('height'), loading: element.getAttribute('loading'), alt: element.getAttribute('alt') })));
        const credits = await page.locator('[data-credit]').count();
        assert.equal(credits, images.length, `${lang}${path}: a credit for each image`);
        for (const image of images) {
          assert.equal(image.loading, 'lazy', `${lang}${path}`);
          assert.ok(Number(image.width) > 0 && Number(image.height) > 0, `${lang}${path}: width and height`);
          assert.ok(image.alt, `${lang}${path}: alt text`);
        }
        if (path !== '/awareness') assert.ok(images.length > 0, `${lang}${path} shows an image`);
        if (path !== '/topics/access-to-knowledge') assert.equal(await page.locator('svg.chart title#awareness-chart-title').count(), 1, `${lang}${path} has the chart`);
      }
      // Scrolled into view, the lazy images load, and each has real pixels.
      await page.goto(`${origin}/${lang}/`);
      for (const image of await page.locator('main img').all()) {
        await image.scrollIntoViewIfNeeded();
        await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
      }
    }
    assert.deepEqual(requested.filter((url) => !url.startsWith(`${origin}/`)), [], 'every request went to the server under test');
    assert.ok(requested.some((url) => url.startsWith(`${origin}/media/`)), 'the images were fetched');
    await context.close();

    const checker = await recordingContext(suite.browser, { bypassCSP: true });
    const axePage = await checker.context.newPage();
    for (const lang of ['en', 'ar']) {
      for (const path of ['/', '/topics/access-to-knowledge', '/awareness']) {
        await axePage.goto(`${origin}/${lang}${path}`);
        await assertAccessible(axePage, `${lang}${path}`);
      }
    }
    await checker.context.close();
  });

  it('uploads an image through the console form, and the console pages pass axe in English and Arabic', async () => {
    const origin = new URL(suite.server.url).origin;
    const { context, requested } = await signedIn('en-GB');
    const page = await context.newPage();
    await page.goto(`${origin}/console/media`);
    await page.setInputFiles('#upload-file', { name: 'Harbour.png', mimeType: 'image/png', buffer: demoImages()[1]!.content });
    await page.fill('#upload-alt-en', 'A harbour drawn in flat colours');
    await page.click('button[type="submit"]:has-text("Upload as a draft")');
    await page.waitForURL(/\/console\/media\/\d+\?done=uploaded$/);
    assert.match(await page.locator('h1').innerText(), /harbour/);
    const imageUrl = new URL(page.url()).pathname;
    await page.click('button:has-text("Publish")');
    assert.match(await page.locator('#problems').innerText(), /author: is needed to publish/);
    await context.close();

    for (const locale of ['en-GB', 'ar']) {
      const signed = await signedIn(locale);
      const consolePage = await signed.context.newPage();
      for (const path of ['/console/media', imageUrl, '/console/awareness', '/console/awareness/1']) {
        await consolePage.goto(`${origin}${path}`);
        await assertAccessible(consolePage, `${locale} ${path}`);
      }
      assert.deepEqual(signed.requested.filter((url) => !url.startsWith(`${origin}/`)), []);
      await signed.context.close();
    }
    assert.deepEqual(requested.filter((url) => !url.startsWith(`${origin}/`)), []);
  });
});

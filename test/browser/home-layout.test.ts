import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/database.ts';
import { seedDemoSite } from '../helpers/site-pages.ts';

/** Where the screenshots are written for a person to look at (kept by CI as artefacts; not in git). */
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

describe('the home page in Chromium, with the demo content, in English and in Arabic', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite({
    prepare: seedDemoSite,
    env: () => ({ DONATE_URL: 'https://give.example.org/' }),
  });
  before(() => {
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  for (const [lang, name, width, height] of [['ar', 'desktop', 1280, 900], ['ar', 'mobile', 390, 844], ['en', 'desktop', 1280, 900], ['en', 'mobile', 390, 844]] as const) {
    it(`is laid out ${lang === 'ar' ? 'right to left' : 'left to right'} on a ${name} screen in ${lang}, every image loaded, and is written to test-output/screenshots/${lang}-home-${name}.png`, async () => {
      // Scripts on (bypassing the page's policy) only to run axe-core and watch the images load; the page itself has none.
      const { context, requested } = await recordingContext(suite.browser, { viewport: { width, height }, locale: lang, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/`);
      const rtl = lang === 'ar';
      assert.equal(await page.locator('html').getAttribute('dir'), rtl ? 'rtl' : 'ltr');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing sticks out sideways (${overflow}px)`);
      // The site's name starts the header and the donate link ends it; the title is set against the
      // edge where lines start: all mirrored in Arabic.
      const brand = (await page.locator('header.site .brand').boundingBox())!;
      const donate = (await page.locator('header.site .donate').boundingBox())!;
      assert.ok(rtl ? brand.x > donate.x : brand.x < donate.x, `the site name stands to the ${rtl ? 'right' : 'left'} of the donate link`);
      const main = (await page.locator('main').boundingBox())!;
      const title = (await page.locator('main h1').boundingBox())!;
      const gap = rtl ? main.x + main.width - (title.x + title.width) : title.x - main.x;
      assert.ok(Math.abs(gap) < 40, `the title starts at the ${rtl ? 'right' : 'left'} edge of the page (${gap}px)`);
      // Images load lazily: scrolled into view, each has loaded, at its declared size.
      const images = page.locator('main img');
      assert.ok((await images.count()) >= 1, 'the demo shows images');
      for (let i = 0; i < (await images.count()); i++) {
        const image = images.nth(i);
        assert.equal(await image.getAttribute('loading'), 'lazy');
        await image.scrollIntoViewIfNeeded();
        await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
      }
      assert.ok((await page.locator(`main a[href^="/${lang}/news/"]`).count()) >= 1, 'the latest news in the language is on the page');
      assert.ok((await page.locator('main a[href="https://news.sister.example/1"]').count()) === 1, 'links from sister sites are on the page');
      assert.deepEqual(await axeViolations(page), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `${lang}-home-${name}.png`), fullPage: true });
      assert.ok(fs.statSync(path.join(SHOTS, `${lang}-home-${name}.png`)).size > 10_000, 'the screenshot was written');
      assert.deepEqual(requested.filter((url) => !url.startsWith(new URL(suite.server.url).origin)), [], 'nothing was fetched from elsewhere');
      await context.close();
    });
  }

  it('shows the links gathered from sister sites with their source, passing axe-core, in every language', async () => {
    const { context, requested } = await recordingContext(suite.browser, { bypassCSP: true });
    const page = await context.newPage();
    for (const lang of ['en', 'es', 'ar']) {
      await page.goto(`${suite.server.url}/${lang}/elsewhere`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const link = page.locator('main a[href="https://news.sister.example/2"]');
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.ok((await page.locator('main').textContent())!.includes('Sister Wiki News'), 'each link names its source');
      assert.deepEqual(await axeViolations(page), [], `/${lang}/elsewhere`);
    }
    assert.deepEqual(requested.filter((url) => !url.startsWith(new URL(suite.server.url).origin)), [], 'nothing was fetched from elsewhere');
    await context.close();
  });
});

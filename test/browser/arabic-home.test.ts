import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { axeViolations, launchChromium, recordingContext } from '../helpers/browser.ts';
import { ROOT } from '../helpers/database.ts';
import { useServer } from '../helpers/server.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots are written for a person to look at (kept by CI as artefacts; not in git). */
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

describe('the Arabic home page in Chromium, with the demo content', { skip: !fs.existsSync(chromium) && `no Chromium at ${chromium}` }, () => {
  const suite = useServer({ prepare: (db) => seedDemo(db).then(() => undefined) });
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, width, height] of [['desktop', 1280, 900], ['mobile', 390, 844]] as const) {
    it(`is laid out right to left on a ${name} screen, every image loaded, and is written to test-output/screenshots/ar-home-${name}.png`, async () => {
      // Scripts on (bypassing the page's policy) only to run axe-core and watch the images load; the page itself has none.
      const { context, requested } = await recordingContext(browser, { viewport: { width, height }, locale: 'ar', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/ar/`);
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing sticks out sideways (${overflow}px)`);
      // Right to left: the site's name starts the header at the right, and the title is set against the right edge.
      const brand = (await page.locator('header.site .brand').boundingBox())!;
      const languages = (await page.locator('header.site .languages').boundingBox())!;
      assert.ok(brand.x > languages.x, 'the site name stands right of the language switcher');
      const main = (await page.locator('main').boundingBox())!;
      const title = (await page.locator('main h1').boundingBox())!;
      assert.ok(Math.abs(main.x + main.width - (title.x + title.width)) < 40, 'the title starts at the right edge of the page');
      // Images load lazily: scrolled into view, each has loaded, at its declared size.
      const images = page.locator('main img');
      assert.ok((await images.count()) >= 1, 'the demo shows images');
      for (let i = 0; i < (await images.count()); i++) {
        const image = images.nth(i);
        assert.equal(await image.getAttribute('loading'), 'lazy');
        await image.scrollIntoViewIfNeeded();
        await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await image.elementHandle());
      }
      assert.ok((await page.locator('main a[href^="/ar/news/"]').count()) >= 1, 'the latest Arabic news is on the page');
      assert.deepEqual(await axeViolations(page), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `ar-home-${name}.png`), fullPage: true });
      assert.ok(fs.statSync(path.join(SHOTS, `ar-home-${name}.png`)).size > 10_000, 'the screenshot was written');
      assert.deepEqual(requested.filter((url) => !url.startsWith(new URL(suite.server.url).origin)), [], 'nothing was fetched from elsewhere');
      await context.close();
    });
  }
});

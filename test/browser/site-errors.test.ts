import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAccessible, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';

describe('the public site’s error pages in Chromium', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite();

  const cases = [
    ['en', '/en/nothing-here', 404, 'ltr'],
    ['es', '/es/topics/no-such-topic', 404, 'ltr'],
    ['ar', '/ar/nothing-here', 404, 'rtl'],
    ['es', '/es/news?page=1234567890123', 400, 'ltr'],
    ['ar', '/ar/news?page=1234567890123', 400, 'rtl'],
  ] as const;

  for (const [lang, path, status, dir] of cases) {
    it(`answers ${path} with a page of the site (${status}) in ${lang}, read ${dir}, that passes axe-core and loads nothing from elsewhere`, async () => {
      const { context, requested } = await recordingContext(suite.browser, { locale: lang, bypassCSP: true });
      const page = await context.newPage();
      const response = await page.goto(`${suite.server.url}${path}`);
      assert.equal(response?.status(), status);
      assert.match(response?.headers()['content-type'] ?? '', /^text\/html/);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(await page.locator('html').getAttribute('dir'), dir);
      assert.ok((await page.locator('main h1').count()) === 1, 'one heading says what went wrong');
      assert.ok((await page.locator(`a[href="/${lang}/"]`).count()) > 0, 'a way back to the home page');
      assert.ok((await page.locator(`a[href="/${lang}/contact"]`).count()) > 0, 'the contact link stands where it always does');
      await assertAccessible(page, `${path} in ${lang}`);
      const cookies = await context.cookies();
      assert.deepEqual(cookies, [], 'no cookie');
      const origin = new URL(suite.server.url).origin;
      assert.deepEqual(requested.filter((url) => !url.startsWith(origin)), [], 'nothing from elsewhere');
      await context.close();
    });
  }
});

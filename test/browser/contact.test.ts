import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';

describe('Contact a human in Chromium', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite();

  /** Where the header's contact link stands: its box, and its place among the header bar's children. */
  const headerLink = async (page: Page) => {
    const link = page.locator('header.site .bar > a.contact-link');
    assert.equal(await link.count(), 1, `one contact link in the header of ${page.url()}`);
    const box = (await link.boundingBox())!;
    const index = await link.evaluate((element) => [...element.parentElement!.children].indexOf(element));
    return { x: Math.round(box.x), y: Math.round(box.y), index, href: await link.getAttribute('href') };
  };

  it('is filled and sent in English without JavaScript, showing problems first, without cookies or requests elsewhere', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/contact`);
    await page.getByLabel('Your name').fill('Mira Osei');
    await page.getByLabel('Your e-mail address').fill('mira-at-policy');
    await page.getByLabel('Topic').selectOption('policy');
    await page.getByRole('button', { name: 'Send to a person' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.deepEqual(await summary.locator('li').allInnerTexts(), ['"mira-at-policy" is not an e-mail address.', 'Write your message.']);
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Mira Osei', 'what was typed is kept');
    await page.getByLabel('Your e-mail address').fill('mira@policy.example');
    await page.getByLabel('Your message').fill('We are drafting a briefing on intermediary liability and would value your view.');
    await page.getByRole('button', { name: 'Send to a person' }).click();
    await page.getByRole('heading', { name: 'Your message has reached us' }).waitFor();
    assert.match((await page.locator('.reference').innerText()).trim(), /^CT-\d{4}-\d{6}$/);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), []);
    await context.close();
  });

  it('is sent in Arabic with the proof of work solved', async () => {
    const { context, requested } = await recordingContext(suite.browser, { locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/ar/contact`);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByLabel('اسمك').fill('ليلى');
    await page.getByLabel('عنوان بريدك الإلكتروني').fill('layla@example.org');
    await page.getByLabel('الموضوع').selectOption('press');
    await page.getByLabel('رسالتك').fill('أعمل على تقرير صحفي عن طلبات إزالة المحتوى وأودّ التحدث إلى أحد أعضاء فريقكم.');
    await page.locator('.pow-status', { hasText: /./ }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value !== '', undefined, { timeout: 60_000 });
    await page.getByRole('button', { name: 'أرسِل إلى إنسان' }).click();
    await page.getByRole('heading', { name: 'وصلتنا رسالتك' }).waitFor();
    assert.match((await page.locator('.reference').innerText()).trim(), /^CT-\d{4}-\d{6}$/);
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), []);
    await context.close();
  });

  it('has its link at the same place in the header of every page', async () => {
    const { context } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    const places = [];
    for (const path of ['/en/', '/en/transparency', '/en/notices', '/en/legal-help', '/en/requests/new', '/en/contact']) {
      await page.goto(`${suite.server.url}${path}`);
      places.push(await headerLink(page));
    }
    for (const place of places) assert.deepEqual(place, places[0], 'same box and same position in the header bar');
    assert.equal(places[0]!.href, '/en/contact');
    // In Arabic it stands at the mirrored place, still the same on every page.
    const arabic = [];
    for (const path of ['/ar/', '/ar/notices', '/ar/contact']) {
      await page.goto(`${suite.server.url}${path}`);
      arabic.push(await headerLink(page));
    }
    for (const place of arabic) assert.deepEqual(place, arabic[0]);
    await context.close();
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}, with and without problems shown`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/contact`);
      assert.deepEqual(await axeViolations(page), []);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      assert.equal(await page.getByRole('alert').locator('li').count(), 4);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang} on the page that says the message arrived`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/contact`);
      await page.locator('[name="name"]').fill('Noor');
      await page.locator('[name="email"]').fill('noor@newsroom.example');
      await page.locator('[name="topic"]').selectOption('press');
      await page.locator('[name="message"]').fill('A question from the press about the transparency report.');
      await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value !== '', undefined, { timeout: 60_000 });
      await page.locator('form button[type="submit"]').click();
      await page.locator('.reference').waitFor();
      assert.match((await page.locator('.reference').innerText()).trim(), /^CT-\d{4}-\d{6}$/);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }

  // Last: it spends the address's allowance, so that every later form is answered 429.
  it('passes axe-core on the page that says too many messages came from one address, in every language', async () => {
    // Every try counts, refused or not: past the allowance of a form with its proof of work solved too.
    let status = 0;
    for (let tries = 0; tries < 25; tries++) status = (await fetch(`${suite.server.url}/en/contact`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status;
    assert.equal(status, 429);
    const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
    const page = await context.newPage();
    for (const lang of ['en', 'es', 'ar']) {
      await page.goto(`${suite.server.url}/${lang}/contact`);
      const answered = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.locator('form button[type="submit"]').click();
      assert.equal((await answered).status(), 429, lang);
      await page.waitForLoadState();
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.deepEqual(await axeViolations(page), [], lang);
    }
    await context.close();
  });
});

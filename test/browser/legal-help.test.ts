import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';

const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

describe('the legal-help form in Chromium', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite();

  const reference = async (page: Page) => (await page.locator('.reference').innerText()).trim();

  it('is filled and sent in Arabic, right to left, with the proof of work solved, without cookies or requests elsewhere', async () => {
    const { context, requested } = await recordingContext(suite.browser, { locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/ar/legal-help`);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    await page.getByLabel('ما الذي تواجهه؟').selectOption('criminal_complaint');
    await page.getByLabel('ما الذي حدث', { exact: true }).fill('قدّم مسؤول محلي شكوى جنائية ضدي بسبب مقالة حررتها عن مشروع بناء.');
    await page.getByLabel('البلد الذي يحدث فيه ذلك').selectOption('EG');
    await page.getByLabel('المحكمة أو الجهة الرسمية (اختياري)').fill('نيابة وسط القاهرة');
    await page.getByLabel('المشروع', { exact: true }).fill('ar.wikipedia.org');
    await page.getByLabel('دورك في المشروع').selectOption('editor');
    await page.getByLabel('نعم', { exact: true }).check();
    await page.getByLabel('الموعد النهائي لدى المحكمة (اختياري)').fill(deadline);
    await page.getByLabel('اسمك أو اسم المستخدم').fill('سارة');
    await page.getByLabel('البريد الإلكتروني', { exact: true }).fill('sara@example.org');
    assert.equal(await page.getByLabel('اللغة التي نراسلك بها').inputValue(), 'ar', 'replies are proposed in the page language');
    await page.getByLabel(/أفهم أن الفريق القانوني/).check();
    await page.locator('.pow-status', { hasText: 'اكتمل التحقق' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    assert.notEqual(await page.locator('input[name="altcha"]').inputValue(), '', 'the proof of work was solved');
    await page.getByRole('button', { name: 'أرسل طلب المساعدة' }).click();
    await page.getByRole('heading', { name: 'تلقينا طلب المساعدة الذي أرسلته' }).waitFor();
    assert.match(await reference(page), /^LA-\d{4}-\d{6}$/);
    assert.deepEqual(await context.cookies(), [], 'no cookie, before or after sending');
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), [], 'nothing requested from anywhere but the server');
    assert.ok(requested.every((url) => new URL(url).hostname === '127.0.0.1'));
    await context.close();
  });

  it('works in English without JavaScript, showing the problems and then taking the corrected form', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/legal-help`);
    await page.getByLabel('What are you facing?').selectOption('threat_letter');
    await page.getByLabel('What happened', { exact: true }).fill('A law firm wrote that I must delete photographs I took of a public building or be sued.');
    await page.getByLabel('Country where this is happening').selectOption('DE');
    await page.getByLabel('Project', { exact: true }).fill('https://commons.wikimedia.org/wiki/File:Building.jpg');
    await page.getByLabel('Your role in the project').selectOption('photographer');
    await page.getByLabel('No, or I do not know').check();
    await page.getByLabel('Court deadline (optional)').fill('2020-05-01');
    await page.getByLabel('Your name or user name').fill('Photographer42');
    await page.getByLabel('E-mail address').fill('p42@example.org');
    await page.getByLabel('Language we should write to you in').selectOption('es');
    await page.getByRole('button', { name: 'Send my request for help' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    const problems = await summary.locator('li').allInnerTexts();
    assert.deepEqual(problems, [
      'The court deadline 2020-05-01 has already passed. If the date is wrong, correct it; if it really has passed, leave the field empty and tell us about it under "What happened".',
      'Confirm that you have read how we use your information.',
    ]);
    assert.equal(await page.getByLabel('Your name or user name').inputValue(), 'Photographer42', 'the answers are kept');
    await page.getByLabel('Court deadline (optional)').fill('');
    await page.getByLabel(/I understand that only the legal team/).check();
    await page.getByRole('button', { name: 'Send my request for help' }).click();
    await page.getByRole('heading', { name: 'We have received your request for help' }).waitFor();
    assert.match(await reference(page), /^LA-\d{4}-\d{6}$/);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), []);
    await context.close();
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}, with and without problems shown`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/legal-help`);
      assert.deepEqual(await axeViolations(page), []);
      await page.locator('button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      assert.ok((await page.getByRole('alert').locator('li').count()) >= 9);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang} on the page that gives the case's reference`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/legal-help`);
      await page.locator('[name="threat_kind"]').selectOption('threat_letter');
      await page.locator('[name="description"]').fill('A law firm wrote that I must delete an article I edited or be sued.');
      await page.locator('[name="country"]').selectOption('DE');
      await page.locator('[name="project"]').fill('de.wikipedia.org');
      await page.locator('[name="role"]').selectOption('editor');
      await page.locator('[name="court_case"][value="no"]').check();
      await page.locator('[name="name"]').fill('Editor42');
      await page.locator('[name="email"]').fill('editor42@example.org');
      await page.locator('[name="consent"]').check();
      await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value !== '', undefined, { timeout: 60_000 });
      await page.locator('form button[type="submit"]').click();
      await page.locator('.reference').waitFor();
      assert.match((await page.locator('.reference').innerText()).trim(), /^LA-\d{4}-\d{6}$/);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});

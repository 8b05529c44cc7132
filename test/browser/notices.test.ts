import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { prepareMissingDrafts } from '../../src/notices/prepare-draft.ts';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';

describe('the notice database in Chromium', { skip: withoutChromium }, () => {
  let reference = '';

  const suite = useBrowserSuite({
    async prepare(db) {
      const created = await submitRequests(
        db,
        [
          {
            kind: 'content_alteration',
            category: 'defamation',
            requester: { name: 'Marta Ríos', email: 'marta@correo.example', type: 'individual', country: 'MX' },
            text: 'Retiro de un artículo\nSoy Marta Ríos; mi teléfono es +52 55 1234 5678. Pido retirar https://es.wikipedia.org/wiki/Caso_de_ejemplo por difamación.',
            targets: [{ url: 'https://es.wikipedia.org/wiki/Caso_de_ejemplo' }],
          },
          {
            kind: 'copyright',
            requester: { name: 'Photo Agency', organization: 'Photo Agency', email: 'legal@agency.example', type: 'company', country: 'US' },
            text: 'Takedown of a photograph\nThe photograph at https://commons.wikimedia.org/wiki/File:Bridge.jpg is ours under 17 U.S.C. § 512(c)(3).',
            targets: [{ url: 'https://commons.wikimedia.org/wiki/File:Bridge.jpg' }],
          },
        ],
        { channel: 'api', actor: 'test' },
      );
      reference = created[0]!.reference;
      // Decided in an earlier system and imported with their outcomes; then reviewed and published.
      await db.updateTable('requests').set({ state: 'closed', outcome: 'denied', decided_at: new Date() }).where('reference', '=', created[0]!.reference).execute();
      await db.updateTable('requests').set({ state: 'closed', outcome: 'granted', decided_at: new Date() }).where('reference', '=', created[1]!.reference).execute();
      assert.equal(await prepareMissingDrafts(db), 2);
      await db.updateTable('public_notices').set({ state: 'published', published_at: new Date() }).execute();
    },
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`search and notice pages in ${lang} pass axe-core`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, locale: lang });
      const page = await context.newPage();
      for (const path of [`/${lang}/notices`, `/${lang}/notices?q=photograph&kind=copyright`, `/${lang}/notices/${reference}`, `/${lang}/notices?year=abc`]) {
        await page.goto(`${suite.server.url}${path}`);
        assert.deepEqual(await axeViolations(page), [], path);
      }
      await context.close();
    });

    it(`searches in ${lang} without JavaScript, sets no cookie and loads nothing from elsewhere`, async () => {
      const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false, locale: lang });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/notices`);
      if (lang === 'ar') assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await page.locator('#n-q').fill(lang === 'en' ? 'photograph' : 'artículo');
      await page.locator('details > summary').click();
      await page.locator('#n-kind').selectOption(lang === 'en' ? 'copyright' : 'content_alteration');
      await page.locator('form[role="search"] button[type="submit"]').click();
      await page.locator('li.hit').first().waitFor();
      assert.equal(await page.locator('li.hit').count(), 1);
      assert.ok((await page.locator('li.hit mark').count()) >= 1, 'the words found are highlighted');
      await page.locator('li.hit h3 a').click();
      await page.locator('h1').waitFor();
      const text = await page.locator('main').innerText();
      for (const secret of ['Marta', 'Ríos', '1234 5678', 'marta@']) assert.ok(!text.includes(secret), secret);
      assert.deepEqual(await context.cookies(), []);
      assert.deepEqual(requested.filter((url) => new URL(url).hostname !== '127.0.0.1'), []);
      await context.close();
    });
  }
});

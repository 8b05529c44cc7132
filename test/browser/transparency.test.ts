import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createRequests, type NewRequest } from '../../src/requests/create-requests.ts';
import type { Kind, Outcome } from '../../src/requests/model.ts';
import { publishSnapshot } from '../../src/transparency/publish-snapshot.ts';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { createStaffLogin } from '../helpers/staff.ts';

const Y = new Date().getUTCFullYear() - 1;
const PUBLISHED = `${Y}-H1`;
const PROVISIONAL = `${Y}-H2`;

const COUNTRIES = ['US', 'DE', 'BR', 'IN', 'EG', 'MT', null];
const KINDS: [Kind, string | null][] = [
  ['content_alteration', 'defamation'],
  ['content_alteration', 'privacy'],
  ['copyright', null],
  ['copyright', 'counter_notice'],
  ['user_data', 'court_order'],
  ['emergency', 'self_harm'],
  ['preservation', null],
];
const OUTCOMES: Outcome[] = ['granted', 'partially_granted', 'denied', 'denied', 'not_actionable'];

/** A spread of requests over both halves of last year, every kind, several countries and outcomes. */
function requests(): NewRequest[] {
  return Array.from({ length: 90 }, (_, i) => {
    const [kind, category] = KINDS[i % KINDS.length]!;
    return {
      kind,
      category,
      channel: 'post' as const,
      receivedAt: new Date(Date.UTC(Y, i % 12, 1 + (i % 27), 10)),
      outcome: OUTCOMES[i % OUTCOMES.length]!,
      requester: { type: i % 3 === 0 ? 'court' : 'company', country: COUNTRIES[i % COUNTRIES.length]! },
      targets: [{ type: 'page' as const, url: `https://en.wikipedia.org/wiki/Page_${i}`, project: i % 2 ? 'en.wikipedia.org' : 'commons.wikimedia.org' }],
      accounts: kind === 'user_data' ? { potentiallyAffected: 3, actuallyAffected: 1, notified: 1 } : undefined,
    };
  });
}

describe('the transparency report in Chromium', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite({
    async prepare(db) {
      await db.transaction().execute((trx) => createRequests(trx, requests(), 'test'));
      const counsel = await createStaffLogin(db, 'counsel');
      await publishSnapshot(db, PUBLISHED, counsel.userId);
    },
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}: the front page, a published period and a provisional one`, async () => {
      const { context, requested } = await recordingContext(suite.browser, { locale: lang, bypassCSP: true });
      const page = await context.newPage();
      for (const address of [`/${lang}/transparency`, `/${lang}/transparency/${PUBLISHED}`, `/${lang}/transparency/${PROVISIONAL}`, `/${lang}/transparency/${Y}-H7`]) {
        const response = await page.goto(`${suite.server.url}${address}`);
        assert.ok(response!.status() === 200 || address.endsWith('H7'), address);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.deepEqual(await axeViolations(page), [], `${address} has no axe-core violation`);
      }
      assert.deepEqual(await context.cookies(), [], 'no cookie');
      assert.deepEqual(requested.filter((url) => new URL(url).hostname !== '127.0.0.1'), [], 'nothing requested from anywhere but 127.0.0.1');
      await context.close();
    });
  }

  it('is readable without JavaScript: headline, status, charts and tables, with no cookie and nothing from elsewhere', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false, locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/ar/transparency`);
    assert.match(await page.locator('#headline').innerText(), new RegExp(`^في العام الماضي \\(${Y}\\) تلقّينا \\d+ طلب`));
    await page.getByRole('link', { name: `النصف الأول من ${Y}`, exact: true }).click();
    assert.equal(new URL(page.url()).pathname, `/ar/transparency/${PUBLISHED}`);
    assert.match(await page.locator('#status').innerText(), /التقرير المنشور، الإصدار 1/);
    assert.equal(await page.locator('#live-differs').count(), 0, 'the live figures are those published');
    const table = page.getByRole('table', { name: /الطلبات الواردة والمقبولة حسب النوع/ });
    assert.ok(await table.isVisible());
    assert.ok((await table.getByRole('row').count()) === 7, 'a header row and six kinds');
    const map = page.getByRole('img', { name: /خريطة العالم للطلبات حسب البلد/ });
    assert.ok(await map.isVisible());
    const box = (await map.boundingBox())!;
    assert.ok(box.width > 300 && box.width <= 1000, `the map fits the page (${box.width} px)`);
    assert.ok((await page.getByRole('img', { name: /^رسم بياني/ }).count()) >= 8, 'the charts are labelled images');
    const file = path.join(os.tmpdir(), `candor-transparency-ar-${process.pid}.png`);
    await page.setViewportSize({ width: 1000, height: 1200 });
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 50_000, `screenshot at ${file}`);
    // Printing: no navigation or download links, and the charts kept whole.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('p.downloads').first().isVisible(), false);
    assert.equal(await page.locator('footer.site').isVisible(), false);
    assert.ok(await map.isVisible());
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(requested.filter((url) => new URL(url).hostname !== '127.0.0.1'), []);
    await context.close();
  });

  it('downloads the snapshot JSON from the page as a file', async () => {
    const { context } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/transparency/${PUBLISHED}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the published JSON \(version 1\)/ }).click()]);
    assert.equal(download.suggestedFilename(), `transparency-${PUBLISHED}-v1.json`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const hash = (await page.locator('code.hash').innerText()).trim();
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(text).digest('hex'), hash);
    await context.close();
  });
});

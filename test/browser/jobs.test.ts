import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { axeViolations, staffContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { captureServer } from '../helpers/mail.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

describe('the background jobs page in Chromium', { skip: withoutChromium }, () => {
  let admin: StaffLogin;
  const smtp = captureServer();
  let smtpPort = 0;

  const suite = useBrowserSuite({
    async prepare(db) {
      admin = await createStaffLogin(db, 'admin');
      smtpPort = await smtp.listen();
    },
    // With SMTP_URL the outbox delivery job is there to be listed.
    env: () => ({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }),
  });
  after(async () => {
    await smtp.close();
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}, and only the server is asked for anything`, async () => {
      const { context, requested } = await staffContext(suite.browser, admin.cookie, lang);
      const page = await context.newPage();
      const response = await page.goto(`${suite.server.url}/console/jobs`);
      assert.equal(response!.status(), 200);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.equal(await page.locator('tr[data-kind="outbox.deliver"]').count(), 1);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), []);
      await context.close();
    });
  }
});

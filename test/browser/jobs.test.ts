import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, staffContext } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { captureServer } from '../helpers/mail.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the background jobs page in Chromium', { skip: !fs.existsSync(chromium) && `no Chromium at ${chromium}` }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: StaffLogin;
  const smtp = captureServer();

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    admin = await createStaffLogin(handle.db, 'admin');
    await handle.close();
    const port = await smtp.listen();
    // With SMTP_URL the outbox delivery job is there to be listed.
    server = await startServer({ ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}` });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp.close();
    await database?.drop();
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}, and only the server is asked for anything`, async () => {
      const { context, requested } = await staffContext(browser, admin.cookie, lang);
      const page = await context.newPage();
      const response = await page.goto(`${server.url}/console/jobs`);
      assert.equal(response!.status(), 200);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.equal(await page.locator('tr[data-kind="outbox.deliver"]').count(), 1);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(requested.filter((url) => !url.startsWith(server.url)), []);
      await context.close();
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAccessible, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { TestAuthenticator, addStaffByCli } from '../helpers/sign-in.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const EMAIL = 'leila.mansour@desk.example';
const PASSWORD = 'juniper harbour telescope';

describe('staff sign-in in Chromium', () => {
  let token: string;
  let admin: StaffLogin;
  const suite = useBrowserSuite({
    async beforeOpen(database) {
      // An editor's console home is a page of its own (the desk's roles go on to the request queue).
      token = await addStaffByCli(database.env, EMAIL, 'editor');
    },
    async prepare(db) {
      admin = await createStaffLogin(db, 'admin', 'amal@desk.example');
    },
  });

  it('sets up the account through its link, signs out, signs in with password and TOTP, steps up; every page passes axe-core', async () => {
    const { context, requested } = await recordingContext(suite.browser, { bypassCSP: true });
    const page = await context.newPage();

    await page.goto(`${suite.server.url}/console/welcome/${token}`);
    await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await assertAccessible(page, 'the welcome page');
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('The same password again').fill('short');
    // The browser's own check (minlength) stops a short password before it is sent.
    await page.getByRole('button', { name: 'Save the password' }).click();
    assert.equal(await page.getByLabel('New password').evaluate((input: HTMLInputElement) => input.validity.tooShort), true);
    await page.getByLabel('New password').fill('password1234');
    await page.getByLabel('The same password again').fill('password1234');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('alert').filter({ hasText: 'found in data breaches' }).waitFor();
    await assertAccessible(page, 'the welcome page with a problem');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('The same password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save the password' }).click();

    await page.getByRole('heading', { name: '2. Connect an authenticator app' }).waitFor();
    assert.ok(await page.getByRole('img', { name: 'QR code with the key for your authenticator app' }).isVisible());
    await assertAccessible(page, 'the authenticator step');
    const app = new TestAuthenticator((await page.locator('code.secret').innerText()).replace(/\s/g, ''));
    await page.getByLabel('Code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();

    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/');
    // Chromium treats http://127.0.0.1 as a secure context, so it keeps a Secure, __Host- cookie there.
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0]!.name, '__Host-candor-session');
    assert.equal(cookies[0]!.secure, true);
    assert.equal(cookies[0]!.httpOnly, true);
    assert.equal(cookies[0]!.sameSite, 'Lax');
    assert.equal(cookies[0]!.path, '/');
    assert.equal(cookies[0]!.domain, '127.0.0.1');
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    assert.deepEqual(await context.cookies(), []);
    await assertAccessible(page, 'the sign-in page');

    await page.getByLabel('E-mail address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('juniper harbour telescopes');
    await page.getByLabel('Code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The e-mail address, password or code is not right.' }).waitFor();
    await assertAccessible(page, 'the sign-in page with a problem');
    assert.equal(await page.getByLabel('E-mail address').inputValue(), EMAIL, 'the address is kept, the password is not');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();

    await page.goto(`${suite.server.url}/console/step-up?next=%2Fconsole%2Fsessions`);
    await assertAccessible(page, 'the step-up page');
    await page.getByLabel('Code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
    assert.match(await page.locator('tr.current').innerText(), /Chromium on Linux/);
    await assertAccessible(page, 'the sessions page');

    assert.deepEqual(requested.filter((address) => !address.startsWith(suite.server.url)), [], 'nothing loaded from anywhere else');
    await context.close();
  });

  it('the sign-in page in Arabic runs right to left and passes axe-core', async () => {
    const { context } = await recordingContext(suite.browser, { locale: 'ar', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/console/login`);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByRole('heading', { name: 'تسجيل الدخول إلى لوحة التحكم' }).waitFor();
    await assertAccessible(page, 'the Arabic sign-in page');
    await context.close();
  });

  it('the accounts page, with a new one-time link on it, passes axe-core in English and Arabic', async () => {
    for (const locale of ['en-GB', 'ar']) {
      const { context } = await recordingContext(suite.browser, { locale, bypassCSP: true });
      const [name, value] = admin.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/console/users`);
      await assertAccessible(page, `the accounts page (${locale})`);
      await page.locator('form[action="/console/users"] input[name="email"]').fill(`omar.${locale}@desk.example`);
      await page.locator('form[action="/console/users"] button').click();
      await page.locator('code.sign-in-link').waitFor();
      assert.match(await page.locator('code.sign-in-link').innerText(), /\/console\/welcome\/[A-Za-z0-9_-]{43}$/);
      await assertAccessible(page, `the accounts page with a new link (${locale})`);
      await context.close();
    }
  });
});

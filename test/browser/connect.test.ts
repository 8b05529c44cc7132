import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { linksIn } from '../helpers/connect.ts';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { captureServer, waitFor } from '../helpers/mail.ts';
import { createStaffLogin, getPage, type StaffLogin } from '../helpers/staff.ts';

describe('Connect in Chromium', { skip: withoutChromium }, () => {
  let editor: StaffLogin;
  const smtp = captureServer();
  let smtpPort = 0;
  /** Links from the mail received, for the accessibility checks of the pages they open. */
  const links = {} as { confirm: string; unsubscribe: string };

  const suite = useBrowserSuite({
    async prepare(db) {
      editor = await createStaffLogin(db, 'editor');
      smtpPort = await smtp.listen();
    },
    env: () => ({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'news@trust.example' }),
  });
  after(async () => {
    await smtp.close();
  });

  const mailTo = (address: string) => smtp.received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === address);
  /** A header exactly as it travelled over SMTP, its folded lines joined. */
  const rawHeader = (mail: (typeof smtp.received)[number], name: string) =>
    mail.headerLines
      .find((line) => line.key === name.toLowerCase())
      ?.line.replace(/\r?\n[ \t]+/g, ' ')
      .slice(name.length + 1)
      .trim();
  const subscribers = async () => (await (await getPage(`${suite.server.url}/console/connect`, editor)).text()).match(/<td dir="ltr">[^<]+<\/td><td dir="auto">[^]*?<\/td><td>[^<]*<\/td><td>[^<]+<\/td>/g)?.join('\n') ?? '';

  it('the whole Connect double opt-in and unsubscribe through a real SMTP server on loopback', async () => {
    const { context, requested } = await recordingContext(suite.browser);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/connect`);
    await page.getByLabel('E-mail address').fill('reader@example.org');
    await page.getByLabel('Name (optional)').fill('Reader');
    assert.equal(await page.getByLabel('Language of the newsletter').inputValue(), 'en', 'the page’s language is proposed');
    await page.locator('.pow-status', { hasText: 'Check done' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    // The confirmation, as the mail server received it.
    const mail = await waitFor(() => mailTo('reader@example.org')[0]);
    assert.equal(mail.subject, 'Confirm your subscription to the Free Knowledge Trust newsletter');
    const { confirm, unsubscribe } = linksIn(mail.text ?? '');
    assert.ok(confirm?.startsWith(`${suite.server.url}/en/connect/confirm?token=`));
    assert.ok(unsubscribe?.startsWith(`${suite.server.url}/en/connect/unsubscribe?token=`));
    assert.equal(rawHeader(mail, 'List-Unsubscribe'), `<${unsubscribe}>`);
    assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(!(mail.text ?? '').includes('Reader'), 'the confirmation greets no one by the name typed');
    Object.assign(links, { confirm, unsubscribe });

    await page.goto(confirm!);
    await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
    assert.match(await subscribers(), /reader@example\.org[^]*Pending/, 'opening the link confirmed nothing');
    await page.getByRole('button', { name: 'Yes, send me the newsletter' }).click();
    await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
    assert.match(await subscribers(), /reader@example\.org[^]*Confirmed/);

    // A mail program's one-click unsubscribe: a bare POST to the header's address, no cookie, no token but the link's.
    const oneClick = await fetch(/^<(.+)>$/.exec(rawHeader(mail, 'List-Unsubscribe')!)![1]!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);
    await oneClick.arrayBuffer();
    assert.doesNotMatch(await subscribers(), /reader@example\.org/);

    assert.deepEqual(await context.cookies(), [], 'no cookie at any step');
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), [], 'nothing requested from anywhere else');
    await context.close();
  });

  it('signs up in Spanish without JavaScript, confirms, and unsubscribes by the link in the mail and its button', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/es/connect`);
    await page.getByLabel('Correo electrónico').fill('lectora@example.org');
    await page.getByRole('button', { name: 'Suscribirme' }).click();
    await page.getByRole('heading', { name: 'Revisa tu correo' }).waitFor();
    const mail = await waitFor(() => mailTo('lectora@example.org')[0]);
    assert.equal(mail.subject, 'Confirma tu suscripción al boletín de Free Knowledge Trust');
    const { confirm, unsubscribe } = linksIn(mail.text ?? '');
    assert.ok(confirm?.includes('/es/connect/confirm?token='));
    await page.goto(confirm!);
    await page.getByRole('button', { name: 'Sí, envíame el boletín' }).click();
    await page.getByRole('heading', { name: 'Ya estás suscrito' }).waitFor();

    await page.goto(unsubscribe!);
    await page.getByRole('heading', { name: 'Darse de baja del boletín' }).waitFor();
    assert.match(await subscribers(), /lectora@example\.org/, 'opening the link unsubscribed no one');
    await page.getByRole('button', { name: 'Darme de baja' }).click();
    await page.getByRole('heading', { name: 'Te has dado de baja' }).waitFor();
    assert.doesNotMatch(await subscribers(), /lectora@example\.org/);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(requested.filter((url) => !url.startsWith(suite.server.url)), []);
    await context.close();
  });

  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang}: the form, its problems, the answer, and the pages of the links`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      const check = async (what: string) => assert.deepEqual(await axeViolations(page), [], `${lang}: ${what}`);
      await page.goto(`${suite.server.url}/${lang}/connect`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      await check('the form');
      await page.locator('#f-email').fill('not an address');
      await page.locator('button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      await check('the form with a problem');
      await page.locator('#f-email').fill(`axe-${lang}@example.org`);
      await page.locator('button[type="submit"]').click();
      await page.locator('.notice[role="status"]').waitFor();
      await check('the answer');
      // The links of the first test's mail, opened in this language (their tokens are the same in every language).
      const inLang = (link: string) => link.replace('/en/connect/', `/${lang}/connect/`);
      await page.goto(inLang(links.confirm));
      await check('a used confirmation link');
      await page.goto(`${suite.server.url}/${lang}/connect/confirm?token=${'B'.repeat(43)}`);
      await check('an unknown confirmation link');
      await page.goto(inLang(links.unsubscribe));
      await page.locator('form button[type="submit"]').waitFor();
      await check('the unsubscribe page');
      await page.goto(`${suite.server.url}/${lang}/connect/unsubscribe?token=nonsense`);
      await check('an unsubscribe link that does not work');
      await context.close();
    });
  }
});

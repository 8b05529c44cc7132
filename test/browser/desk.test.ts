import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { assertAccessible, recordingContext, staffContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { captureServer, waitFor } from '../helpers/mail.ts';
import { TestAuthenticator, addStaffByCli } from '../helpers/sign-in.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const EMAIL = 'ines.duarte@desk.example';
const PASSWORD = 'lantern orchard quietly';

describe('the desk in Chromium: from the queue to a decision', () => {
  let token: string;
  let reference: string;
  let auditor: StaffLogin;
  let admin: StaffLogin;
  const smtp = captureServer();
  let smtpPort = 0;

  const suite = useBrowserSuite({
    async beforeOpen(database) {
      token = await addStaffByCli(database.env, EMAIL, 'counsel');
    },
    async prepare(db) {
      auditor = await createStaffLogin(db, 'auditor', 'audit@desk.example');
      admin = await createStaffLogin(db, 'admin', 'admin@desk.example');
      const [created] = await submitRequests(
        db,
        [{ kind: 'content_alteration', category: 'defamation', language: 'es', requester: { name: 'Bufete Ortega', email: 'contacto@bufete-ortega.example', type: 'lawyer', country: 'ES' }, text: 'Solicitamos la retirada del artículo sobre nuestro cliente.', targets: [{ url: 'https://es.wikipedia.org/wiki/Ejemplo' }] }],
        { channel: 'api', actor: 'test' },
      );
      reference = created!.reference;
      smtpPort = await smtp.listen();
    },
    env: () => ({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'legal@trust.example' }),
  });
  after(async () => {
    await smtp.close();
  });

  it('signs in with password and TOTP, notes, replies in Spanish, decides, notifies — without JavaScript — and shows each step', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const app = await (async () => {
      await page.goto(`${suite.server.url}/console/welcome/${token}`);
      await page.getByLabel('New password').fill(PASSWORD);
      await page.getByLabel('The same password again').fill(PASSWORD);
      await page.getByRole('button', { name: 'Save the password' }).click();
      const authenticator = new TestAuthenticator((await page.locator('code.secret').innerText()).replace(/\s/g, ''));
      await page.getByLabel('Code from your authenticator app').fill(await authenticator.code());
      await page.getByRole('button', { name: 'Confirm and sign in' }).click();
      await page.getByRole('heading', { name: 'Requests' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      return authenticator;
    })();

    // Sign in with the password and the second factor.
    await page.goto(`${suite.server.url}/console/requests`);
    assert.equal(new URL(page.url()).pathname, '/console/login');
    await page.getByLabel('E-mail address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Requests' }).waitFor();

    // Take the request from the queue.
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: new RegExp(reference) }).waitFor();
    assert.ok(await page.getByText('Solicitamos la retirada del artículo').isVisible());
    await page.getByLabel('Assigned to').selectOption({ label: EMAIL });
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('The assignment is changed.').waitFor();

    // An internal note: kept, never sent.
    await page.getByLabel('Note', { exact: true }).fill('The article quotes two national newspapers.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page.getByText('The note is saved. It will not be sent.').waitFor();
    assert.ok(await page.locator('.note', { hasText: 'two national newspapers' }).isVisible());

    // A reply from a template, in Spanish.
    await page.getByLabel('Template').selectOption({ label: 'Ask for more information' });
    await page.locator('select[name="lang"]').selectOption('es');
    await page.getByRole('button', { name: 'Use this template' }).click();
    const subject = await page.locator('#reply-subject').inputValue();
    assert.equal(subject, `Necesitamos más información sobre su solicitud ${reference}`);
    const body = await page.locator('#reply-body').inputValue();
    assert.match(body, /^Estimado\/a Bufete Ortega:/);
    await page.locator('#reply-body').fill(body.replace('\n- \n', '\n- La frase exacta que considera difamatoria.\n'));
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('The reply is in the outbox.').waitFor();
    const reply = await waitFor(() => smtp.received.find((mail) => mail.subject?.includes(reference) && mail.subject.startsWith('Necesitamos')));
    assert.match(reply.text ?? '', /La frase exacta que considera difamatoria/);
    assert.equal((reply.to as { text: string }).text, 'contacto@bufete-ortega.example');

    // The evaluation, then the decision with its rationale.
    for (const [question, answer] of <[string, string][]>[['Is the demand legally valid and complete?', 'Yes'], ['Must the organisation act under the law that applies to it?', 'No'], ['Would acting harm users\' rights or the public interest?', 'Yes'], ['For an order: is the issuing authority competent?', 'Not an order']]) {
      await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Save the evaluation' }).click();
    await page.getByText('The evaluation is saved.').waitFor();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('alert').filter({ hasText: 'choose an outcome' }).waitFor();
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Denied', { exact: true }).check();
    await page.getByLabel('Rationale').fill('Accurate reporting on a public figure, sourced to two newspapers.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByText('The decision is recorded.').waitFor();

    // Tell the user whose article was targeted.
    await page.getByLabel('Account (username)').fill('Redactora77');
    await page.getByLabel('E-mail address registered with the account').fill('redactora77@example.org');
    await page.locator('#notify-language').selectOption('es');
    await page.locator('#notify-subject').fill('Una solicitud sobre un artículo que editaste');
    await page.locator('#notify-body').fill('Recibimos una solicitud para retirar un artículo que editaste. La hemos rechazado.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The notification is recorded.').waitFor();
    await waitFor(() => smtp.received.find((mail) => mail.subject === 'Una solicitud sobre un artículo que editaste'));

    // Each step in the timeline, in order.
    const actions = await page.locator('.timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-action')));
    const expected = ['request.created', 'request.assigned', 'request.note_added', 'request.reply_queued', 'request.evaluated', 'request.decided', 'request.user_notified'];
    assert.deepEqual(actions.filter((action) => expected.includes(action!)), expected);
    assert.ok(smtp.received.every((mail) => !(mail.text ?? '').includes('two national newspapers')), 'the note was never mailed');
    assert.deepEqual(requested.filter((address) => !address.startsWith(suite.server.url)), [], 'nothing loaded from elsewhere');
    await context.close();

    // And in the audit trail, as the auditor sees it.
    const audit = (await staffContext(suite.browser, auditor.cookie)).context;
    const auditPage = await audit.newPage();
    await auditPage.goto(`${suite.server.url}/console/audit?subject=${reference}`);
    const text = await auditPage.locator('main').innerText();
    for (const action of expected) assert.ok(text.includes(action), `the audit trail lists ${action}`);
    assert.ok(text.includes(`staff:${EMAIL}`) || text.includes(EMAIL), 'with the member of staff as actor');
    await assertAccessible(auditPage, 'the audit trail');
    await audit.close();
  });

  it('passes axe-core on the queue, the request page (also with a problem), the desk settings and retention, in English and Arabic', async () => {
    for (const locale of ['en-GB', 'ar']) {
      const context = (await staffContext(suite.browser, admin.cookie, locale)).context;
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/console/requests?state=all`);
      await assertAccessible(page, `the queue (${locale})`);
      await page.goto(`${suite.server.url}/console/requests/${reference}`);
      await assertAccessible(page, `the request page (${locale})`);
      await page.locator('#form-note button[type="submit"]').click();
      await page.getByRole('alert').first().waitFor();
      await assertAccessible(page, `the request page with a problem (${locale})`);
      await page.goto(`${suite.server.url}/console/desk`);
      await assertAccessible(page, `the desk settings (${locale})`);
      if (locale === 'ar') assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await page.goto(`${suite.server.url}/console/retention`);
      await assertAccessible(page, `the retention settings (${locale})`);
      // The suite.browser itself refuses 0 in a field of at least 1; the server's answer is what is checked here.
      await page.locator('form[action="/console/retention/periods"]').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
      await page.locator('input[name="copyright"]').fill('0');
      await page.locator('form[action="/console/retention/periods"] button[type="submit"]').click();
      await page.getByRole('alert').first().waitFor();
      await assertAccessible(page, `the retention settings with a problem (${locale})`);
      await context.close();
    }
  });
});

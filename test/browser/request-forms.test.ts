import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';

describe('request forms in Chromium', () => {
  let readToken: string;

  const suite = useBrowserSuite({
    async beforeOpen(database) {
      readToken = (await runCli(['token', 'create', 'browser test', '--scope', 'read'], database.env)).stdout.trim();
    },
  });

  const stored = async (reference: string) => {
    const response = await fetch(`${suite.server.url}/api/v1/requests/${reference}`, { headers: { authorization: `Bearer ${readToken}` } });
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, any>;
  };

  it('names every missing element of a copyright notice, in Spanish, then accepts the complete notice', async () => {
    const { context, requested } = await recordingContext(suite.browser, { locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/es/requests/new`);
    await page.getByRole('link', { name: /Aviso de derechos de autor/ }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');

    await page.getByRole('button', { name: 'Enviar la solicitud' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    const problems = await summary.locator('li').allInnerTexts();
    assert.equal(problems.length, 6, problems.join('\n'));
    for (const element of ['(A)(i)', '(A)(ii)', '(A)(iii)', '(A)(iv)', '(A)(v)', '(A)(vi)']) {
      assert.ok(problems.some((problem) => problem.includes(`§512(c)(3)${element}`)), `names the element ${element}`);
    }
    assert.ok(problems.some((problem) => problem.startsWith('Identifica la obra protegida')));

    await page.getByLabel('Tu nombre completo').fill('Lucía Ferrer');
    await page.getByLabel('Correo electrónico').fill('lucia@estudio-ferrer.example');
    await page.getByLabel('Escribes como (opcional)').selectOption('company');
    await page.getByLabel('País (opcional)').selectOption('ES');
    await page.getByLabel('La obra protegida').fill('Fotografía «Faro al amanecer», publicada en 2021 en estudio-ferrer.example.');
    await page.getByLabel('Direcciones (URL) de las páginas o archivos').fill('https://commons.wikimedia.org/wiki/File:Faro.jpg\nhttps://es.wikipedia.org/wiki/Faro');
    await page.getByLabel(/Creo de buena fe/).check();
    await page.getByLabel(/bajo pena de perjurio/).check();
    await page.getByLabel('Firma').fill('Lucía Ferrer');
    await page.locator('.pow-status', { hasText: 'Comprobación hecha' }).waitFor({ timeout: 30_000 });
    assert.notEqual(await page.locator('input[name="altcha"]').inputValue(), '', 'the proof of work was solved');
    await page.getByRole('button', { name: 'Enviar la solicitud' }).click();

    await page.getByRole('heading', { name: 'Hemos recibido tu solicitud' }).waitFor();
    const reference = (await page.locator('.reference').innerText()).trim();
    assert.match(reference, /^CR-\d{4}-\d{6}$/);

    const request = await stored(reference);
    assert.equal(request.channel, 'web');
    assert.equal(request.kind, 'copyright');
    assert.equal(request.language, 'es');
    assert.deepEqual(request.requester, { name: 'Lucía Ferrer', organization: null, email: 'lucia@estudio-ferrer.example', type: 'company', country: 'ES' });
    assert.deepEqual(request.targets.map((target: { project: string }) => target.project), ['commons.wikimedia.org', 'es.wikipedia.org']);
    assert.match(request.text, /Faro al amanecer/);
    assert.match(request.text, /Firma:\nLucía Ferrer/);

    assert.deepEqual(await context.cookies(), [], 'no cookie, before or after submitting');
    const elsewhere = requested.filter((url) => !url.startsWith(suite.server.url));
    assert.deepEqual(elsewhere, [], 'nothing loaded from anywhere else');
    await context.close();
  });

  it('works without JavaScript', async () => {
    const { context } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/en/requests/new/content`);
    await page.getByLabel('Your full name').fill('Sam Okafor');
    await page.getByLabel('E-mail address').fill('sam@example.org');
    await page.getByLabel('Grounds').selectOption('defamation');
    await page.getByLabel('Addresses (URLs) of the pages or files').fill('https://en.wikipedia.org/wiki/Sam_Okafor');
    await page.getByLabel('Explanation').fill('The article claims I was convicted of fraud; I was acquitted in 2019 (case 19-CR-4411).');
    await page.getByLabel(/I confirm in good faith/).check();
    const judgment = Buffer.from('%PDF-1.4\n% acquittal judgment\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await page.getByLabel(/^Documents/).setInputFiles([{ name: 'judgment.pdf', mimeType: 'application/pdf', buffer: judgment }]);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByRole('heading', { name: 'We have received your request' }).waitFor();
    const request = await stored((await page.locator('.reference').innerText()).trim());
    assert.equal(request.kind, 'content_alteration');
    assert.equal(request.category, 'defamation');
    assert.deepEqual(
      request.attachments.map((attachment: { filename: string; content_type: string; size_bytes: number }) => [attachment.filename, attachment.content_type, attachment.size_bytes]),
      [['judgment.pdf', 'application/pdf', judgment.length]],
    );
    await context.close();
  });

  it('refuses an oversize document with a message on the form, storing nothing', async () => {
    const count = async () => ((await (await fetch(`${suite.server.url}/api/v1/requests?limit=200`, { headers: { authorization: `Bearer ${readToken}` } })).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const form = new FormData();
    for (const [name, value] of Object.entries({ name: 'Ana', email: 'ana@example.org', category: 'court_order', legal_basis: 'Order 12/2026', accounts: 'Example' })) form.append(name, value);
    form.append('attachments', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)], { type: 'application/pdf' }), 'huge.pdf');
    const response = await fetch(`${suite.server.url}/en/requests/new/user-data`, { method: 'POST', body: form });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /A document is larger than 10 MB/);
    assert.equal(await count(), before);
  });

  it('keeps a robot that fills the hidden field out, telling it nothing', async () => {
    const before = (await (await fetch(`${suite.server.url}/api/v1/requests?limit=200`, { headers: { authorization: `Bearer ${readToken}` } })).json()) as { items: unknown[] };
    const response = await fetch(`${suite.server.url}/en/requests/new/emergency`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Bot', email: 'bot@example.org', category: 'violence', explanation: 'x', accounts: 'Someone', website: 'https://spam.example' }).toString(),
    });
    assert.equal(response.status, 200);
    const after = (await (await fetch(`${suite.server.url}/api/v1/requests?limit=200`, { headers: { authorization: `Bearer ${readToken}` } })).json()) as { items: unknown[] };
    assert.equal(after.items.length, before.items.length);
  });

  for (const [lang, path] of [
    ['en', '/requests/new'],
    ['ar', '/requests/new/user-data'],
    ['es', '/requests/new/copyright'],
  ] as const) {
    it(`passes axe-core on ${lang}${path}, with and without errors shown`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}${path}`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.deepEqual(await axeViolations(page), []);
      if (path !== '/requests/new') {
        await page.locator('button[type="submit"]').click();
        await page.getByRole('alert').waitFor();
        assert.deepEqual(await axeViolations(page), []);
      }
      await context.close();
    });
  }
  for (const lang of ['en', 'es', 'ar']) {
    it(`passes axe-core in ${lang} on the page that gives the request's reference`, async () => {
      const { context } = await recordingContext(suite.browser, { bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/${lang}/requests/new/preservation`);
      await page.locator('[name="name"]').fill('Inspector Vega');
      await page.locator('[name="email"]').fill('vega@police.example');
      await page.locator('[name="legal_basis"]').fill('Preservation order 12/2026 of the investigating judge, pending a formal request.');
      await page.locator('[name="accounts"]').fill('User:Example');
      await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value !== '', undefined, { timeout: 60_000 });
      await page.locator('form button[type="submit"]').click();
      await page.locator('.reference, .summary, h1:not(.bilingual)').first().waitFor();
      assert.equal(await page.locator('.summary').count(), 0, await page.locator('main').innerText());
      assert.match((await page.locator('.reference').innerText()).trim(), /^[A-Z]{2}-\d{4}-\d{6}$/);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});

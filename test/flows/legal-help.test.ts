import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/** A complete request for help, as a browser would post it. */
const complete = {
  threat_kind: 'lawsuit',
  description: 'Una empresa me ha demandado por difamación por un artículo que edité sobre su historia.',
  country: 'AR',
  authority: 'Juzgado Civil n.º 12 de Buenos Aires',
  project: 'es.wikipedia.org',
  role: 'editor',
  court_case: 'yes',
  court_deadline: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
  urls: 'https://es.wikipedia.org/wiki/Empresa_Ejemplo',
  request_reference: '',
  name: 'Lucía R.',
  email: 'lucia@example.org',
  phone: '',
  messenger: 'Signal: +54 11 5555 0000',
  language: 'es',
  consent: 'yes',
};

describe('the legal-help form', () => {
  let database: TestDatabase;
  let server: RunningServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const post = (lang: string, fields: Record<string, string>) =>
    fetch(`${server.url}/${lang}/legal-help`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  it('is served in English, Spanish and Arabic, with language and direction, linked from the footer, without cookies', async () => {
    for (const [lang, dir, title] of [
      ['en', 'ltr', 'Legal help for contributors'],
      ['es', 'ltr', 'Ayuda legal para colaboradores'],
      ['ar', 'rtl', 'مساعدة قانونية للمساهمين'],
    ] as const) {
      const response = await fetch(`${server.url}/${lang}/legal-help`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      assert.ok(html.includes(`<html lang="${lang}" dir="${dir}">`), `${lang}: language and direction`);
      assert.ok(html.includes(`<h1 class="bilingual">${title}<span aria-hidden="true"> — </span>`), lang);
      assert.ok(html.includes(`<form method="post" action="/${lang}/legal-help"`));
      // The language alternates and the canonical link name this page's absolute addresses; they load nothing.
      assert.ok(!/(src|href)="(https?:)?\/\//.test(html.replace(/<link rel="(alternate|canonical)"[^>]*>/g, '')), 'nothing loads from elsewhere');
      for (const field of ['threat_kind', 'description', 'country', 'authority', 'project', 'role', 'court_case', 'court_deadline', 'urls', 'request_reference', 'name', 'email', 'phone', 'messenger', 'language', 'consent', 'website', 'altcha']) {
        assert.ok(html.includes(`name="${field}"`), `${lang}: field ${field}`);
      }
      assert.ok(html.includes(`<option value="${lang}" selected`), 'the page language is proposed for replies');
      const home = await (await fetch(`${server.url}/${lang}/requests/new`)).text();
      assert.ok(home.includes(`<a href="/${lang}/legal-help">`), 'the footer links to the form');
    }
    assert.equal((await fetch(`${server.url}/xx/legal-help`)).status, 404);
  });

  it('names every missing field in Spanish (400), storing nothing', async () => {
    const response = await post('es', { description: '   ', language: '' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('set-cookie'), null);
    const html = await response.text();
    assert.ok(html.includes('<title>Error: Ayuda legal para colaboradores'), 'the title says there is an error');
    assert.ok(html.includes('Hay 10 problemas en el formulario'), 'the summary counts the problems');
    for (const message of [
      'Elige a qué te enfrentas.',
      'Cuéntanos qué ha pasado.',
      'Elige el país donde ocurre.',
      'Indica el proyecto en el que hiciste ese trabajo, por ejemplo es.wikipedia.org.',
      'Elige tu papel en el proyecto.',
      'Indica si hay un proceso judicial.',
      'Indica un nombre o nombre de usuario con el que dirigirnos a ti.',
      'Indica un correo electrónico en el que podamos contactarte.',
      'Elige el idioma en el que debemos escribirte.',
      'Confirma que has leído cómo usamos tu información.',
    ]) {
      assert.ok(html.includes(message), message);
    }
    assert.ok(/id="f-description"[^>]*aria-invalid="true"/.test(html), 'the field is marked invalid');
  });

  it('refuses a court deadline that has passed, and answers of the wrong form, keeping what was typed', async () => {
    const response = await post('en', { ...complete, court_deadline: '2024-03-01', country: 'QQ', email: 'lucia-at-example' });
    assert.equal(response.status, 400);
    const html = await response.text();
    assert.ok(html.includes('The court deadline 2024-03-01 has already passed.'));
    assert.ok(html.includes('Choose the country from the list.'));
    assert.ok(html.includes('&quot;lucia-at-example&quot; is not an e-mail address.'));
    assert.ok(html.includes('Juzgado Civil n.º 12 de Buenos Aires'), 'the answers are kept');
    const spanish = await (await post('es', { ...complete, court_deadline: '2024-03-01' })).text();
    assert.ok(spanish.includes('El plazo judicial 2024-03-01 ya ha vencido.'));
  });

  it('thanks a robot that fills the hidden field, storing nothing', async () => {
    const response = await post('en', { ...complete, website: 'https://spam.example' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('set-cookie'), null);
    assert.ok(!/LA-\d{4}-\d{6}/.test(await response.text()), 'no reference is given');
  });

  it('gives a case reference and queues the acknowledgement in the language the contributor chose, in the same transaction', async () => {
    const response = await post('en', { ...complete, language: 'ar' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('set-cookie'), null);
    const html = await response.text();
    const reference = /class="reference">(LA-\d{4}-\d{6})</.exec(html)?.[1];
    assert.ok(reference, 'the page shows the reference');
    assert.equal(reference, `LA-${new Date().getUTCFullYear()}-000001`);
    assert.ok(html.includes('We have received your request for help'));

    await server.stop();
    const handle = await database.open();
    try {
      const cases = await handle.db.selectFrom('assistance_cases').selectAll().execute();
      assert.equal(cases.length, 1, 'nothing was stored for the refused, the robot or the incomplete forms');
      const stored = cases[0]!;
      assert.equal(stored.reference, reference);
      assert.equal(stored.language, 'ar');
      assert.equal(stored.state, 'received');
      assert.equal(stored.eligibility, 'pending');
      assert.equal(stored.threat_kind, 'lawsuit');
      assert.equal(stored.country, 'AR');
      assert.equal(stored.project, 'es.wikipedia.org');
      assert.equal(stored.contributor_role, 'editor');
      assert.equal(stored.court_case, true);
      assert.deepEqual(stored.related_urls, ['https://es.wikipedia.org/wiki/Empresa_Ejemplo']);
      assert.equal(stored.contact_email, 'lucia@example.org');
      assert.equal(stored.contact_phone, null);
      assert.equal(stored.contact_messenger, 'Signal: +54 11 5555 0000');

      const mail = await handle.db.selectFrom('outbox').selectAll().execute();
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.assistance_case_id, stored.id);
      assert.equal(mail[0]!.request_id, null);
      assert.equal(mail[0]!.to_address, 'lucia@example.org');
      assert.equal(mail[0]!.language, 'ar');
      assert.equal(mail[0]!.subject, `طلبك للمساعدة القانونية ${reference}`);
      assert.match(mail[0]!.body_text, /^مرحبًا Lucía R\.،/);
      assert.ok(!mail[0]!.body_text.includes('difamación'), 'the mail does not repeat what the contributor wrote');
      assert.equal((mail[0]!.headers as Record<string, string>)['X-Candor-Reference'], reference);

      const events = await handle.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'assistance_case').execute();
      assert.deepEqual(events.map((event) => [event.action, event.actor, event.subject_id]), [['assistance_case.opened', 'web-form', stored.id]]);
      const payload = JSON.stringify(events[0]!.payload);
      for (const secret of ['lucia', 'Lucía', 'difamación', 'Signal', 'Juzgado']) assert.ok(!payload.includes(secret), `the event does not copy ${secret}`);
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import type { RequestInputValue } from '../../src/intake/request-input.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const YEAR = new Date().getUTCFullYear();

const message = {
  name: 'Noor Haddad',
  email: 'noor@newsroom.example',
  topic: 'press',
  message: 'Hola: preparo un reportaje sobre las solicitudes de retirada de contenido. ¿Podría hablar con alguien de su equipo esta semana?',
};

describe('Contact a human, over HTTP', () => {
  const staff = {} as Record<'reviewer' | 'counsel' | 'editor', StaffLogin>;
  const suite = useServer({
    async prepare(db) {
      for (const role of ['reviewer', 'counsel', 'editor'] as const) staff[role] = await createStaffLogin(db, role);
      // Legal demands of this year, so that the report has figures that contact messages must not move.
      await submitRequests(
        db,
        [
          { kind: 'content_alteration', category: 'defamation', requester: { name: 'A firm', email: 'desk@firm.example', type: 'lawyer', country: 'ES' }, text: 'Remove the article.', targets: [{ url: 'https://es.wikipedia.org/wiki/Ejemplo' }] },
          { kind: 'copyright', requester: { name: 'Rights Ltd', email: 'notices@rights.example', type: 'company', country: 'GB' }, text: 'Takedown of a photo.', targets: [{ url: 'https://commons.wikimedia.org/wiki/File:Example.jpg' }] },
        ] as RequestInputValue[],
        { channel: 'api', actor: 'test' },
      );
    },
  });

  const url = (path: string) => `${suite.server.url}${path}`;
  const post = (lang: string, fields: Record<string, string>) =>
    fetch(url(`/${lang}/contact`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const count = async (sql: string) => {
    // Counted through the console's queue and outbox as a reviewer would see them.
    const html = await (await getPage(url(sql), staff.reviewer)).text();
    return (html.match(/href="\/console\/requests\/CT-\d{4}-\d{6}"/g) ?? []).length;
  };
  const report = async () => (await fetch(url(`/api/v1/transparency/${YEAR}`))).json();

  it('is served in English, Spanish and Arabic, with its four topics, the spam guards and no cookie', async () => {
    for (const [lang, dir, title, press] of [
      ['en', 'ltr', 'Contact a human', 'Press and media'],
      ['es', 'ltr', 'Escriba a una persona', 'Prensa y medios'],
      ['ar', 'rtl', 'راسِل إنساناً', 'الصحافة والإعلام'],
    ] as const) {
      const response = await fetch(url(`/${lang}/contact`));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      assert.ok(html.includes(`<html lang="${lang}" dir="${dir}">`), lang);
      assert.ok(html.includes(`<h1 class="bilingual">${title}<span aria-hidden="true"> — </span>`), lang);
      assert.ok(html.includes(`<form method="post" action="/${lang}/contact"`));
      for (const field of ['name', 'email', 'topic', 'message', 'website', 'altcha']) assert.ok(html.includes(`name="${field}"`), `${lang}: ${field}`);
      for (const topic of ['press', 'policy', 'legal', 'other']) assert.ok(html.includes(`<option value="${topic}"`), `${lang}: ${topic}`);
      assert.ok(html.includes(press));
      assert.ok(html.includes(`class="contact-link" href="/${lang}/contact" aria-current="page"`), 'the header link marks the current page');
    }
    assert.equal((await fetch(url('/xx/contact'))).status, 404);
  });

  it('answers bad input with 400 in the reader’s language, keeping what was typed and storing nothing', async () => {
    const before = await report();
    const spanish = await post('es', { name: ' ', email: 'noor-at-newsroom', topic: 'gossip', message: '' });
    assert.equal(spanish.status, 400);
    const html = await spanish.text();
    assert.ok(html.includes('<title>Error: Escriba a una persona'));
    assert.ok(html.includes('Hay 4 problemas en el formulario'));
    for (const text of ['Indique su nombre.', '«noor-at-newsroom» no es una dirección de correo electrónico.', 'Elija uno de los temas propuestos.', 'Escriba su mensaje.']) assert.ok(html.includes(text), text);
    assert.ok(html.includes('value="noor-at-newsroom"'), 'the address typed is kept');
    assert.ok(/id="f-message"[^>]*aria-invalid="true"/.test(html));

    const arabic = await post('ar', { ...message, message: 'x'.repeat(10_001) });
    assert.equal(arabic.status, 400);
    assert.ok((await arabic.text()).includes('هذا أطول من اللازم: 10000 حرف على الأكثر.'));

    assert.equal(await count('/console/requests?kind=contact&state=all'), 0, 'nothing reached the queue');
    assert.deepEqual(await report(), before);
  });

  it('thanks a robot that fills the hidden field, storing nothing', async () => {
    const response = await post('en', { ...message, website: 'https://spam.example' });
    assert.equal(response.status, 200);
    assert.ok(!/CT-\d{4}-\d{6}/.test(await response.text()));
    assert.equal(await count('/console/requests?kind=contact&state=all'), 0);
  });

  it('puts a message in the queue with its topic, acknowledges it in the writer’s language, and leaves the report as it was', async () => {
    const before = await report();
    const response = await post('es', message);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('set-cookie'), null);
    const html = await response.text();
    const reference = /class="reference">(CT-\d{4}-\d{6})</.exec(html)?.[1];
    assert.equal(reference, `CT-${YEAR}-000001`);
    assert.ok(html.includes('Su mensaje nos ha llegado'));

    // A reviewer finds it in the queue, with its topic, and can filter by topic.
    const queue = await (await getPage(url('/console/requests'), staff.reviewer)).text();
    const row = new RegExp(`<a class="ltr" href="/console/requests/${reference}">${reference}</a></td><td>Contact message<span class="hint">Press and media</span>`);
    assert.ok(row.test(queue), 'the queue shows the kind and the topic');
    assert.equal(await count('/console/requests?topic=press'), 1);
    assert.equal(await count('/console/requests?topic=policy'), 0);
    assert.equal(await count('/console/requests?kind=copyright'), 0);
    const mixed = await getPage(url('/console/requests?kind=copyright&topic=press'), staff.reviewer);
    assert.equal(mixed.status, 400);
    assert.ok((await mixed.text()).includes('Only contact messages have a topic'));

    const page = await (await getPage(url(`/console/requests/${reference}`), staff.reviewer)).text();
    assert.ok(page.includes('Contact message — Press and media'));
    assert.ok(page.includes('Noor Haddad') && page.includes('noor@newsroom.example'));
    assert.ok(page.includes('preparo un reportaje'));
    assert.ok(page.includes('data-action="contact.received"'), 'the timeline records its arrival');
    assert.ok(page.includes('Hemos recibido su mensaje'), 'the acknowledgement is in its correspondence');
    assert.ok(!page.includes('id="decision-heading"') && !page.includes('id="evaluation-heading"'), 'no decision or evaluation for a message');

    // The transparency report, the API's request list and the public notices ignore it.
    assert.deepEqual(await report(), before);
    const listed = await fetch(url('/api/v1/notices?q=reportaje'));
    assert.equal(listed.status, 200);
    assert.ok(!(await listed.text()).includes(reference!));
  });

  it('lets the desk note, assign, answer (threaded under the acknowledgement) and close it, but not decide it', async () => {
    const reference = `CT-${YEAR}-000001`;
    const act = (path: string, fields: Record<string, string>, login = staff.reviewer) => postForm(url(`/console/requests/${reference}/${path}`), login, fields);
    assert.equal((await act('notes', { note: 'Press office to call back.' })).status, 303);
    assert.equal((await act('assignee', { assignee: String(staff.reviewer.userId) })).status, 303);
    assert.equal((await act('reply', { language: 'es', subject: 'Sobre su reportaje', body: 'Con gusto hablamos el jueves.' })).status, 303);
    const decision = await act('decision', { outcome: 'granted', rationale: 'n/a' }, staff.counsel);
    assert.equal(decision.status, 400);
    assert.ok((await decision.text()).includes('A contact message is answered and closed'));
    assert.equal((await act('state', { state: 'closed' })).status, 303);

    const page = await (await getPage(url(`/console/requests/${reference}`), staff.reviewer)).text();
    for (const action of ['request.note_added', 'request.assigned', 'request.reply_queued', 'request.moved.closed']) assert.ok(page.includes(`data-action="${action}"`), action);
    assert.ok(!page.includes('data-action="request.decided"'));

    // The reply names the acknowledgement it answers, so the writer's mail program threads them.
    const outbox = await (await getPage(url(`/console/outbox?reference=${reference}`), staff.reviewer)).text();
    const ids = [...outbox.matchAll(/href="\/console\/outbox\/(\d+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, 2, 'the acknowledgement and the reply');
    const [ack, reply] = await Promise.all([...new Set(ids)].sort((a, b) => Number(a) - Number(b)).map(async (id) => (await getPage(url(`/console/outbox/${id}`), staff.reviewer)).text()));
    const ackId = /<th scope="row" class="ltr">Message-ID<\/th><td class="ltr">(&lt;[^<]+>)<\/td>/.exec(ack!)?.[1];
    assert.ok(ackId, 'the acknowledgement has a Message-ID');
    assert.ok(reply!.includes(`<th scope="row" class="ltr">In-Reply-To</th><td class="ltr">${ackId}</td>`), 'the reply is In-Reply-To the acknowledgement');
    assert.ok(reply!.includes(`Sobre su reportaje [${reference}]`));
  });

  it('limits how often one address may write without the proof of work (429)', async () => {
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await post('en', { ...message, topic: 'other' })).status;
    assert.equal(status, 429);
  });
});

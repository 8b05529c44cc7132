import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solvePow } from '../helpers/connect.ts';
import { useServer } from '../helpers/server.ts';

/** A complete request for help, as a browser would post it. */
const HELP = {
  threat_kind: 'lawsuit',
  description: 'A company is suing me over an article I edited about its history.',
  country: 'AR',
  authority: '',
  project: 'es.wikipedia.org',
  role: 'editor',
  court_case: 'no',
  court_deadline: '',
  urls: 'https://es.wikipedia.org/wiki/Empresa_Ejemplo',
  request_reference: '',
  name: 'Lucía R.',
  email: 'lucia@example.org',
  phone: '',
  messenger: '',
  language: 'es',
  consent: 'yes',
};

/** The message under a field, in each language, when its value holds a character the database refuses. */
const REFUSED = {
  en: 'This holds a character we cannot store',
  es: 'Contiene un carácter que no podemos guardar',
  ar: 'يحتوي هذا على محرف لا يمكننا حفظه',
} as const;

describe('the public forms and a NUL character', () => {
  const suite = useServer();

  /** Posts a form as a browser with its script would: the page first, then the fields with the solved proof of work. */
  async function post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
    const page = await (await fetch(`${suite.server.url}${path}`)).text();
    const response = await fetch(`${suite.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ website: '', ...fields, altcha: solvePow(page) }).toString(),
    });
    return { status: response.status, html: await response.text() };
  }

  it('refuses it in the Connect sign-up with a 400 and the form again, in the reader’s language', async () => {
    for (const [lang, dir, fields] of [
      ['en', 'ltr', { email: 'a\u0000b@example.org', name: '', language: 'en' }],
      ['es', 'ltr', { email: 'ana@example.org', name: 'Ana\u0000', language: 'es' }],
      ['ar', 'rtl', { email: 'noor@example.org', name: '', language: 'ar\u0000' }],
    ] as const) {
      const { status, html } = await post(`/${lang}/connect`, fields);
      assert.equal(status, 400, `${lang}: ${html.slice(0, 300)}`);
      assert.ok(html.startsWith(`<!doctype html>\n<html lang="${lang}" dir="${dir}">`), `${lang}: a page of the site`);
      assert.ok(html.includes(`<form method="post" action="/${lang}/connect"`), `${lang}: the form again`);
      assert.ok(html.includes(REFUSED[lang]), `${lang}: the problem is named`);
    }
  });

  it('refuses it in any field of the legal-help form with a 400 and the form again, in the reader’s language', async () => {
    for (const [lang, field] of [
      ['en', 'description'],
      ['es', 'name'],
      ['ar', 'messenger'],
      ['en', 'urls'],
      ['es', 'authority'],
    ] as const) {
      const { status, html } = await post(`/${lang}/legal-help`, { ...HELP, [field]: `${HELP[field] || 'x'}\u0000` });
      assert.equal(status, 400, `${lang} ${field}: ${html.slice(0, 300)}`);
      assert.ok(html.includes(`<html lang="${lang}"`), `${lang} ${field}: in the page's language`);
      assert.ok(html.includes(`<form method="post" action="/${lang}/legal-help"`), `${lang} ${field}: the form again`);
      assert.ok(html.includes(REFUSED[lang]), `${lang} ${field}: the problem is named`);
    }
  });

  it('refuses it in the contact form and the request forms with a 400 too', async () => {
    const contact = await post('/es/contact', { name: 'Noor\u0000', email: 'noor@newsroom.example', topic: 'press', message: 'Una pregunta.' });
    assert.equal(contact.status, 400, contact.html.slice(0, 300));
    assert.ok(contact.html.includes('Este texto contiene caracteres que no podemos guardar.'));
    for (const field of ['name', 'legal_basis', 'urls']) {
      const fields: Record<string, string> = { name: 'Desk', email: 'desk@police.example', legal_basis: 'Preservation order 12/2026', urls: 'https://en.wikipedia.org/wiki/X' };
      fields[field] += '\u0000';
      const { status, html } = await post('/en/requests/new/preservation', fields);
      assert.equal(status, 400, `${field}: ${html.slice(0, 300)}`);
      assert.ok(html.includes('<html lang="en"') && html.includes(REFUSED.en), `${field}: the form again, the problem named`);
    }
  });

  it('refuses it in the notice search, on the page and in the API, with a 400 naming the words to find', async () => {
    for (const q of ['%00', 'a%00b']) {
      const page = await fetch(`${suite.server.url}/es/notices?q=${q}`);
      assert.equal(page.status, 400, q);
      assert.match(await page.text(), /Las palabras que buscar contienen un carácter que no se puede buscar/);
      const api = await fetch(`${suite.server.url}/api/v1/notices?q=${q}`, { headers: { 'accept-language': 'ar' } });
      assert.equal(api.status, 400, q);
      const body = (await api.json()) as { issues: string[] };
      // The API's schema refuses it before the search reads it.
      assert.ok(body.issues.some((issue) => /\bq\b/.test(issue)), JSON.stringify(body));
    }
  });

  it('stored none of them', async () => {
    await suite.server.stop();
    const handle = await suite.database.open();
    try {
      for (const table of ['subscribers', 'assistance_cases', 'requests'] as const) {
        const rows = await handle.db.selectFrom(table as 'requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(rows.n), 0, `nothing in ${table}`);
      }
      assert.equal(Number((await handle.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0, 'no mail queued');
    } finally {
      await handle.close();
    }
  });
});

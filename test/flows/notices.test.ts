import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importRequestRows } from '../../src/intake/import-requests.ts';
import { parseRequestCsv } from '../../src/intake/request-csv.ts';
import type { RequestInputValue } from '../../src/intake/request-input.ts';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

/** Everything personal the requests below carry: none of it may reach a public page, the API or the feed. */
const SECRETS = [
  'Lucía', 'Lucia', 'Fernández', 'Fernandez', 'Ortega', 'lucia.fernandez', 'correo.example', '612 34 56 78', '12345678Z', 'Prado 14', '28014',
  'Okafor', 'Samuel', 'sam.okafor', '+44 20 7946 0958', 'ES91 2100 0418 4502 0005 1332', '2100 0418',
  'أحمد', 'احمد', 'الشريف', '٠١٠١٢٣٤٥٦٧٨', 'ahmed.sharif', 'شارع التحرير',
  'Jordan', 'Vale', 'jordan@vale-law.example', '+1 202 555 0143', 'typed@staff-edit.example',
  'UploaderAccount', 'KeptSecretPage',
];

function survivors(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

const IMPORTED = 23;

describe('the public notice database, from decision to publication', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const staff = {} as Record<'counsel' | 'reviewer' | 'stale', StaffLogin>;
  const ref = {} as Record<'denied' | 'partial' | 'arabic' | 'userData' | 'unknown', string>;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    staff.counsel = await createStaffLogin(handle.db, 'counsel');
    staff.reviewer = await createStaffLogin(handle.db, 'reviewer');
    staff.stale = await createStaffLogin(handle.db, 'counsel');
    await handle.db.updateTable('staff_sessions').set({ stepped_up_at: new Date(Date.now() - 3_600_000) }).where('id', '=', staff.stale.sessionId).execute();
    const requests: RequestInputValue[] = [
      {
        kind: 'content_alteration',
        category: 'defamation',
        language: 'es',
        received_at: '2025-03-10T09:00:00Z',
        requester: { name: 'Lucía Fernández Ortega', email: 'lucia.fernandez@correo.example', type: 'individual', country: 'ES' },
        text: 'Supresión de un artículo difamatorio\nMe llamo Lucía Fernández Ortega, con DNI 12345678Z y domicilio en Calle del Prado 14, 2º A, 28014 Madrid.\nAl amparo del artículo 17 del Reglamento (UE) 2016/679 pido la supresión de https://es.wikipedia.org/wiki/Lucía_Fernández.\nPueden llamarme al 612 34 56 78 o escribir a lucia.fernandez [arroba] correo [punto] example. Señora FERNANDEZ, la interesada.',
        targets: [{ url: 'https://es.wikipedia.org/wiki/Lucía_Fernández' }],
      },
      {
        kind: 'copyright',
        received_at: '2026-02-01T12:00:00Z',
        requester: { name: 'Jordan Vale', organization: 'Rights Ltd', email: 'jordan@vale-law.example', type: 'company', country: 'GB' },
        parties: [{ role: 'principal', name: 'Samuel Okafor', email: 'sam.okafor@mail.example', address: '221B Baker Street, London NW1 6XE' }],
        text: 'DMCA notice for two photographs\nOur client Samuel Okafor owns the photographs. Under 17 U.S.C. § 512(c)(3) remove https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg and https://en.wikipedia.org/wiki/KeptSecretPage. Call +44 20 7946 0958; payment to ES91 2100 0418 4502 0005 1332. Signed, Jordan Vale.',
        targets: [{ url: 'https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg' }, { url: 'https://en.wikipedia.org/wiki/KeptSecretPage' }, { account: 'UploaderAccount', project: 'commons.wikimedia.org' }],
      },
      {
        kind: 'content_alteration',
        category: 'privacy',
        language: 'ar',
        received_at: '2026-04-20T08:00:00Z',
        requester: { name: 'أحمد عبد الله الشريف', email: 'ahmed.sharif@mail.example', type: 'individual', country: 'EG' },
        text: 'طلب حذف معلومات شخصية\nأنا أحمد عبد الله الشريف، أسكن في ١٥ شارع التحرير في القاهرة، ورقم هاتفي ٠١٠١٢٣٤٥٦٧٨. أطلب حذف عنواني من المقالة https://ar.wikipedia.org/wiki/حي_الدقي وفق المادة 17 من القانون رقم 175 لسنة 2018. وقال احمد إن المعلومات خاصة.',
        targets: [{ url: 'https://ar.wikipedia.org/wiki/حي_الدقي' }],
      },
      {
        kind: 'user_data',
        category: 'civil_subpoena',
        requester: { name: 'Court clerk', email: 'clerk@court.example', type: 'court', country: 'DE' },
        text: 'Produce the IP addresses of the account.',
        targets: [{ account: 'ExampleEditor', project: 'de.wikipedia.org' }],
      },
      {
        kind: 'copyright',
        received_at: '2026-05-05T10:00:00Z',
        requester: { name: null, email: null, type: null, country: null },
        text: 'Take down the logo.',
        targets: [{ url: 'https://en.wikipedia.org/wiki/Logo_page' }],
      },
    ];
    const created = await submitRequests(handle.db, requests, { channel: 'api', actor: 'test' });
    for (const [i, name] of (['denied', 'partial', 'arabic', 'userData', 'unknown'] as const).entries()) ref[name] = created[i]!.reference;
    // Decided requests imported from an older system: their drafts are prepared by the review list.
    const lines = ['reference,kind,category,received_at,country,requester_type,project,outcome,accounts_potentially_affected,accounts_actually_affected,accounts_notified'];
    for (let i = 0; i < IMPORTED; i++) lines.push(`OLD-2024-${String(i + 1).padStart(4, '0')},copyright,,2024-0${(i % 9) + 1}-15,${i % 2 === 0 ? 'US' : ''},company,${i % 3 === 0 ? 'en.wikipedia.org' : 'commons.wikimedia.org'},${i % 4 === 0 ? 'granted' : 'denied'},0,0,0`);
    lines.push('OLD-2024-9999,user_data,court_order,2024-05-01,US,court,en.wikipedia.org,granted,1,1,0');
    const parsed = parseRequestCsv(Buffer.from(`${lines.join('\n')}\n`));
    assert.deepEqual(parsed.issues, []);
    await importRequestRows(handle, parsed.rows, { actor: 'test' });
    await handle.close();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const page = async (path: string, login: StaffLogin | null = staff.counsel, headers: Record<string, string> = {}) => {
    const response = await getPage(`${server.url}${path}`, login ?? undefined, headers);
    return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
  };
  const post = (path: string, fields: Record<string, string | string[]>, login: StaffLogin = staff.counsel, options: Parameters<typeof postForm>[3] = {}) => postForm(`${server.url}${path}`, login, fields, options);
  const api = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api/v1/notices${query}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers };
  };

  async function decide(reference: string, outcome: string) {
    const evaluated = await post(`/console/requests/${reference}/evaluation`, { valid_and_complete: 'yes', must_act: 'no', harms_rights: 'yes', authority_competent: 'not_applicable' });
    assert.equal(evaluated.status, 303);
    const decided = await post(`/console/requests/${reference}/decision`, { outcome, rationale: 'Decided on the merits.', accounts_actually_affected: '0' });
    assert.equal(decided.status, 303, await decided.text());
  }

  it('prepares a redacted draft with each decision, shown beside the original to staff only', async () => {
    await decide(ref.denied, 'denied');
    await decide(ref.partial, 'partially_granted');
    await decide(ref.arabic, 'granted');
    await decide(ref.userData, 'denied');
    await decide(ref.unknown, 'not_actionable');
    const draft = await page(`/en/notices/${ref.denied}`, null);
    assert.equal(draft.status, 404, 'a draft is not public');
    const list = await page('/console/notices');
    assert.equal(list.status, 200);
    assert.match(list.html, new RegExp(`${IMPORTED} drafts were prepared`));
    for (const reference of [ref.denied, ref.partial, ref.arabic, ref.unknown, 'OLD-2024-0001']) assert.ok(list.html.includes(`data-reference="${reference}"`), reference);
    assert.ok(!list.html.includes(ref.userData) && !list.html.includes('OLD-2024-9999'), 'user-data requests have no notice');
    assert.match(list.html, /never published as notices/);
    assert.ok(list.html.includes('<a href="/console/notices" aria-current="page">Notices</a>'), 'the console navigation leads here');
    const review = await page(`/console/notices/${ref.denied}`);
    assert.equal(review.status, 200);
    assert.ok(review.html.includes('Lucía Fernández Ortega'), 'staff see the original');
    assert.match(review.html, /<mark class="found found-private" title="Name of a private person">Lucía Fernández Ortega<\/mark>/);
    assert.match(review.html, /<span class="redacted redacted-private"/);
    assert.ok(review.html.includes('Not granted: no URL was acted on'));
    const reviewer = await page(`/console/notices/${ref.denied}`, staff.reviewer);
    assert.equal(reviewer.status, 200);
    assert.ok(!reviewer.html.includes(`/console/notices/${ref.denied}/publish`), 'a reviewer sees no publish button');
    assert.equal((await post(`/console/notices/${ref.denied}/publish`, {}, staff.reviewer)).status, 403);
  });

  it('redacts staff edits again, marks URLs of a partial grant as not actioned, and audits each step', async () => {
    const edited = await post(`/console/notices/${ref.partial}/text`, { title: 'DMCA notice: Rights & <Wrongs>', body: 'Two photographs. Reach Jordan Vale at +1 202 555 0143 or typed@staff-edit.example. See https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg and https://en.wikipedia.org/wiki/KeptSecretPage.' });
    assert.equal(edited.status, 303);
    assert.match(edited.headers.get('location')!, /done=text-caught/);
    const empty = await post(`/console/notices/${ref.partial}/text`, { title: ' ', body: 'x' }, staff.counsel, { headers: { 'accept-language': 'es' } });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /un aviso necesita un título/);
    const wrongUrl = await post(`/console/notices/${ref.partial}/targets`, { not_actioned: 'https://example.org/elsewhere' });
    assert.equal(wrongUrl.status, 400);
    const marked = await post(`/console/notices/${ref.partial}/targets`, { not_actioned: 'https://en.wikipedia.org/wiki/KeptSecretPage' });
    assert.equal(marked.status, 303);
    const review = await page(`/console/notices/${ref.partial}`);
    const redactedSide = review.html.slice(review.html.indexOf('id="redacted-title"'), review.html.indexOf('id="targets"'));
    assert.deepEqual(survivors(redactedSide), []);
    assert.ok(redactedSide.includes('https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg'), 'the URL acted on stays');
    assert.match(redactedSide, /redacted-not-actioned/);
    assert.equal((await post(`/console/notices/${ref.denied}/targets`, { not_actioned: 'https://es.wikipedia.org/wiki/Lucía_Fernández' })).status, 400, 'only a partial grant takes marks');
  });

  it('publishes only with a fresh second factor', async () => {
    const stale = await post(`/console/notices/${ref.denied}/publish`, {}, staff.stale, { headers: { referer: `${server.url}/console/notices/${ref.denied}` } });
    assert.equal(stale.status, 303);
    assert.equal(stale.headers.get('location'), `/console/step-up?next=${encodeURIComponent(`/console/notices/${ref.denied}`)}`);
    assert.equal((await page(`/en/notices/${ref.denied}`, null)).status, 404, 'nothing was published');
    const drafts = await page('/console/notices?state=draft');
    const references = [...drafts.html.matchAll(/data-reference="([^"]+)"/g)].map((match) => match[1]!);
    assert.equal(references.length, IMPORTED + 4);
    for (const reference of references) assert.equal((await post(`/console/notices/${reference}/publish`, {})).status, 303, reference);
    assert.equal((await post(`/console/notices/${ref.denied}/publish`, {})).status, 400, 'a published notice is not published twice');
    assert.equal((await post(`/console/notices/${ref.denied}/text`, { title: 'x', body: 'y' })).status, 400, 'a published notice is not edited');
  });

  it('shows no personal data on the public pages, in the API, the snippets or the feed', async () => {
    for (const lang of ['en', 'es', 'ar']) {
      for (const reference of [ref.denied, ref.partial, ref.arabic]) {
        const notice = await page(`/${lang}/notices/${reference}`, null);
        assert.equal(notice.status, 200);
        assert.equal(notice.headers.get('set-cookie'), null);
        assert.deepEqual(survivors(notice.html), [], `${lang} ${reference}`);
      }
    }
    const denied = await page(`/en/notices/${ref.denied}`, null);
    assert.ok(denied.html.includes('[not actioned]'), 'every URL of a denial is not actioned');
    assert.ok(denied.html.includes('17 del Reglamento (UE) 2016/679'), 'the citation stays');
    assert.ok(denied.html.includes('Private individual, Spain'), 'the requester is shown by type and country');
    const partial = await page(`/es/notices/${ref.partial}`, null);
    assert.ok(partial.html.includes('Rights Ltd'), 'an organisation is named');
    assert.ok(partial.html.includes('[privado]'), 'markers in the reader language');
    for (const q of ['Fernández', 'Okafor', 'photographs', 'artículo', 'المادة', 'supresión', 'Jordan']) {
      const result = await api(`?q=${encodeURIComponent(q)}`);
      assert.equal(result.status, 200);
      assert.deepEqual(survivors(JSON.stringify(result.body)), [], q);
      // The form and the facet links repeat the reader's own words; the results must carry none.
      const html = (await page(`/en/notices?q=${encodeURIComponent(q)}`, null)).html;
      const results = html.slice(html.indexOf('<ol class="hits">'), html.indexOf('</ol>', html.indexOf('<ol class="hits">')));
      assert.ok(results.length > 0);
      assert.deepEqual(survivors(results), [], q);
    }
    assert.equal((await api('?q=Okafor')).body.total, 0, 'a redacted name is not searchable');
    const unaccented = await api('?q=supresion%20articulo');
    assert.deepEqual(unaccented.body.items.map((item: { reference: string }) => item.reference), [ref.denied], 'words are found without their accents');
    assert.match(unaccented.body.items[0].title, /Supresión/);
    const photographs = await api('?q=photographs');
    assert.deepEqual(photographs.body.items.map((item: { reference: string }) => item.reference), [ref.partial]);
    assert.match(photographs.body.items[0].snippet, /⟪photographs⟫/i);
    assert.deepEqual(photographs.body.items[0].targets, ['https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg', '[not actioned]', '[private]']);
    assert.equal(photographs.body.items[0].requester.organization, 'Rights Ltd');
    const snippetPage = await page('/en/notices?q=photographs', null);
    assert.match(snippetPage.html, /<mark>photographs<\/mark>/i);
    const feed = await fetch(`${server.url}/en/notices/feed.atom`);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type')!, /^application\/atom\+xml/);
    const xml = await feed.text();
    assert.deepEqual(survivors(xml), []);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'));
    assert.ok(xml.includes('Rights &amp; &lt;Wrongs&gt;'), 'titles are escaped');
    assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(xml), 'no bare ampersand');
    const entries = xml.split('<entry>').slice(1);
    assert.equal(entries.length, IMPORTED + 4);
    for (const entry of entries) for (const element of ['<id>', '<title type="text">', '<updated>', '<link rel="alternate"', '</entry>']) assert.ok(entry.includes(element), element);
  });

  it('counts facets for the current search, in the database', async () => {
    const all = await api('');
    const total = IMPORTED + 4;
    assert.equal(all.body.total, total);
    assert.equal(all.body.counts_exact, true, 'the search without filters reads the counts kept for it');
    const count = (facet: string, key: string | null) => all.body.facets[facet].find((row: { key: string | null }) => row.key === key)?.count;
    const importedGranted = Array.from({ length: IMPORTED }, (_, i) => i).filter((i) => i % 4 === 0).length;
    assert.equal(count('kind', 'copyright'), IMPORTED + 2);
    assert.equal(count('kind', 'content_alteration'), 2);
    assert.equal(count('kind', 'user_data'), undefined);
    assert.equal(count('outcome', 'granted'), importedGranted + 1);
    assert.equal(count('outcome', 'denied'), IMPORTED - importedGranted + 1);
    assert.equal(count('outcome', 'partially_granted'), 1);
    assert.equal(count('outcome', 'not_actionable'), 1);
    assert.equal(count('country', 'US'), Math.ceil(IMPORTED / 2));
    assert.equal(count('country', null), Math.floor(IMPORTED / 2) + 1);
    assert.equal(count('country', 'EG'), 1);
    assert.equal(count('year', '2024'), IMPORTED);
    assert.equal(count('year', '2026'), 3);
    assert.equal(count('project', 'en.wikipedia.org'), Math.ceil(IMPORTED / 3) + 2);
    assert.equal(count('project', 'commons.wikimedia.org'), IMPORTED - Math.ceil(IMPORTED / 3) + 1);
    const unknown = await api('?country=unknown&kind=copyright');
    assert.equal(unknown.body.total, Math.floor(IMPORTED / 2) + 1);
    assert.ok(unknown.body.items.every((item: { country: string | null }) => item.country === null));
    assert.deepEqual(unknown.body.facets.country, [{ key: null, count: Math.floor(IMPORTED / 2) + 1 }]);
    const spain = await api('?country=ES&year=2025&outcome=denied&period=2025-H1&requester_type=individual&category=defamation&project=es.wikipedia.org');
    assert.deepEqual(spain.body.items.map((item: { reference: string }) => item.reference), [ref.denied]);
    assert.equal(spain.body.total, 1);
    assert.equal(spain.body.counts_exact, true, 'a search counted match by match is exact under the limit');
    const worded = await api('?q=photographs&kind=copyright');
    assert.equal(worded.body.counts_exact, true);
    assert.equal(worded.body.total, worded.body.facets.kind.reduce((sum: number, row: { count: number }) => sum + row.count, 0));
    const html = await page('/en/notices?kind=content_alteration', null);
    assert.match(html.html, /<h2 id="results-title" class="bilingual">2 notices<span aria-hidden="true"> — <\/span><span class="second" lang="es" dir="ltr">2 avisos<\/span><\/h2>/);
    assert.match(html.html, /data-facet="country" data-key="EG"><a href="\/en\/notices\?kind=content_alteration&amp;country=EG">Egypt<\/a> <span class="count">\(one\)<\/span>/);
  });

  it('pages through every published notice exactly once, by keyset', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await api(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(result.status, 200);
      seen.push(...result.body.items.map((item: { reference: string }) => item.reference));
      cursor = result.body.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    assert.equal(seen.length, IMPORTED + 4);
    assert.equal(new Set(seen).size, seen.length, 'no notice twice');
    assert.equal(pages, Math.ceil((IMPORTED + 4) / 4));
    const first = await page('/en/notices?limit=4', null);
    assert.equal(first.status, 200);
    const next = /href="(\/en\/notices\?limit=4&cursor=[^"]+)" rel="next"/.exec(first.html.replace(/&amp;/g, '&'));
    assert.ok(next, 'the page links to the next one');
    const second = await page(next[1]!, null);
    assert.equal(second.status, 200);
    assert.ok(second.html.includes('First page'));
  });

  it('keeps permalinks, and says a withdrawn notice was withdrawn (410)', async () => {
    assert.equal((await page(`/en/notices/${ref.arabic.toLowerCase()}`, null)).status, 200, 'the reference is case-insensitive');
    assert.equal((await post(`/console/notices/${ref.arabic}/withdraw`, {})).status, 303);
    const gone = await page(`/ar/notices/${ref.arabic}`, null);
    assert.equal(gone.status, 410);
    assert.ok(gone.html.includes('سُحب هذا الإشعار'));
    assert.deepEqual(survivors(gone.html), []);
    assert.equal((await api('?country=EG')).body.total, 0);
    assert.equal((await page('/en/notices/CR-2099-999999', null)).status, 404);
    assert.equal((await page(`/en/notices/${ref.userData}`, null)).status, 404, 'a user-data request has no notice');
    assert.equal((await page('/xx/notices', null)).status, 404);
  });

  it('answers bad parameters with 400 and a message in the reader language', async () => {
    const bad = await api('?kind=user_data&country=Spain&year=26&limit=1000&cursor=nonsense&period=2026-H3', { 'accept-language': 'es' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'validation');
    assert.equal(bad.body.issues.length, 6);
    assert.ok(bad.body.issues.includes('country: «Spain» no es un código de país: use dos letras, como ES, o unknown.'), bad.body.issues.join('\n'));
    const english = await api('?outcome=maybe');
    assert.equal(english.status, 400);
    assert.deepEqual(english.body.issues, ['outcome: “maybe” is not an outcome: use granted, partially_granted, denied or not_actionable.']);
    const pageBad = await page('/ar/notices?year=abcd&project=not a host', null);
    assert.equal(pageBad.status, 400);
    assert.match(pageBad.headers.get('content-type')!, /^text\/html/);
    assert.ok(pageBad.html.includes('«abcd» ليست سنة'));
    assert.ok(pageBad.html.includes('role="alert"'));
    const long = await api(`?q=${'x'.repeat(300)}`);
    assert.equal(long.status, 400);
  });

  it('describes the search in the OpenAPI document and records every step in the audit trail', async () => {
    const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, any> };
    const search = openapi.paths['/api/v1/notices']?.get;
    assert.ok(search, 'the search is in the OpenAPI document');
    assert.ok(search.parameters.some((parameter: { name: string }) => parameter.name === 'requester_type'));
    assert.equal(openapi.paths['/console/notices'], undefined);
    await server.stop();
    const handle = await database.open();
    try {
      const events = await handle.db.selectFrom('audit_events').select(['action', 'actor']).where('subject_type', '=', 'public_notice').execute();
      const count = (action: string) => events.filter((event) => event.action === action).length;
      assert.equal(count('notice.drafted'), IMPORTED + 4);
      assert.equal(count('notice.published'), IMPORTED + 4);
      assert.equal(count('notice.edited'), 1);
      assert.equal(count('notice.targets_marked'), 1);
      assert.equal(count('notice.withdrawn'), 1);
      assert.ok(events.filter((event) => event.action === 'notice.published').every((event) => event.actor === `staff:${staff.counsel.email}`));
      const payloads = JSON.stringify(await handle.db.selectFrom('audit_events').select('payload').where('subject_type', '=', 'public_notice').execute());
      assert.deepEqual(survivors(payloads), [], 'the audit trail of notices carries no personal data');
    } finally {
      await handle.close();
    }
  });
});

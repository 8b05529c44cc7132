import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const copyrightNotice = {
  kind: 'copyright',
  requester: { name: 'Harbour Pictures Ltd', email: 'legal@harbour.example', type: 'company', country: 'GB' },
  text: 'The photograph at the address below is our copyrighted work, used without permission.',
  targets: [{ url: 'https://commons.m.wikimedia.org/wiki/File:Harbour_at_dawn.jpg' }, { url: 'https://en.wikipedia.org/wiki/Harbour?oldid=123' }],
  laws_cited: ['17 U.S.C. § 512'],
  language: 'es-AR',
};

describe('the requests API', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let submit: string;
  let read: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${submit}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Declares a body of `declared` bytes but sends only its start: the server must answer 413 from
  // the declared length alone, without waiting for (or reading) the rest.
  const postOversize = (path: string, declared: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${submit}`, 'content-type': 'application/json', 'content-length': declared },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy();
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      request.write('{"kind":"copyright","text":"');
    });
  const get = (path: string, token = read) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    database = await createTestDatabase();
    const a = await runCli(['token', 'create', 'partner intake', '--scope', 'submit'], database.env);
    const b = await runCli(['token', 'create', 'reporting', '--scope', 'read'], database.env);
    assert.equal(a.status, 0, a.stderr);
    submit = a.stdout.trim();
    read = b.stdout.trim();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('prints a token once and keeps only its hash', async () => {
    assert.match(submit, /^cnd_[A-Za-z0-9_-]{43}$/);
    await server.stop();
    const handle = await database.open();
    try {
      const rows = await handle.db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
      assert.deepEqual(rows.map((row) => [row.name, row.scope]), [['partner intake', 'submit'], ['reporting', 'read']]);
      assert.ok(!JSON.stringify(rows).includes(submit.slice(12)), 'the secret is not stored');
      const events = await handle.db.selectFrom('audit_events').select(['action', 'payload']).where('action', '=', 'api_token.created').execute();
      assert.equal(events.length, 2);
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });

  it('creates a request (201) with a reference, and the same external_id again returns it (200)', async () => {
    const first = await post('/api/v1/requests', { ...copyrightNotice, external_id: 'partner-42' });
    assert.equal(first.status, 201);
    const created = (await first.json()) as { id: number; reference: string; status: string };
    assert.match(created.reference, /^CR-\d{4}-\d{6}$/);
    assert.equal(created.status, 'received');

    const again = await post('/api/v1/requests', { ...copyrightNotice, external_id: 'partner-42', text: 'a retry' });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), created);

    const view = (await (await get(`/api/v1/requests/${created.id}`)).json()) as Record<string, any>;
    assert.equal(view.reference, created.reference);
    assert.equal(view.channel, 'api');
    assert.equal(view.text, copyrightNotice.text, 'the retry did not change the request');
    assert.equal(view.language, 'es-AR');
    assert.deepEqual(view.requester, { name: 'Harbour Pictures Ltd', organization: null, email: 'legal@harbour.example', type: 'company', country: 'GB' });
    assert.deepEqual(view.targets, [
      { type: 'file', url: 'https://commons.m.wikimedia.org/wiki/File:Harbour_at_dawn.jpg', project: 'commons.wikimedia.org', account: null },
      { type: 'revision', url: 'https://en.wikipedia.org/wiki/Harbour?oldid=123', project: 'en.wikipedia.org', account: null },
    ]);
    const byReference = (await (await get(`/api/v1/requests/${created.reference}`)).json()) as { id: number };
    assert.equal(byReference.id, created.id);
  });

  it('answers field problems with 400, field: message lines, in the reader\'s language', async () => {
    const response = await post(
      '/api/v1/requests',
      { kind: 'takedown', requester: { email: 'not-an-address' }, targets: [], surprise: true },
      { 'accept-language': 'es' },
    );
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: string; message: string; issues: string[] };
    assert.equal(body.error, 'validation');
    assert.match(body.message, /problemas/);
    assert.ok(body.issues.includes('text: es obligatorio'), body.issues.join('\n'));
    assert.ok(body.issues.includes('surprise: no es un campo conocido'));
    assert.ok(body.issues.some((line) => line.startsWith('kind: debe ser uno de')));
    assert.ok(body.issues.includes('requester.email: debe ser un valor email válido'));
    assert.ok(body.issues.includes('targets: debe tener al menos un elemento'));

    const rules = await post('/api/v1/requests', { ...copyrightNotice, category: 'violence', requester: { country: 'QQ' }, targets: [{ url: 'ftp://files.example/x' }] });
    assert.equal(rules.status, 400);
    assert.deepEqual(((await rules.json()) as { issues: string[] }).issues, [
      'category: "violence" does not apply to copyright; expected one of counter_notice',
      'requester.country: "QQ" is not an ISO 3166-1 alpha-2 country code',
      'targets[0].url: must be the http(s) address of a page, revision or file',
    ]);
  });

  it('links a counter-notice to the notice it answers, and refuses an unknown one', async () => {
    const notice = (await (await post('/api/v1/requests', copyrightNotice)).json()) as { reference: string };
    const counter = await post('/api/v1/requests', { ...copyrightNotice, category: 'counter_notice', counter_notice_to: notice.reference });
    assert.equal(counter.status, 201);
    const view = (await (await get(`/api/v1/requests/${((await counter.json()) as { id: number }).id}`)).json()) as { counter_notice_to: string };
    assert.equal(view.counter_notice_to, notice.reference);

    const unknown = await post('/api/v1/requests', { ...copyrightNotice, category: 'counter_notice', counter_notice_to: 'CR-1999-999999' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(((await unknown.json()) as { issues: string[] }).issues, ['counter_notice_to: no copyright notice has the reference CR-1999-999999']);
  });

  it('refuses a body that is not JSON (415), malformed JSON (400) and an oversize body (413)', async () => {
    const text = await post('/api/v1/requests', 'kind=copyright', { 'content-type': 'text/plain' });
    assert.equal(text.status, 415);
    assert.equal(((await text.json()) as { error: string }).error, 'unsupported_media_type');
    const form = await post('/api/v1/requests', 'kind=copyright', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    const broken = await post('/api/v1/requests', '{"kind": "copyright",');
    assert.equal(broken.status, 400);
    assert.equal(((await broken.json()) as { error: string }).error, 'invalid_json');
    const huge = await postOversize('/api/v1/requests', 17_000_000);
    assert.equal(huge.status, 413);
    assert.match(JSON.parse(huge.body).message, /larger than the limit of 16777216 bytes/);
  });

  it('keeps attachments, typed by their bytes rather than their names, and refuses oversize ones', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const response = await post('/api/v1/requests', {
      ...copyrightNotice,
      attachments: [
        { filename: 'order.pdf', content_type: 'application/pdf', content_base64: pdf.toString('base64') },
        { filename: '../../evil.pdf', content_type: 'application/pdf', content_base64: html.toString('base64') },
      ],
    });
    assert.equal(response.status, 201);
    const { id } = (await response.json()) as { id: number };
    const view = (await (await get(`/api/v1/requests/${id}`)).json()) as { attachments: { filename: string; content_type: string; size_bytes: number; sha256: string }[] };
    assert.deepEqual(
      view.attachments.map(({ content_type, size_bytes }) => ({ content_type, size_bytes })),
      [
        { content_type: 'application/pdf', size_bytes: pdf.length },
        { content_type: 'application/octet-stream', size_bytes: html.length },
      ],
    );
    assert.equal(view.attachments[0]!.filename, 'order.pdf');
    assert.doesNotMatch(view.attachments[1]!.filename, /[\\/]/, 'no path survives in a file name');
    const big = await post('/api/v1/requests', { ...copyrightNotice, attachments: [{ filename: 'big.bin', content_base64: Buffer.alloc(10 * 1024 * 1024 + 3).toString('base64') }] });
    assert.equal(big.status, 400);
    assert.deepEqual(((await big.json()) as { issues: string[] }).issues, ['attachments[0]: is larger than the limit of 10485760 bytes']);
    const broken = await post('/api/v1/requests', { ...copyrightNotice, attachments: [{ filename: 'x', content_base64: 'abc' }] });
    assert.equal(broken.status, 400);
  });

  it('needs a token (401), the right scope (403), and refuses an unknown token (401)', async () => {
    const none = await fetch(`${server.url}/api/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const wrongScope = await post('/api/v1/requests', copyrightNotice, { authorization: `Bearer ${read}` });
    assert.equal(wrongScope.status, 403);
    const forged = await post('/api/v1/requests', copyrightNotice, { authorization: `Bearer cnd_${'A'.repeat(43)}` });
    assert.equal(forged.status, 401);
    assert.equal((await get('/api/v1/requests', submit)).status, 403);
    assert.equal((await fetch(`${server.url}/api/v1/requests/1`)).status, 401);
  });

  it('takes a batch all or nothing, with problems keyed by position', async () => {
    const before = (await (await get('/api/v1/requests?limit=200')).json()) as { items: unknown[] };
    const good = { kind: 'user_data', category: 'court_order', requester: { type: 'court', country: 'DE' }, text: 'Order to disclose', targets: [{ account: 'Example', project: 'de.wikipedia.org' }] };
    const bad = await post('/api/v1/requests/batch', { requests: [good, { ...good, category: 'violence' }, good, { ...good, kind: 'nope' }] });
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { errors: Record<string, string[]> };
    assert.deepEqual(Object.keys(body.errors).sort(), ['3']);
    const after = (await (await get('/api/v1/requests?limit=200')).json()) as { items: unknown[] };
    assert.equal(after.items.length, before.items.length, 'nothing of a refused batch is stored');

    const rules = await post('/api/v1/requests/batch', { requests: [good, { ...good, category: 'violence' }] });
    assert.equal(rules.status, 400);
    assert.deepEqual(((await rules.json()) as { errors: Record<string, string[]> }).errors, {
      '1': ['category: "violence" does not apply to user_data; expected one of informal_private, informal_government, civil_subpoena, criminal_subpoena, administrative_subpoena, search_warrant, court_order, national_security'],
    });

    const ok = await post('/api/v1/requests/batch', { requests: [{ ...good, external_id: 'b-1' }, { ...good, external_id: 'b-2' }, { ...good, external_id: 'b-1' }] });
    assert.equal(ok.status, 201);
    const items = ((await ok.json()) as { items: { id: number; reference: string }[] }).items;
    assert.equal(items.length, 3);
    assert.equal(items[2]!.id, items[0]!.id, 'a repeated external_id within the batch is one request');
    assert.notEqual(items[1]!.id, items[0]!.id);

    const tooMany = await post('/api/v1/requests/batch', { requests: Array.from({ length: 101 }, () => good) });
    assert.equal(tooMany.status, 400);
    assert.match(((await tooMany.json()) as { issues: string[] }).issues.join('\n'), /requests: must have at most 100 items/);
  });

  it('lists requests newest first, filtered, in keyset pages that cover everything once', async () => {
    const all: { id: number; received_at: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await get(`/api/v1/requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: { id: number; received_at: string }[]; next_cursor: string | null };
      assert.ok(page.items.length <= 2);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const ids = all.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length, 'no request twice');
    const sorted = [...all].sort((a, b) => b.received_at.localeCompare(a.received_at) || b.id - a.id);
    assert.deepEqual(ids, sorted.map((item) => item.id));

    const userData = (await (await get('/api/v1/requests?kind=user_data&channel=api&state=received')).json()) as { items: { kind: string }[] };
    assert.ok(userData.items.length >= 2);
    assert.ok(userData.items.every((item) => item.kind === 'user_data'));
    const future = (await (await get('/api/v1/requests?since=2999-01-01T00:00:00Z')).json()) as { items: unknown[]; next_cursor: null };
    assert.deepEqual(future, { items: [], next_cursor: null });

    const badCursor = await get('/api/v1/requests?cursor=bm9wZQ');
    assert.equal(badCursor.status, 400);
    assert.equal(((await badCursor.json()) as { error: string }).error, 'invalid_cursor');
    const badFilter = await get('/api/v1/requests?kind=everything&limit=0');
    assert.equal(badFilter.status, 400);
    assert.equal((await get('/api/v1/requests/99999999')).status, 404);
    assert.equal((await get('/api/v1/requests/99999999999999999999999')).status, 404);
  });

  it('queues an acknowledgement in the requester\'s language', async () => {
    await server.stop();
    const handle = await database.open();
    try {
      const mail = await handle.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      assert.ok(mail.length > 0);
      const first = mail[0]!;
      assert.equal(first.to_address, 'legal@harbour.example');
      assert.equal(first.language, 'es');
      assert.match(first.subject, /^Hemos recibido tu solicitud CR-\d{4}-\d{6}$/);
      assert.match(first.body_text, /aviso de derechos de autor/);
      assert.equal(first.status, 'pending');
      const withoutAddress = await handle.db.selectFrom('requests').select('id').where('requester_email', 'is', null).execute();
      const acknowledged = new Set(mail.map((row) => row.request_id));
      assert.ok(withoutAddress.every((row) => !acknowledged.has(row.id)), 'no mail without an address');
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });

  it('describes itself in a valid OpenAPI 3.1 document generated from the same schemas', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as Record<string, any>;
    assert.equal(document.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    for (const path of ['/healthz', '/api/v1/requests', '/api/v1/requests/batch', '/api/v1/requests/{id}', '/api/v1/transparency/{period}']) {
      assert.ok(document.paths[path], `documents ${path}`);
    }
    const body = JSON.stringify(document.paths['/api/v1/requests'].post.requestBody);
    assert.match(body, /counter_notice_to/);
    assert.deepEqual(document.paths['/api/v1/requests'].post.security, [{ bearer: [] }]);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

// One copyright notice, sent by the web form, the JSON API and e-mail, must become the same record.
const NOTICE = {
  name: 'Mara Lind',
  email: 'mara@fjordphoto.example',
  url: 'https://commons.wikimedia.org/wiki/File:Fjord_at_dusk.jpg',
  work: 'My photograph "Fjord at dusk", first published on fjordphoto.example in 2022.',
};

describe('the same notice by form, API and e-mail', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let submitToken: string;
  let readToken: string;
  let smtpPort: number;

  before(async () => {
    database = await createTestDatabase();
    submitToken = (await runCli(['token', 'create', 'partner', '--scope', 'submit'], database.env)).stdout.trim();
    readToken = (await runCli(['token', 'create', 'reader', '--scope', 'read'], database.env)).stdout.trim();
    server = await startServer({ ...database.env, INBOUND_SMTP_PORT: '0' });
    smtpPort = Number(server.logs.find((entry) => entry.msg === 'inbound mail: listening')?.port);
    assert.ok(smtpPort > 0, 'the inbound SMTP listener is up');
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const read = async (path: string) => {
    const response = await fetch(`${server.url}/api/v1/requests${path}`, { headers: { authorization: `Bearer ${readToken}` } });
    assert.equal(response.status, 200);
    return (await response.json()) as Record<string, any>;
  };

  it('stores equivalent records, each acknowledged', async () => {
    const api = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${submitToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'copyright', requester: { name: NOTICE.name, email: NOTICE.email }, text: NOTICE.work, targets: [{ url: NOTICE.url }] }),
    });
    assert.equal(api.status, 201);
    const apiReference = ((await api.json()) as { reference: string }).reference;

    const form = await fetch(`${server.url}/en/requests/new/copyright`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: NOTICE.name, email: NOTICE.email, work: NOTICE.work, urls: NOTICE.url, good_faith: 'yes', accuracy: 'yes', signature: NOTICE.name }).toString(),
    });
    assert.equal(form.status, 200);
    const formReference = /class="reference">([^<]+)</.exec(await form.text())?.[1];
    assert.ok(formReference);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({
      from: `${NOTICE.name} <${NOTICE.email}>`,
      to: 'legal@trust.example',
      subject: 'DMCA copyright infringement notice',
      text: `${NOTICE.work}\n\nThe infringing copy is at ${NOTICE.url}\n`,
    });
    transport.close();
    assert.match(sent.response, /^250/);
    const byMail = await read('?channel=email');
    assert.equal(byMail.items.length, 1);
    const mailReference = byMail.items[0].reference as string;

    const records = await Promise.all([apiReference, formReference, mailReference].map((reference) => read(`/${reference}`)));
    assert.deepEqual(records.map((record) => record.channel), ['api', 'web', 'email']);
    for (const record of records) {
      assert.equal(record.kind, 'copyright');
      assert.equal(record.status, 'received');
      assert.equal(record.requester.name, NOTICE.name);
      assert.equal(record.requester.email, NOTICE.email);
      assert.deepEqual(record.targets, [{ type: 'file', url: NOTICE.url, project: 'commons.wikimedia.org', account: null }]);
      assert.match(record.text, /Fjord at dusk/);
    }

    await server.stop();
    const handle = await database.open();
    try {
      const acknowledgements = await handle.db.selectFrom('outbox').select(['request_id', 'to_address']).execute();
      assert.deepEqual(new Set(acknowledgements.map((row) => row.request_id)), new Set(records.map((record) => record.id)));
      assert.ok(acknowledgements.every((row) => row.to_address === NOTICE.email));
      const created = await handle.db.selectFrom('audit_events').select('subject_id').where('action', '=', 'request.created').execute();
      assert.deepEqual(new Set(created.map((row) => row.subject_id)), new Set(records.map((record) => record.id)));
    } finally {
      await handle.close();
    }
    server = await startServer({ ...database.env, INBOUND_SMTP_PORT: '0' });
  });
});

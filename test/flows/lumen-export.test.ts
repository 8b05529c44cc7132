import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { loadSession } from '../../src/auth/sessions.ts';
import { prepareMissingDrafts } from '../../src/notices/prepare-draft.ts';
import { publishNotice } from '../../src/notices/review.ts';
import { createRequests } from '../../src/requests/create-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';
import { createStaffLogin } from '../helpers/staff.ts';

/** A stand-in for Lumen on loopback: keeps every notice posted, and refuses those whose title it is told to. */
function fakeLumen() {
  const received: { token: string | undefined; body: any }[] = [];
  let refuse: (title: string) => boolean = () => false;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk)).on('end', () => {
      const notice = JSON.parse(body);
      if (request.url !== '/notices' || request.method !== 'POST') return void response.writeHead(404).end();
      if (refuse(notice.notice.title)) return void response.writeHead(422, { 'content-type': 'application/json' }).end('{"errors":["not today"]}');
      received.push({ token: request.headers['x-authentication-token'] as string | undefined, body: notice });
      response.writeHead(201, { location: `/notices/${received.length}` }).end('{}');
    });
  });
  return {
    received,
    refuseWhen(check: (title: string) => boolean) {
      refuse = check;
    },
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('candor export lumen', () => {
  let database: TestDatabase;
  const lumen = fakeLumen();
  let env: Record<string, string>;
  const references: string[] = [];

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      const counsel = await createStaffLogin(handle.db, 'counsel');
      const staff = (await loadSession(handle.db, counsel.cookie.split('=')[1]))!;
      const decided = new Date('2026-03-02T10:00:00Z');
      const created = await handle.db.transaction().execute((trx) =>
        createRequests(
          trx,
          [
            { kind: 'content_alteration', category: 'defamation', channel: 'email', receivedAt: new Date('2026-03-01T09:00:00Z'), outcome: 'denied', decidedAt: decided, rationale: 'Sourced reporting.', requester: { name: 'Marisol Quintana', email: 'marisol.q@mail.example', type: 'individual', country: 'MX' }, originalText: 'Soy Marisol Quintana, escríbanme a marisol.q@mail.example. Borren el artículo.', targets: [{ type: 'page', url: 'https://es.wikipedia.org/wiki/Ejemplo', project: 'es.wikipedia.org' }] },
            { kind: 'copyright', category: null, channel: 'web', receivedAt: new Date('2026-03-01T11:00:00Z'), outcome: 'granted', decidedAt: decided, rationale: 'Valid notice.', requester: { name: 'Counsel at Rights Ltd', organization: 'Rights Ltd', email: 'notices@rights.example', type: 'company', country: 'GB' }, originalText: 'Please remove our photograph.', targets: [{ type: 'file', url: 'https://commons.wikimedia.org/wiki/File:Photo.jpg', project: 'commons.wikimedia.org' }] },
          ],
          'test',
        ),
      );
      for (const row of created) references.push(row.reference);
      assert.equal(await prepareMissingDrafts(handle.db), 2);
      for (const reference of references) await publishNotice(handle.db, staff, reference);
    } finally {
      await handle.close();
    }
    env = { ...database.env, LUMEN_URL: `http://127.0.0.1:${await lumen.listen()}`, LUMEN_TOKEN: 'lumen-test-token' };
  });
  after(async () => {
    await lumen.close();
    await database?.drop();
  });

  it('is sent by the server on its own, on the job queue, when LUMEN_URL is set', async () => {
    const server = await startServer(env);
    try {
      for (let tries = 0; lumen.received.length < 2 && tries < 600; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await server.stop();
    }
    assert.deepEqual(lumen.received.map((sent) => sent.body.notice.title.length > 0), [true, true], 'both published notices reached Lumen');
    // What the server sent counts as sent: the command finds nothing more to send. The later tests start afresh.
    const again = await runCli(['export', 'lumen'], env);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(lumen.received.length, 2);
    const handle = await database.open();
    try {
      await handle.db.deleteFrom('lumen_exports').execute();
    } finally {
      await handle.close();
    }
    lumen.received.length = 0;
  });

  it('refuses to run without LUMEN_URL, naming it (exit 2)', async () => {
    const result = await runCli(['export', 'lumen'], database.env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /LUMEN_URL/);
  });

  it('sends published notices with the token, without private names or addresses; a refused one is named and tried again later', async () => {
    lumen.refuseWhen((title) => title.includes('photograph') || lumen.received.length > 0);
    const first = await runCli(['export', 'lumen'], env);
    assert.equal(first.status, 1, first.stderr);
    assert.equal(lumen.received.length, 1);
    assert.match(first.stderr, new RegExp(`^${references[1]}: .*422`, 'm'));
    const sent = lumen.received[0]!;
    assert.equal(sent.token, 'lumen-test-token');
    const text = JSON.stringify(sent.body);
    for (const secret of ['Marisol', 'Quintana', 'marisol.q@mail.example']) assert.ok(!text.includes(secret), `${secret} is not sent`);
    assert.equal(sent.body.notice.date_received.slice(0, 10), '2026-03-01');
    const sender = sent.body.notice.entity_notice_roles_attributes.find((role: { name: string }) => role.name === 'sender');
    assert.equal(sender.entity_attributes.country_code, 'MX');

    lumen.refuseWhen(() => false);
    const second = await runCli(['export', 'lumen'], env);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^1 notice\(s\) sent to Lumen, 0 not delivered$/m);
    assert.equal(lumen.received.length, 2);
    const organisation = JSON.stringify(lumen.received[1]!.body);
    assert.ok(organisation.includes('Rights Ltd'), 'an organisation is named');

    const third = await runCli(['export', 'lumen'], env);
    assert.equal(third.status, 0);
    assert.match(third.stdout, /^0 notice\(s\) sent/m);
    assert.equal(lumen.received.length, 2, 'nothing is sent twice');
    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0, verify.stderr);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { startInboundSmtp, type InboundSmtp } from '../../src/mail/inbound-smtp.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { eml, emlWithAttachments, rawSmtp } from '../helpers/mail.ts';

// E-mail intake through its real interfaces: an SMTP conversation over loopback (nodemailer as
// the sending server, or a bare socket where nodemailer would be too polite), and the
// `candor import eml` command on files written here by hand.

const MAX_BYTES = 300_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image data')]);

async function counts(db: DatabaseHandle['db']) {
  const n = async (table: 'requests' | 'request_messages' | 'request_attachments' | 'mail_quarantine' | 'audit_events' | 'outbox') =>
    (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return {
    requests: await n('requests'),
    messages: await n('request_messages'),
    attachments: await n('request_attachments'),
    quarantine: await n('mail_quarantine'),
    events: await n('audit_events'),
    outbox: await n('outbox'),
  };
}

describe('e-mail intake over SMTP', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let smtp: InboundSmtp;
  let transport: Transporter;
  const logs: string[] = [];
  const log = {
    info: (fields: object, message?: string) => logs.push(JSON.stringify({ ...fields, message })),
    warn: (fields: object, message?: string) => logs.push(JSON.stringify({ ...fields, message })),
    error: (fields: object, message?: string) => logs.push(JSON.stringify({ ...fields, message })),
  };
  const send = (raw: Buffer, from = 'sender@example.org') => transport.sendMail({ envelope: { from, to: ['legal@candor.example'] }, raw });
  let first: { id: number; reference: string };

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    smtp = await startInboundSmtp({ port: 0, host: '127.0.0.1', db: handle.db, log, maxBytes: MAX_BYTES });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
  });
  after(async () => {
    transport?.close();
    await smtp?.close();
    await handle?.close();
    await database?.drop();
  });

  it('announces SIZE and no STARTTLS or AUTH', async () => {
    const replies = await rawSmtp(smtp.port, { mailFrom: 'a@example.org', rcptTo: [] });
    const ehlo = replies[1]!;
    assert.equal(ehlo.code, 250);
    assert.match(ehlo.text, new RegExp(`^SIZE ${MAX_BYTES}$`, 'm'));
    assert.doesNotMatch(ehlo.text, /STARTTLS|AUTH/);
  });

  it('answers 250 once a new message is a committed request: e-mail channel, received, raw bytes kept, attachment typed by content', async () => {
    const raw = emlWithAttachments(
      { From: 'Lena Ortiz <lena@ortiz-law.example>', To: 'legal@candor.example', Subject: 'Copyright infringement', 'Message-ID': '<smtp-1@ortiz-law.example>', Date: 'Wed, 04 Mar 2026 09:00:00 +0000' },
      'Our client owns the copyright in the photo at https://en.wikipedia.org/wiki/File:Sunset.jpg and https://commons.wikimedia.org/wiki/File:Sunset.jpg.',
      [{ filename: 'signed-notice.pdf.exe', contentType: 'application/x-msdownload', content: PNG }],
    );
    const info = await send(raw);
    assert.match(info.response ?? '', /^250 /);
    // No waiting: what was answered 250 is already committed.
    const request = await handle.db.selectFrom('requests').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    first = { id: request.id, reference: request.reference };
    assert.deepEqual([request.channel, request.state, request.kind, request.requester_email], ['email', 'received', 'copyright', 'lena@ortiz-law.example']);
    assert.match(request.reference, /^CR-\d{4}-\d{6}$/);
    const targets = await handle.db.selectFrom('request_targets').select('url').where('request_id', '=', request.id).orderBy('id').execute();
    assert.deepEqual(targets.map((t) => t.url), ['https://en.wikipedia.org/wiki/File:Sunset.jpg', 'https://commons.wikimedia.org/wiki/File:Sunset.jpg']);
    const message = await handle.db.selectFrom('request_messages').selectAll().where('request_id', '=', request.id).executeTakeFirstOrThrow();
    assert.ok(message.raw!.equals(raw), 'the original message is kept byte for byte');
    const attachment = await handle.db.selectFrom('request_attachments').selectAll().where('request_id', '=', request.id).executeTakeFirstOrThrow();
    assert.deepEqual([attachment.filename, attachment.content_type, attachment.size_bytes, attachment.message_id], ['signed-notice.pdf.exe', 'image/png', PNG.length, message.id]);
    assert.ok(attachment.content.equals(PNG));
    const ack = await handle.db.selectFrom('outbox').selectAll().where('request_id', '=', request.id).executeTakeFirstOrThrow();
    assert.equal(ack.to_address, 'lena@ortiz-law.example');
    assert.ok(!logs.join('\n').includes('ortiz-law'), 'no address or subject in the logs');
  });

  it('threads a reply to the acknowledgement and a reply quoting the reference, without another request', async () => {
    const ack = await handle.db.selectFrom('outbox').select('headers').where('request_id', '=', first.id).executeTakeFirstOrThrow();
    const before = await counts(handle.db);
    await send(eml({ From: 'lena@ortiz-law.example', Subject: 'Re: We have received your request', 'Message-ID': '<smtp-2@ortiz-law.example>', 'In-Reply-To': ack.headers['Message-ID']!, References: ack.headers['Message-ID']! }, 'Here is the signed statement.\r\n'));
    await send(eml({ From: 'paralegal@ortiz-law.example', Subject: `Fwd: ${first.reference}`, 'Message-ID': '<smtp-3@ortiz-law.example>' }, 'Forwarding the registration.\r\n'));
    const after = await counts(handle.db);
    assert.deepEqual([after.requests, after.messages, after.outbox], [before.requests, before.messages + 2, before.outbox]);
    const messages = await handle.db.selectFrom('request_messages').select(['message_id', 'body_text']).where('request_id', '=', first.id).orderBy('id').execute();
    assert.deepEqual(messages.map((m) => m.message_id), ['<smtp-1@ortiz-law.example>', '<smtp-2@ortiz-law.example>', '<smtp-3@ortiz-law.example>']);
    const events = await handle.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'request').where('subject_id', '=', first.id).orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['request.created', 'request.message_received', 'request.message_received', 'request.message_received']);
  });

  it('takes the same Message-ID delivered twice as a no-op', async () => {
    const before = await counts(handle.db);
    const info = await send(eml({ From: 'lena@ortiz-law.example', Subject: 'again', 'Message-ID': '<smtp-1@ortiz-law.example>' }, 'Resent by a confused server.\r\n'));
    assert.match(info.response ?? '', /^250 /);
    assert.deepEqual(await counts(handle.db), before);
  });

  it('quarantines malformed MIME and a message without a sender, keeping the raw bytes', async () => {
    const before = await counts(handle.db);
    const malformed = eml({ From: 'x@example.org', Subject: 'broken', 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="never-used"' }, '--another\r\nContent-Type: text/plain\r\n\r\nlost text\r\n--another--\r\n');
    const garbage = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x10]), Buffer.from('\r\nnot a message at all\r\n')]);
    assert.match((await send(malformed)).response ?? '', /^250 /);
    const replies = await rawSmtp(smtp.port, { mailFrom: 'y@example.org', rcptTo: ['legal@candor.example'], data: garbage });
    assert.equal(replies.at(-2)!.code, 250, JSON.stringify(replies));
    const after = await counts(handle.db);
    assert.deepEqual([after.requests, after.quarantine], [before.requests, before.quarantine + 2]);
    const rows = await handle.db.selectFrom('mail_quarantine').selectAll().orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(rows.map((row) => [row.source, row.reason.split(':')[0], row.envelope_to]), [
      ['smtp', 'no-sender', ['legal@candor.example']],
      ['smtp', 'malformed-mime', ['legal@candor.example']],
    ]);
    assert.ok(rows[1]!.raw.equals(malformed));
    assert.ok(rows[0]!.raw.equals(garbage));
  });

  it('refuses a message over the size limit with 552 and keeps nothing of it', async () => {
    const before = await counts(handle.db);
    const huge = eml({ From: 'big@example.org', Subject: 'huge', 'Message-ID': '<huge@example.org>' }, `${'A'.repeat(998)}\r\n`.repeat(400));
    await assert.rejects(send(huge), (error: { responseCode?: number }) => error.responseCode === 552);
    // Declared in advance: refused at MAIL FROM.
    const declared = await rawSmtp(smtp.port, { mailFrom: 'big@example.org', mailFromParams: `SIZE=${huge.length}`, rcptTo: ['legal@candor.example'], data: huge });
    assert.equal(declared.at(-1)!.code, 552, JSON.stringify(declared));
    // Not declared: the data is drained and the message refused at its end.
    const streamed = await rawSmtp(smtp.port, { mailFrom: 'big@example.org', rcptTo: ['legal@candor.example'], data: huge });
    const answer = streamed.find((reply) => reply.code === 552);
    assert.ok(answer, JSON.stringify(streamed));
    assert.match(answer.text, new RegExp(`${MAX_BYTES}`));
    assert.deepEqual(await counts(handle.db), before);
    // A message just under the limit is still taken.
    const fits = eml({ From: 'big@example.org', Subject: 'fits', 'Message-ID': '<fits@example.org>' }, `${'B'.repeat(998)}\r\n`.repeat(250));
    assert.ok(fits.length < MAX_BYTES);
    assert.match((await send(fits)).response ?? '', /^250 /);
  });

  it('decodes unusual charsets: ISO-8859-1, windows-1256 Arabic, Shift_JIS, quoted-printable and base64', async () => {
    const latin1 = eml(
      { From: '=?ISO-8859-1?Q?Jos=E9_Nu=F1ez?= <jose@example.es>', Subject: '=?ISO-8859-1?Q?Difamaci=F3n?=', 'Message-ID': '<cs-1@example.es>', 'Content-Type': 'text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding': '8bit' },
      Buffer.concat([Buffer.from('Art'), Buffer.from([0xed]), Buffer.from('culo difamatorio: se'), Buffer.from([0xf1]), Buffer.from('or Nu'), Buffer.from([0xf1]), Buffer.from('ez.\r\n')]),
    );
    const arabic = eml(
      { From: '=?windows-1256?B?0+HH4w==?= <salam@example.eg>', 'Message-ID': '<cs-2@example.eg>', 'Content-Type': 'text/plain; charset=windows-1256', 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Language': 'ar' },
      '=D3=E1=C7=E3 =DA=E1=ED=DF=E3\r\n',
    );
    const japanese = eml(
      { From: 'tanaka@example.jp', Subject: '=?Shift_JIS?B?k/qWe4zq?=', 'Message-ID': '<cs-3@example.jp>', 'Content-Type': 'text/plain; charset=Shift_JIS', 'Content-Transfer-Encoding': 'base64' },
      `${Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]).toString('base64')}\r\n`,
    );
    for (const raw of [latin1, arabic, japanese]) assert.match((await send(raw)).response ?? '', /^250 /);
    const rows = await handle.db
      .selectFrom('request_messages')
      .innerJoin('requests', 'requests.id', 'request_messages.request_id')
      .select(['request_messages.message_id', 'request_messages.subject', 'request_messages.body_text', 'requests.requester_name', 'requests.original_text', 'requests.requester_language', 'request_messages.raw'])
      .where('request_messages.message_id', 'in', ['<cs-1@example.es>', '<cs-2@example.eg>', '<cs-3@example.jp>'])
      .orderBy('request_messages.id')
      .execute();
    assert.deepEqual(
      rows.map((row) => [row.requester_name, row.subject, row.original_text, row.requester_language]),
      [
        ['José Nuñez', 'Difamación', 'Artículo difamatorio: señor Nuñez.', null],
        ['سلام', null, 'سلام عليكم', 'ar'],
        [null, '日本語', '日本語', null],
      ],
    );
    assert.ok(rows[0]!.raw!.equals(latin1), 'the 8-bit original is kept as it came');
  });

  it('offers STARTTLS with a configured certificate, and takes mail over it', async () => {
    const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'mail');
    const cert = fs.readFileSync(path.join(fixtures, 'test-cert.pem'));
    const secured = await startInboundSmtp({ port: 0, db: handle.db, log, maxBytes: MAX_BYTES, tls: { key: fs.readFileSync(path.join(fixtures, 'test-key.pem')), cert } });
    const tlsTransport = nodemailer.createTransport({ host: '127.0.0.1', port: secured.port, secure: false, requireTLS: true, tls: { ca: [cert], servername: 'localhost' } });
    try {
      const replies = await rawSmtp(secured.port, { mailFrom: 'a@example.org', rcptTo: [] });
      assert.match(replies[1]!.text, /^STARTTLS$/m);
      const info = await tlsTransport.sendMail({
        envelope: { from: 'tls@example.org', to: ['legal@candor.example'] },
        raw: eml({ From: 'tls@example.org', 'Message-ID': '<tls-1@example.org>' }, 'Sent over TLS: https://en.wikipedia.org/wiki/Tls\r\n'),
      });
      assert.match(info.response ?? '', /^250 /);
      const stored = await handle.db.selectFrom('request_messages').select('id').where('message_id', '=', '<tls-1@example.org>').execute();
      assert.equal(stored.length, 1);
    } finally {
      tlsTransport.close();
      await secured.close();
    }
  });

  it('stops cleanly: the port is closed afterwards', async () => {
    await smtp.close();
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        const socket = net.connect(smtp.port, '127.0.0.1', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      }),
    );
  });
});

describe('candor import eml', () => {
  let database: TestDatabase;
  let dir: string;

  before(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-eml-'));
  });
  after(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mbox = [
    'From alice@example.org Mon Jan  5 10:00:00 2026',
    'From: Alice <alice@example.org>',
    'To: legal@candor.example',
    'Subject: DMCA notice',
    'Message-ID: <mbox-1@example.org>',
    'Date: Mon, 05 Jan 2026 10:00:00 +0000',
    '',
    'Our copyrighted text is copied at https://en.wikipedia.org/wiki/Example.',
    '>From the first line of our book to the last.',
    '',
    'From bob@example.org Tue Jan  6 11:00:00 2026',
    'From: bob@example.org',
    'Subject: Subpoena',
    'Message-ID: <mbox-2@example.org>',
    'Date: Tue, 06 Jan 2026 11:00:00 +0000',
    '',
    'A subpoena for the IP address of User:Example is attached.',
    '',
    'From carol@example.org Wed Jan  7 12:00:00 2026',
    'From: carol@example.org',
    'Subject: Article about me',
    'Message-ID: <mbox-3@example.org>',
    'Date: Wed, 07 Jan 2026 12:00:00 +0000',
    '',
    'The article https://es.wikipedia.org/wiki/Carol is false.',
    '',
  ].join('\n');

  it('imports an mbox archive of three messages, restoring escaped "From " lines', async () => {
    const file = path.join(dir, 'archive.mbox');
    fs.writeFileSync(file, mbox);
    const result = await runCli(['import', 'eml', file], database.env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^3 new requests, 0 replies threaded, 0 quarantined, 0 already stored$/m);
    const handle = await database.open();
    try {
      const rows = await handle.db
        .selectFrom('requests')
        .innerJoin('request_messages', 'request_messages.request_id', 'requests.id')
        .select(['requests.kind', 'requests.channel', 'requests.state', 'requests.received_at', 'requests.original_text', 'request_messages.raw'])
        .orderBy('requests.id')
        .execute();
      assert.deepEqual(rows.map((row) => [row.kind, row.channel, row.state, row.received_at.toISOString()]), [
        ['copyright', 'email', 'received', '2026-01-05T10:00:00.000Z'],
        ['user_data', 'email', 'received', '2026-01-06T11:00:00.000Z'],
        ['content_alteration', 'email', 'received', '2026-01-07T12:00:00.000Z'],
      ]);
      assert.match(rows[0]!.original_text!, /^From the first line of our book/m);
      assert.ok(rows[0]!.raw!.toString().includes('\nFrom the first line'), 'the message is stored unescaped');
      assert.ok(!rows[0]!.raw!.toString().startsWith('From alice'), 'without the archive separator');
    } finally {
      await handle.close();
    }
  });

  it('threads a reply file, quarantines an unusable one, exits 0, and reports each', async () => {
    const reply = path.join(dir, 'reply.eml');
    const broken = path.join(dir, 'broken.eml');
    fs.writeFileSync(reply, eml({ From: 'alice@example.org', Subject: 'Re: DMCA notice', 'Message-ID': '<mbox-4@example.org>', 'In-Reply-To': '<mbox-1@example.org>' }, 'Any news?\r\n'));
    fs.writeFileSync(broken, 'no headers here, just words\n');
    const result = await runCli(['import', 'eml', reply, broken], database.env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^0 new requests, 1 reply threaded, 1 quarantined, 0 already stored$/m);
  });

  it('changes nothing when the same files are imported again', async () => {
    const result = await runCli(['import', 'eml', path.join(dir, 'archive.mbox'), path.join(dir, 'reply.eml'), path.join(dir, 'broken.eml')], database.env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^0 new requests, 0 replies threaded, 0 quarantined, 5 already stored$/m);
  });

  it('exits 2 and imports nothing when a path cannot be read', async () => {
    const fresh = path.join(dir, 'fresh.eml');
    fs.writeFileSync(fresh, eml({ From: 'dave@example.org', 'Message-ID': '<fresh@example.org>' }, 'Please remove https://en.wikipedia.org/wiki/Dave.\r\n'));
    const missing = await runCli(['import', 'eml', fresh, path.join(dir, 'missing.eml')], database.env);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing\.eml: ENOENT/);
    const folder = await runCli(['import', 'eml', dir], database.env);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /directory/);
    const none = await runCli(['import', 'eml'], database.env);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /usage: candor import eml/);
    const handle = await database.open();
    try {
      const stored = await handle.db.selectFrom('request_messages').select('id').where('message_id', '=', '<fresh@example.org>').execute();
      assert.equal(stored.length, 0);
    } finally {
      await handle.close();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyChain } from '../audit/verify-chain.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { eml, emlWithAttachments } from '../../test/helpers/mail.ts';
import { receiveMessage, type ReceiveOptions } from './receive-message.ts';

const SMTP: ReceiveOptions = { source: 'smtp', actor: 'smtp', envelopeFrom: 'sender@example.org', envelopeTo: ['legal@candor.example'] };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');

describe('receiveMessage', () => {
  const suite = useTestDatabase();

  const counts = async () => ({
    requests: (await suite.handle.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    messages: (await suite.handle.db.selectFrom('request_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    quarantine: (await suite.handle.db.selectFrom('mail_quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    outbox: (await suite.handle.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    events: (await suite.handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  });

  let first: { id: number; reference: string };
  const original = emlWithAttachments(
    {
      From: 'Harbour Pictures <legal@harbour.example>',
      To: 'legal@candor.example',
      Subject: 'DMCA notice',
      'Message-ID': '<notice-1@harbour.example>',
      'Content-Language': 'es-AR',
    },
    'Our copyrighted photograph is used at https://commons.wikimedia.org/wiki/File:Harbour.jpg without permission.',
    [
      { filename: 'notice.bin', contentType: 'application/octet-stream', content: PDF },
      { filename: 'evidence.txt', contentType: 'text/plain', content: Buffer.from('<html><script>alert(1)</script></html>') },
    ],
  );

  it('turns a new message into a request on the e-mail channel, keeping the message byte for byte', async () => {
    const received = await receiveMessage(suite.handle.db, original, SMTP);
    assert.equal(received.outcome, 'created');
    assert.ok(received.outcome === 'created');
    first = { id: received.requestId, reference: received.reference };
    const request = await suite.handle.db.selectFrom('requests').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual(
      [request.channel, request.state, request.kind, request.requester_name, request.requester_email, request.requester_language],
      ['email', 'received', 'copyright', 'Harbour Pictures', 'legal@harbour.example', 'es-AR'],
    );
    assert.match(request.original_text!, /Our copyrighted photograph/);
    const targets = await suite.handle.db.selectFrom('request_targets').select(['target_type', 'url', 'project']).where('request_id', '=', first.id).execute();
    assert.deepEqual(targets, [{ target_type: 'file', url: 'https://commons.wikimedia.org/wiki/File:Harbour.jpg', project: 'commons.wikimedia.org' }]);
    const message = await suite.handle.db.selectFrom('request_messages').selectAll().where('request_id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual(message.raw, original);
    assert.deepEqual(
      [message.direction, message.message_id, message.subject, message.from_address, message.to_addresses],
      ['inbound', '<notice-1@harbour.example>', 'DMCA notice', 'legal@harbour.example', ['legal@candor.example']],
    );
    const attachments = await suite.handle.db.selectFrom('request_attachments').selectAll().where('request_id', '=', first.id).orderBy('id').execute();
    assert.deepEqual(
      attachments.map((a) => [a.filename, a.content_type, a.size_bytes, a.message_id]),
      [
        ['notice.bin', 'application/pdf', PDF.length, message.id],
        ['evidence.txt', 'application/octet-stream', 38, message.id],
      ],
    );
    assert.deepEqual(attachments[0]!.content, PDF);
    const ack = await suite.handle.db.selectFrom('outbox').selectAll().where('request_id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual([ack.to_address, ack.language], ['legal@harbour.example', 'es']);
    const events = await suite.handle.db.selectFrom('audit_events').select(['actor', 'action', 'payload']).where('subject_id', '=', first.id).where('subject_type', '=', 'request').orderBy('id').execute();
    assert.deepEqual(events.map((event) => [event.actor, event.action]), [['smtp', 'request.created'], ['smtp', 'request.message_received']]);
    assert.equal((events[0]!.payload as { channel: string }).channel, 'email');
    assert.ok(!JSON.stringify(events).includes('harbour.example'), 'no address in the audit log');
  });

  it('makes the same Message-ID delivered again a no-op', async () => {
    const before = await counts();
    const again = await receiveMessage(suite.handle.db, original, SMTP);
    assert.deepEqual(again, { outcome: 'duplicate', requestId: first.id, reference: first.reference });
    assert.deepEqual(await counts(), before);
  });

  it('threads a reply to the acknowledgement (In-Reply-To) to its request, without a new acknowledgement', async () => {
    const ack = await suite.handle.db.selectFrom('outbox').select('headers').where('request_id', '=', first.id).executeTakeFirstOrThrow();
    const before = await counts();
    const reply = eml({ From: 'legal@harbour.example', Subject: 'Re: your reference', 'Message-ID': '<reply-1@harbour.example>', 'In-Reply-To': ack.headers['Message-ID']! }, 'More details.\r\n');
    const received = await receiveMessage(suite.handle.db, reply, SMTP);
    assert.deepEqual(received, { outcome: 'threaded', requestId: first.id, reference: first.reference, by: 'in-reply-to' });
    const after = await counts();
    assert.deepEqual([after.requests, after.messages, after.outbox], [before.requests, before.messages + 1, before.outbox]);
    const event = await suite.handle.db.selectFrom('audit_events').select(['action', 'payload']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(event.action, 'request.message_received');
    assert.equal((event.payload as { threaded_by: string }).threaded_by, 'in-reply-to');
  });

  it('threads by References and by the reference in the subject', async () => {
    const byReferences = await receiveMessage(
      suite.handle.db,
      eml({ From: 'x@example.org', 'Message-ID': '<r2@example.org>', References: '<unknown@example.org> <notice-1@harbour.example>' }),
      SMTP,
    );
    assert.equal(byReferences.outcome === 'threaded' && byReferences.by, 'references');
    const bySubject = await receiveMessage(suite.handle.db, eml({ From: 'x@example.org', 'Message-ID': '<r3@example.org>', Subject: `Re: [${first.reference.toLowerCase()}] more` }), SMTP);
    assert.deepEqual(bySubject, { outcome: 'threaded', requestId: first.id, reference: first.reference, by: 'subject' });
    const unknown = await receiveMessage(suite.handle.db, eml({ From: 'x@example.org', 'Message-ID': '<r4@example.org>', Subject: 'About CR-1999-999999' }), SMTP);
    assert.equal(unknown.outcome, 'created', 'a reference that does not exist opens a new request');
  });

  it('stores a request that names no page, for triage to complete', async () => {
    const received = await receiveMessage(suite.handle.db, eml({ From: 'Jo <jo@example.org>', 'Message-ID': '<no-target@example.org>' }, 'The article about me is false.\r\n'), SMTP);
    assert.ok(received.outcome === 'created');
    const targets = await suite.handle.db.selectFrom('request_targets').select('id').where('request_id', '=', received.requestId).execute();
    assert.equal(targets.length, 0);
    const request = await suite.handle.db.selectFrom('requests').select(['kind', 'original_text']).where('id', '=', received.requestId).executeTakeFirstOrThrow();
    assert.deepEqual(request, { kind: 'content_alteration', original_text: 'The article about me is false.' });
  });

  it('knows a message without a Message-ID by its bytes', async () => {
    const raw = eml({ From: 'anon@example.org', Subject: 'no id' }, 'Please remove https://en.wikipedia.org/wiki/Anon.\r\n');
    const one = await receiveMessage(suite.handle.db, raw, SMTP);
    const two = await receiveMessage(suite.handle.db, raw, SMTP);
    assert.equal(one.outcome, 'created');
    assert.equal(two.outcome, 'duplicate');
  });

  it('quarantines what has no usable sender or cannot be parsed, raw and with the reason, once', async () => {
    const before = await counts();
    const noSender = eml({ Subject: 'who am I', 'Message-ID': '<nosender@example.org>' }, 'text\r\n');
    const broken = eml({ From: 'a@example.org', 'Content-Type': 'multipart/mixed; boundary="gone"' }, '--other\r\n\r\nlost\r\n');
    const r1 = await receiveMessage(suite.handle.db, noSender, SMTP);
    const r2 = await receiveMessage(suite.handle.db, broken, { source: 'import', actor: 'cli' });
    const r3 = await receiveMessage(suite.handle.db, noSender, SMTP);
    assert.deepEqual([r1.outcome, r2.outcome, r3.outcome], ['quarantined', 'quarantined', 'quarantined']);
    assert.ok(r1.outcome === 'quarantined' && r3.outcome === 'quarantined');
    assert.equal(r3.quarantineId, r1.quarantineId, 'the same bytes again are not kept twice');
    assert.deepEqual([r1.again, r3.again], [false, true]);
    const rows = await suite.handle.db.selectFrom('mail_quarantine').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.slice(-2).map((row) => [row.source, row.reason.split(':')[0], row.envelope_from, row.envelope_to, row.resolved_at]),
      [
        ['smtp', 'no-sender', 'sender@example.org', ['legal@candor.example'], null],
        ['import', 'malformed-mime', null, [], null],
      ],
    );
    assert.deepEqual(rows.at(-2)!.raw, noSender);
    assert.deepEqual(rows.at(-1)!.raw, broken);
    const after = await counts();
    assert.deepEqual([after.requests, after.quarantine, after.events], [before.requests, before.quarantine + 2, before.events + 2]);
    const events = await suite.handle.db.selectFrom('audit_events').select(['action', 'subject_type', 'payload']).orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(events.map((event) => [event.action, event.subject_type]), [['mail.quarantined', 'mail_quarantine'], ['mail.quarantined', 'mail_quarantine']]);
  });

  it('does not open a request for an automatic message, but threads one that answers a known message', async () => {
    const bounce = await receiveMessage(suite.handle.db, eml({ From: 'mailer-daemon@example.org', 'Auto-Submitted': 'auto-replied', 'Message-ID': '<ooo-1@example.org>' }), SMTP);
    assert.equal(bounce.outcome === 'quarantined' && bounce.reason, 'automatic');
    const nullSender = await receiveMessage(suite.handle.db, eml({ From: 'someone@example.org', 'Message-ID': '<ooo-2@example.org>' }), { ...SMTP, envelopeFrom: '' });
    assert.equal(nullSender.outcome === 'quarantined' && nullSender.reason, 'automatic');
    const outOfOffice = await receiveMessage(suite.handle.db, eml({ From: 'legal@harbour.example', 'Auto-Submitted': 'auto-replied', 'Message-ID': '<ooo-3@example.org>', 'In-Reply-To': '<notice-1@harbour.example>' }), SMTP);
    assert.equal(outOfOffice.outcome, 'threaded');
  });

  it('keeps at most 20 attachments of at most 10 MB each, and records the others in the audit log', async () => {
    const small = Array.from({ length: 21 }, (_, i) => ({ filename: `page-${i + 1}.png`, contentType: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, i]) }));
    const large = { filename: 'huge.pdf', contentType: 'application/pdf', content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) };
    const raw = emlWithAttachments({ From: 'a@example.org', 'Message-ID': '<many@example.org>' }, 'Scans attached.', [large, ...small]);
    const received = await receiveMessage(suite.handle.db, raw, SMTP);
    assert.ok(received.outcome === 'created');
    const stored = await suite.handle.db.selectFrom('request_attachments').select(['filename', 'content_type']).where('request_id', '=', received.requestId).orderBy('id').execute();
    assert.equal(stored.length, 20);
    assert.deepEqual(stored[0], { filename: 'page-1.png', content_type: 'image/png' });
    const event = await suite.handle.db.selectFrom('audit_events').select('payload').where('action', '=', 'request.message_received').where('subject_id', '=', received.requestId).executeTakeFirstOrThrow();
    assert.deepEqual((event.payload as { attachments_refused: unknown }).attachments_refused, [
      { position: 1, reason: 'too_large', size_bytes: large.content.length },
      { position: 22, reason: 'too_many', size_bytes: 9 },
    ]);
    const message = await suite.handle.db.selectFrom('request_messages').select('raw').where('request_id', '=', received.requestId).executeTakeFirstOrThrow();
    assert.deepEqual(message.raw, raw, 'what was refused is still in the original message');
  });

  it('dates an imported message by its Date header, never in the future', async () => {
    const old = await receiveMessage(suite.handle.db, eml({ From: 'a@example.org', 'Message-ID': '<old@example.org>', Date: 'Mon, 05 Jan 2026 10:00:00 +0000' }), { source: 'import', actor: 'cli', dateFromHeader: true });
    const future = await receiveMessage(suite.handle.db, eml({ From: 'a@example.org', 'Message-ID': '<future@example.org>', Date: 'Mon, 05 Jan 2099 10:00:00 +0000' }), { source: 'import', actor: 'cli', dateFromHeader: true });
    assert.ok(old.outcome === 'created' && future.outcome === 'created');
    const rows = await suite.handle.db.selectFrom('requests').select(['id', 'received_at', 'reference']).where('id', 'in', [old.requestId, future.requestId]).orderBy('id').execute();
    assert.equal(rows[0]!.received_at.toISOString(), '2026-01-05T10:00:00.000Z');
    assert.ok(rows[1]!.received_at.getTime() <= Date.now());
  });

  it('stores one request when the same message arrives twice at once', async () => {
    const raw = eml({ From: 'a@example.org', 'Message-ID': '<race@example.org>' }, 'Remove https://en.wikipedia.org/wiki/Race.\r\n');
    const results = await Promise.all([receiveMessage(suite.handle.db, raw, SMTP), receiveMessage(suite.handle.db, raw, SMTP)]);
    assert.deepEqual(results.map((result) => result.outcome).sort(), ['created', 'duplicate']);
  });

  it('leaves the audit chain intact', async () => {
    const result = await verifyChain(suite.handle.db);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});

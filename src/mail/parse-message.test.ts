import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eml } from '../../test/helpers/mail.ts';
import { parseMessage, type InboundMessage } from './parse-message.ts';

async function parsed(raw: Buffer): Promise<InboundMessage> {
  const result = await parseMessage(raw);
  assert.ok(result.ok, `expected a message, got ${JSON.stringify(result)}`);
  return result.message;
}

// Bytes written by hand in each charset, so that nothing in the test encodes them for us.
const LATIN1_CAFE = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0x63, 0x69, 0xf3, 0x6e]); // "Café nación"
const CP1256_SALAM = '=D3=E1=C7=E3 =DA=E1=ED=DF=E3'; // "سلام عليكم" in windows-1256, quoted-printable
const SJIS_NIHON = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]); // "日本語" in Shift_JIS

describe('parseMessage', () => {
  it('reads the headers Candor uses', async () => {
    const message = await parsed(
      eml({
        From: '"Ana Pérez" <ana@example.org>'.replace('é', '=?UTF-8?Q?=C3=A9?='),
        To: 'Legal <legal@candor.example>, other@candor.example',
        Subject: 'Removal',
        Date: 'Tue, 03 Mar 2026 10:00:00 +0100',
        'Message-ID': '<abc@mail.example.org>',
        'In-Reply-To': '<ack@candor.invalid>',
        References: '<first@mail.example.org> <ack@candor.invalid>',
        'Content-Language': 'es-MX, en',
      }),
    );
    assert.deepEqual(message.sender, { name: 'Ana Pérez', address: 'ana@example.org' });
    assert.deepEqual(message.to, ['legal@candor.example', 'other@candor.example']);
    assert.equal(message.messageId, '<abc@mail.example.org>');
    assert.deepEqual(message.inReplyTo, ['<ack@candor.invalid>']);
    assert.deepEqual(message.references, ['<first@mail.example.org>', '<ack@candor.invalid>']);
    assert.equal(message.language, 'es-MX');
    assert.equal(message.date?.toISOString(), '2026-03-03T09:00:00.000Z');
    assert.equal(message.automatic, false);
  });

  it('decodes ISO-8859-1 8-bit text and encoded-word headers', async () => {
    const message = await parsed(
      eml(
        { From: '=?ISO-8859-1?Q?Jos=E9_Mu=F1oz?= <jose@example.es>', Subject: '=?iso-8859-1?q?Difamaci=F3n?=', 'Content-Type': 'text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding': '8bit' },
        Buffer.concat([LATIN1_CAFE, Buffer.from('\r\n')]),
      ),
    );
    assert.equal(message.sender?.name, 'José Muñoz');
    assert.equal(message.subject, 'Difamación');
    assert.equal(message.text.trim(), 'Café nación');
  });

  it('decodes windows-1256 Arabic in quoted-printable', async () => {
    const message = await parsed(
      eml(
        { From: 'sender@example.net', Subject: '=?windows-1256?B?0+HH4w==?=', 'Content-Type': 'text/plain; charset=windows-1256', 'Content-Transfer-Encoding': 'quoted-printable' },
        `${CP1256_SALAM}\r\n`,
      ),
    );
    assert.equal(message.text.trim(), 'سلام عليكم');
    assert.equal(message.subject, 'سلام');
  });

  it('decodes Shift_JIS in base64, and UTF-8 in base64', async () => {
    const sjis = await parsed(
      eml({ From: 'sender@example.jp', 'Content-Type': 'text/plain; charset=Shift_JIS', 'Content-Transfer-Encoding': 'base64' }, `${SJIS_NIHON.toString('base64')}\r\n`),
    );
    assert.equal(sjis.text.trim(), '日本語');
    const utf8 = await parsed(
      eml({ From: 'sender@example.org', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': 'base64' }, `${Buffer.from('Ωμέγα — ok').toString('base64')}\r\n`),
    );
    assert.equal(utf8.text.trim(), 'Ωμέγα — ok');
  });

  it('takes the text of an HTML-only message', async () => {
    const message = await parsed(eml({ From: 'a@example.org', 'Content-Type': 'text/html; charset=utf-8' }, '<p>Remove <a href="https://en.wikipedia.org/wiki/X">this</a></p>\r\n'));
    assert.match(message.text, /Remove this/);
    assert.match(message.text, /https:\/\/en\.wikipedia\.org\/wiki\/X/);
  });

  it('reports a message with no usable sender, for the caller to quarantine', async () => {
    for (const from of [undefined, 'not an address', 'undisclosed-recipients:;', '<@>']) {
      const message = await parsed(eml(from === undefined ? { Subject: 'x' } : { From: from, Subject: 'x' }));
      assert.equal(message.sender, null, String(from));
      assert.ok(message.senderProblem);
    }
  });

  it('refuses malformed MIME and empty input with a reason', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), 'empty'],
      [Buffer.from('\r\n \r\n'), 'empty'],
      [eml({ From: 'a@example.org', 'Content-Type': 'multipart/mixed' }, '--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n'), 'malformed-mime'],
      [eml({ From: 'a@example.org', 'Content-Type': 'multipart/mixed; boundary="abc"' }, '--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz--\r\n'), 'malformed-mime'],
    ];
    for (const [raw, reason] of cases) {
      const result = await parseMessage(raw);
      assert.equal(result.ok, false, raw.toString());
      assert.equal(!result.ok && result.reason, reason);
    }
  });

  it('marks auto-replies and delivery reports as automatic', async () => {
    assert.equal((await parsed(eml({ From: 'a@example.org', 'Auto-Submitted': 'auto-replied' }))).automatic, true);
    assert.equal((await parsed(eml({ From: 'a@example.org', 'Auto-Submitted': 'no' }))).automatic, false);
    const report = eml({ From: 'MAILER-DAEMON@example.org', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' }, '--r\r\nContent-Type: text/plain\r\n\r\nUndeliverable\r\n--r--\r\n');
    assert.equal((await parsed(report)).automatic, true);
  });

  it('removes NUL characters, which PostgreSQL text cannot hold', async () => {
    const message = await parsed(eml({ From: 'a@example.org', Subject: 'a\u0000b' }, 'x\u0000y\r\n'));
    assert.equal(message.subject, 'ab');
    assert.equal(message.text.trim(), 'xy');
  });
});

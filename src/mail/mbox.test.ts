import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMbox, splitMbox } from './mbox.ts';

async function collect(chunks: Buffer[]): Promise<string[]> {
  const messages: string[] = [];
  for await (const message of splitMbox(chunks)) messages.push(message.toString('utf8'));
  return messages;
}

/** The same bytes cut into chunks of every small size, so that a line may break anywhere. */
function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

const ARCHIVE = [
  'From alice@example.org Mon Jan  5 10:00:00 2026',
  'From: Alice <alice@example.org>',
  'Subject: one',
  '',
  'First body.',
  '>From the start this was wrong.',
  '>>From here it was quoted.',
  '',
  'From bob@example.org Tue Jan  6 11:00:00 2026',
  'From: bob@example.org',
  'Subject: two',
  '',
  'Second body, with a blank line at its end.',
  '',
  '',
  'From MAILER-DAEMON Wed Jan  7 12:00:00 2026',
  'From: carol@example.org',
  'Subject: three',
  '',
  'Third body; no newline at the end of the archive.',
].join('\n');

describe('splitMbox', () => {
  it('splits on "From " lines, drops the separators, and unescapes ">From " lines', async () => {
    const expected = [
      'From: Alice <alice@example.org>\nSubject: one\n\nFirst body.\nFrom the start this was wrong.\n>From here it was quoted.\n',
      'From: bob@example.org\nSubject: two\n\nSecond body, with a blank line at its end.\n\n',
      'From: carol@example.org\nSubject: three\n\nThird body; no newline at the end of the archive.',
    ];
    assert.deepEqual(await collect([Buffer.from(ARCHIVE)]), expected);
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(await collect(chunked(Buffer.from(ARCHIVE), size)), expected, `chunks of ${size}`);
  });

  it('keeps CRLF line endings and 8-bit bytes as they are', async () => {
    const archive = Buffer.concat([Buffer.from('From x Mon Jan  5 10:00:00 2026\r\nFrom: a@example.org\r\n\r\ncaf'), Buffer.from([0xe9]), Buffer.from('\r\n\r\n')]);
    const messages: Buffer[] = [];
    for await (const item of splitMbox([archive])) messages.push(item);
    assert.equal(messages.length, 1);
    assert.deepEqual(messages[0], Buffer.concat([Buffer.from('From: a@example.org\r\n\r\ncaf'), Buffer.from([0xe9]), Buffer.from('\r\n')]));
  });

  it('tells an archive from a single message by its first line', () => {
    assert.equal(isMbox(Buffer.from('From someone@example.org Mon Jan  5 10:00:00 2026\n')), true);
    assert.equal(isMbox(Buffer.from('From: someone@example.org\n')), false);
    assert.equal(isMbox(Buffer.from('Return-Path: <x@example.org>\n')), false);
    assert.equal(isMbox(Buffer.alloc(0)), false);
  });
});

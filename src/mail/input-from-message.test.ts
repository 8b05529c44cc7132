import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTargetUrls, guessKind, requestInputFromMessage, validateEmailInput } from './input-from-message.ts';
import type { InboundMessage } from './parse-message.ts';

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    raw: Buffer.from(''),
    messageId: '<m@example.org>',
    inReplyTo: [],
    references: [],
    subject: 'Removal request',
    sender: { name: 'Ana Pérez', address: 'ana@example.org' },
    senderProblem: null,
    to: ['legal@candor.example'],
    date: null,
    language: null,
    text: 'Please remove https://es.wikipedia.org/wiki/Ana_P%C3%A9rez.',
    attachments: [],
    automatic: false,
    ...overrides,
  };
}

describe('guessKind', () => {
  it('guesses conservatively from the words of the message', () => {
    assert.equal(guessKind('This is a DMCA takedown notice.'), 'copyright');
    assert.equal(guessKind('Your site infringes our rights in the photograph.'), 'copyright');
    assert.equal(guessKind('Enclosed is a subpoena for records.'), 'user_data');
    assert.equal(guessKind('Please give us the IP address of the editor.'), 'user_data');
    assert.equal(guessKind('A DMCA subpoena for the identity of the uploader'), 'user_data');
    assert.equal(guessKind('A user posted a threat to life on a talk page'), 'emergency');
    assert.equal(guessKind('The user wrote about suicide and needs help.'), 'emergency');
    assert.equal(guessKind('This is an emergency.'), 'emergency');
    assert.equal(guessKind('URGENT emergency: copyright infringement on your site'), 'copyright');
    assert.equal(guessKind('The article about me is false and defamatory.'), 'content_alteration');
  });
});

describe('findTargetUrls', () => {
  it('takes each http(s) address once, without the punctuation around it', () => {
    const text = [
      'See https://en.wikipedia.org/wiki/Foo_(bar), and (https://en.wikipedia.org/wiki/Baz).',
      'Again: <https://en.wikipedia.org/wiki/Foo_(bar)> and https://ar.wikipedia.org/wiki/ملف:صورة.jpg',
      'Not these: ftp://example.org/x, mailto:a@example.org, https://localhost/x, http://',
    ].join('\n');
    assert.deepEqual(findTargetUrls(text), [
      'https://en.wikipedia.org/wiki/Foo_(bar)',
      'https://en.wikipedia.org/wiki/Baz',
      'https://ar.wikipedia.org/wiki/%D9%85%D9%84%D9%81:%D8%B5%D9%88%D8%B1%D8%A9.jpg',
    ]);
  });

  it('takes at most 100', () => {
    const text = Array.from({ length: 150 }, (_, i) => `https://en.wikipedia.org/wiki/Page_${i}`).join(' ');
    assert.equal(findTargetUrls(text).length, 100);
  });
});

describe('requestInputFromMessage', () => {
  const receivedAt = new Date('2026-03-04T05:06:07.000Z');

  it('builds the one request schema from a message: requester, language, targets, text', () => {
    const input = requestInputFromMessage(message({ language: 'es-MX' }), { receivedAt, noText: '(none)' });
    assert.deepEqual(input, {
      kind: 'content_alteration',
      received_at: '2026-03-04T05:06:07.000Z',
      requester: { name: 'Ana Pérez', email: 'ana@example.org' },
      text: 'Please remove https://es.wikipedia.org/wiki/Ana_P%C3%A9rez.',
      targets: [{ url: 'https://es.wikipedia.org/wiki/Ana_P%C3%A9rez' }],
      language: 'es-MX',
    });
    assert.equal(validateEmailInput(input).ok, true);
  });

  it('uses the subject in the guess of the kind, and as the text when there is no body', () => {
    const input = requestInputFromMessage(message({ subject: 'DMCA notice', text: '  ' }), { receivedAt, noText: '(none)' });
    assert.equal(input.kind, 'copyright');
    assert.equal(input.text, 'DMCA notice');
    assert.equal(requestInputFromMessage(message({ subject: null, text: '' }), { receivedAt, noText: '(none)' }).text, '(none)');
  });

  it('accepts a message that names no page, and nothing else the schema refuses', () => {
    const input = requestInputFromMessage(message({ text: 'Remove what they wrote about me.' }), { receivedAt, noText: '(none)' });
    assert.deepEqual(input.targets, []);
    assert.deepEqual(validateEmailInput(input), { ok: true, input });
    const bad = validateEmailInput({ ...input, language: 'not a tag' });
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.issues.map((issue) => issue.field), ['language']);
  });

  it('cuts a text longer than the schema allows', () => {
    const input = requestInputFromMessage(message({ text: 'x'.repeat(250_000) }), { receivedAt, noText: '(none)' });
    assert.equal(input.text.length, 200_000);
    assert.equal(validateEmailInput(input).ok, true);
  });
});

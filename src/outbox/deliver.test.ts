import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { signUp } from '../connect/sign-up.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { deliverDue } from './deliver.ts';

describe('delivering newsletter mail', () => {
  const suite = useTestDatabase();

  it('sends the working links, and keeps none of their tokens once sent', async () => {
    const db = suite.handle.db;
    await signUp(db, { email: 'reader@example.org', name: null, language: 'en' }, 'https://trust.example');
    const sent: string[] = [];
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const send = transport.sendMail.bind(transport);
    transport.sendMail = (async (options: SendMailOptions) => {
      const info = await send(options);
      sent.push((info.message as Buffer).toString('utf8'));
      return info;
    }) as typeof transport.sendMail;
    assert.deepEqual(await deliverDue(db, transport, 'news@trust.example'), { sent: 1, failed: 0 });
    const mail = await simpleParser(sent[0]!);
    assert.match(mail.text ?? '', /connect\/confirm\?token=[A-Za-z0-9_%-]{20,}/, 'the mail carries the confirmation link');
    const head = sent[0]!.slice(0, sent[0]!.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    assert.match(head, /^List-Unsubscribe: <https:\/\/trust\.example\/en\/connect\/unsubscribe\?token=[^>]{20,}>$/m);
    const row = await db.selectFrom('outbox').select(['status', 'body_text', 'headers']).where('subscriber_id', 'is not', null).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.ok(row.body_text.includes('/en/connect/confirm?token=…'), row.body_text);
    assert.ok(!/token=[A-Za-z0-9_%-]{2,}/.test(row.body_text + JSON.stringify(row.headers)), 'no token is left in the outbox');
    assert.equal((row.headers as Record<string, string>)['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
  });
});

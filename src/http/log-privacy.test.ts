import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { loggablePath, redactLogFields } from './log-privacy.ts';

describe('loggablePath', () => {
  it('drops the query string and hides segments that look like credentials', () => {
    assert.equal(loggablePath('/en/connect/confirm?token=abc&x=1'), '/en/connect/confirm');
    assert.equal(loggablePath('/console/welcome/Zr8_k2QwErTy1uIoPaSdFgHjKl0ZxCvBnM9aS8dF7gH'), '/console/welcome/…');
    assert.equal(loggablePath('/en/connect/unsubscribe/Q2x9VbN7mK4pL1sD8fG3hJ6k/done'), '/en/connect/unsubscribe/…/done');
    assert.equal(loggablePath('/console/welcome/short'), '/console/welcome/…');
  });

  it('keeps what identifies a page: references, slugs, periods', () => {
    for (const path of ['/console/requests/CR-2026-000123', '/en/news/access-to-knowledge-in-2026', '/api/v1/transparency/2026-H1', '/en/topics/intermediary-liability']) {
      assert.equal(loggablePath(path), path);
    }
  });
});

describe('the log redaction', () => {
  it('blanks credentials and bodies wherever a handler puts them', () => {
    const lines: string[] = [];
    const log = pino({ formatters: { log: redactLogFields } }, { write: (line: string) => lines.push(line) });
    log.info({ password: 'hunter2hunter2', form: { password: 'p2', _csrf: 'c' }, headers: { authorization: 'Bearer t' }, body: 'the text', request: { ip: '192.0.2.1', token: 'tok' } }, 'x');
    const entry = JSON.parse(lines[0]!) as Record<string, any>;
    assert.equal(entry.password, '[redacted]');
    assert.deepEqual(entry.form, { password: '[redacted]', _csrf: '[redacted]' });
    assert.equal(entry.headers.authorization, '[redacted]');
    assert.equal(entry.body, '[redacted]');
    assert.deepEqual(entry.request, { ip: '[redacted]', token: '[redacted]' });
  });

  it('leaves a line without secrets as it is, and the object logged untouched', () => {
    const lines: string[] = [];
    const log = pino({ formatters: { log: redactLogFields } }, { write: (line: string) => lines.push(line) });
    const logged = { form: { password: 'p2', name: 'Ana' }, count: 3 };
    log.info(logged, 'y');
    log.info({ req: { method: 'GET', url: '/en/' } }, 'incoming request');
    assert.deepEqual(logged.form, { password: 'p2', name: 'Ana' }, 'the caller keeps its object');
    assert.deepEqual(JSON.parse(lines[0]!).form, { password: '[redacted]', name: 'Ana' });
    assert.deepEqual(JSON.parse(lines[1]!).req, { method: 'GET', url: '/en/' });
  });

  it("blanks an error's own secret fields and keeps its message", () => {
    const lines: string[] = [];
    const log = pino({ formatters: { log: redactLogFields } }, { write: (line: string) => lines.push(line) });
    log.error({ err: Object.assign(new Error('refused'), { body: 'the letter', code: 'E1' }) }, 'failed');
    const entry = JSON.parse(lines[0]!) as { err: Record<string, string> };
    assert.equal(entry.err.message, 'refused');
    assert.equal(entry.err.body, '[redacted]');
    assert.equal(entry.err.code, 'E1');
  });

  it('drops the fields of database and mail errors that may quote personal data, and the addresses in their messages', () => {
    const lines: string[] = [];
    const log = pino({ formatters: { log: redactLogFields } }, { write: (line: string) => lines.push(line) });
    // As pg throws a unique violation, and nodemailer a recipient the server refused.
    class DatabaseError extends Error {}
    const database = Object.assign(new DatabaseError('duplicate key value violates unique constraint "subscribers_email_key"'), {
      code: '23505',
      constraint: 'subscribers_email_key',
      detail: 'Key (email_key)=(lucia.fernandez@example.org) already exists.',
      where: 'SQL statement "INSERT INTO subscribers VALUES (\'Lucia Fernandez\')"',
    });
    const mail = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <lucia.fernandez@example.org>: Recipient address rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <lucia.fernandez@example.org>: Recipient address rejected',
      rejected: ['lucia.fernandez@example.org'],
      envelope: { from: 'desk@trust.example', to: ['lucia.fernandez@example.org'] },
      command: 'RCPT TO:<lucia.fernandez@example.org>',
    });
    log.error({ err: database }, 'job failed');
    log.error({ err: new Error('delivery failed', { cause: mail }), job: 'outbox.deliver' }, 'job failed');
    log.error({ job: { err: mail } }, 'nested');
    assert.equal(lines.length, 3);
    for (const line of lines) {
      assert.doesNotMatch(line, /lucia|Fernandez/i, line);
    }
    const [first, second, third] = lines.map((line) => JSON.parse(line) as Record<string, any>);
    assert.equal(first!.err.type, 'DatabaseError');
    assert.equal(first!.err.message, 'duplicate key value violates unique constraint "subscribers_email_key"');
    assert.equal(first!.err.code, '23505');
    assert.equal(first!.err.constraint, 'subscribers_email_key');
    assert.equal(first!.err.detail, '[redacted]');
    assert.equal(first!.err.where, '[redacted]');
    // The cause's message and stack are written into the error's, without the address.
    assert.match(second!.err.message, /^delivery failed: Can't send mail - all recipients were rejected: 550 5\.1\.1 <\[address\]>/);
    assert.equal(second!.job, 'outbox.deliver');
    assert.equal(third!.job.err.response, '[redacted]');
    assert.equal(third!.job.err.rejected, '[redacted]');
    assert.equal(third!.job.err.envelope, '[redacted]');
    assert.equal(third!.job.err.command, '[redacted]');
    assert.equal(third!.job.err.responseCode, 550);
    assert.equal(mail.rejected[0], 'lucia.fernandez@example.org', 'the error thrown is left as it is');
  });
});

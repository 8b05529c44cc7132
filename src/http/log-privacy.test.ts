import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { REDACTED_LOG_FIELDS, loggablePath } from './log-privacy.ts';

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
    const log = pino({ redact: { paths: REDACTED_LOG_FIELDS, censor: '[redacted]' } }, { write: (line: string) => lines.push(line) });
    log.info({ password: 'hunter2hunter2', form: { password: 'p2', _csrf: 'c' }, headers: { authorization: 'Bearer t' }, body: 'the text', request: { ip: '192.0.2.1', token: 'tok' } }, 'x');
    const entry = JSON.parse(lines[0]!) as Record<string, any>;
    assert.equal(entry.password, '[redacted]');
    assert.deepEqual(entry.form, { password: '[redacted]', _csrf: '[redacted]' });
    assert.equal(entry.headers.authorization, '[redacted]');
    assert.equal(entry.body, '[redacted]');
    assert.deepEqual(entry.request, { ip: '[redacted]', token: '[redacted]' });
  });
});

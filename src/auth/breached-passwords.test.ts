import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { breachedPasswordCount, isBreachedPassword } from './breached-passwords.ts';

describe('the breached password list', () => {
  const lines = fs.readFileSync(path.join(import.meta.dirname, 'breached-passwords', 'passwords.txt'), 'utf8').split('\n');

  it('ships the 30,000 most common passwords, lower case, once each, most common first', () => {
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, 30_000);
    assert.equal(new Set(lines).size, lines.length, 'no duplicates');
    assert.ok(lines.every((line) => line.length > 0 && line === line.toLowerCase() && !/\s/.test(line)));
    assert.deepEqual(lines.slice(0, 3), ['123456', 'password', '12345678']);
    assert.equal(breachedPasswordCount(), 30_000);
  });

  it('knows common passwords, compared without regard to case', () => {
    assert.equal(isBreachedPassword('password'), true);
    assert.equal(isBreachedPassword('PassWord'), true);
    assert.equal(isBreachedPassword('qazwsxedcrfv'), true);
    assert.equal(isBreachedPassword('QAZWSXEDCRFV'), true);
    // Full-width letters normalise to ASCII (NFKC).
    assert.equal(isBreachedPassword('ｐａｓｓｗｏｒｄ'), true);
  });

  it('does not flag a password that is not on it', () => {
    assert.equal(isBreachedPassword('orchard lantern velvet'), false);
    assert.equal(isBreachedPassword('password '), false);
  });
});

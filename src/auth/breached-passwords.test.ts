import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { breachedPasswordCount, isBreachedPassword, isGuessableVariant } from './breached-passwords.ts';

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

describe('guessable variants of listed passwords', () => {
  it('finds a listed password with digits or symbols around it, a repeated unit, or a plain sequence', () => {
    for (const weak of ['dragon2024!!', '!!Sunshine1987', 'iloveyou 2026', 'monkeymonkey', 'abcabcabcabc', 'aaaaaaaaaaaa', 'abcdefghijkl', 'zyxwvutsrqpo', '123456789012', 'Qwerty12345678']) {
      assert.equal(isGuessableVariant(weak), true, weak);
    }
  });

  it('leaves passphrases and unusual words alone', () => {
    for (const fine of ['orchard lantern velvet', 'correct horse battery staple', 'tamarind ferry lighthouse 42', 'Nadia walks 3 dogs at dawn', 'كلمة مرور طويلة وآمنة']) {
      assert.equal(isGuessableVariant(fine), false, fine);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordIssues } from './password-rules.ts';

const codes = (password: string, confirmation = password) => passwordIssues(password, confirmation).map((issue) => `${issue.field}:${issue.code}`);

describe('passwordIssues', () => {
  it('takes a long passphrase with no digits or symbols', () => {
    assert.deepEqual(codes('orchard lantern velvet'), []);
  });

  it('needs at least 12 characters, counted as a person counts them', () => {
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.deepEqual(codes('plumtreeswa'), ['password:auth-password-too-short']);
    assert.deepEqual(codes('plumtreeswan'), []);
    // Eleven characters, some outside the Basic Multilingual Plane (two UTF-16 units each): still too short.
    assert.deepEqual(codes('🌳🌳🌳 plumtre'), ['password:auth-password-too-short']);
    assert.deepEqual(codes('🌳🌳🌳 plumtree'), []);
  });

  it('refuses more than 256 characters', () => {
    assert.deepEqual(codes('x'.repeat(PASSWORD_MAX_LENGTH - 8) + ' quietly'), []);
    assert.deepEqual(codes('y'.repeat(PASSWORD_MAX_LENGTH + 1)), ['password:auth-password-too-long']);
  });

  it('refuses a breached password whatever its case', () => {
    assert.deepEqual(codes('1qaz2wsx3edc'), ['password:auth-password-breached']);
    assert.deepEqual(codes('QWERTY123456'), ['password:auth-password-breached']);
    assert.deepEqual(codes('LeaveMeAlone'), ['password:auth-password-breached']);
  });

  it('refuses a listed password dressed up with digits or symbols, a repetition and a sequence', () => {
    assert.deepEqual(codes('Sunshine2026!'), ['password:auth-password-guessable']);
    assert.deepEqual(codes('monkeymonkey'), ['password:auth-password-guessable']);
    assert.deepEqual(codes('abcdefghijklm'), ['password:auth-password-guessable']);
  });

  it('needs the confirmation to match exactly', () => {
    assert.deepEqual(codes('orchard lantern velvet', 'orchard lantern velvet '), ['confirmation:auth-password-mismatch']);
    assert.deepEqual(codes('orchard lantern velvet', 'Orchard lantern velvet'), ['confirmation:auth-password-mismatch']);
  });
});

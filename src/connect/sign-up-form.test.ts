import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailKey, normalizeEmail } from './model.ts';
import { readSignUpForm } from './sign-up-form.ts';
import { hashToken, looksLikeToken, newConfirmToken, unsubscribeToken } from './tokens.ts';

describe('the newsletter sign-up form', () => {
  it('takes an address, an optional name and a language, the page’s own by default', () => {
    assert.deepEqual(readSignUpForm({ email: '  ana@Example.ORG ', name: '  Ana   María ' }, 'es'), { ok: true, input: { email: 'ana@Example.ORG', name: 'Ana María', language: 'es' } });
    assert.deepEqual(readSignUpForm({ email: 'x@example.org', name: '', language: 'ar' }, 'en'), { ok: true, input: { email: 'x@example.org', name: null, language: 'ar' } });
  });

  it('names each problem by a catalog message', () => {
    const codes = (values: Record<string, string>) => {
      const read = readSignUpForm(values, 'en');
      return read.ok ? [] : read.issues.map((issue) => `${issue.field} ${issue.code}`);
    };
    assert.deepEqual(codes({}), ['email connect-missing-email']);
    for (const bad of ['plain', 'a@b', 'a b@example.org', '<a@example.org>', 'a@example.']) assert.deepEqual(codes({ email: bad }), ['email connect-invalid-email'], bad);
    assert.deepEqual(codes({ email: `${'a'.repeat(250)}@example.org` }), ['email connect-email-too-long']);
    assert.deepEqual(codes({ email: 'a@example.org', name: 'n'.repeat(201), language: 'xx' }), ['name connect-name-too-long', 'language connect-invalid-language']);
  });

  it('keeps one subscription per address however it is written, the spelling as given but for the domain', () => {
    assert.equal(emailKey(' Ana@Example.org'), 'ana@example.org');
    assert.equal(normalizeEmail(' Ana@Example.ORG '), 'Ana@example.org');
  });
});

describe('the newsletter’s tokens', () => {
  it('makes confirmation tokens of 32 random bytes and stores only their SHA-256', () => {
    const token = newConfirmToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newConfirmToken(), token);
    assert.ok(looksLikeToken(token));
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.ok(!looksLikeToken('short') && !looksLikeToken('x'.repeat(20) + '/') && !looksLikeToken(undefined));
  });

  it('makes unsubscribe tokens from the id and a keyed hash, different under another key', () => {
    assert.match(unsubscribeToken('key', 42), /^42\.[A-Za-z0-9_-]{32}$/);
    assert.equal(unsubscribeToken('key', 42), unsubscribeToken('key', 42));
    assert.notEqual(unsubscribeToken('key', 42), unsubscribeToken('other', 42));
    assert.notEqual(unsubscribeToken('key', 42).split('.')[1], unsubscribeToken('key', 43).split('.')[1]);
  });
});

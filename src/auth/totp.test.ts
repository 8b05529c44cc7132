import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentTotp, newTotpSecret, totpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    assert.equal(currentTotp(RFC_SECRET, new Date(59_000)), '287082');
    assert.equal(currentTotp(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
    assert.equal(currentTotp(RFC_SECRET, new Date(20_000_000_000_000)), '353130');
    assert.equal(verifyTotp(RFC_SECRET, '287082', null, new Date(59_000)), 1);
  });

  it('accepts the codes of the previous and next step, and no further', () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    const at = (offset: number) => currentTotp(secret, new Date(now.getTime() + offset * 30_000));
    assert.equal(verifyTotp(secret, at(0), null, now), step);
    assert.equal(verifyTotp(secret, at(-1), null, now), step - 1);
    assert.equal(verifyTotp(secret, at(1), null, now), step + 1);
    assert.equal(verifyTotp(secret, at(-2), null, now), null);
    assert.equal(verifyTotp(secret, at(2), null, now), null);
  });

  it('never accepts a code of a step at or before the last one accepted', () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    const code = currentTotp(secret, now);
    assert.equal(verifyTotp(secret, code, step - 1, now), step);
    assert.equal(verifyTotp(secret, code, step, now), null, 'the same code again');
    assert.equal(verifyTotp(secret, currentTotp(secret, new Date(now.getTime() - 30_000)), step, now), null, 'an older code after a newer one');
    assert.equal(verifyTotp(secret, currentTotp(secret, new Date(now.getTime() + 30_000)), step, now), step + 1, 'the next one is fine');
  });

  it('takes spaces in the code, refuses anything but six digits', () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const code = currentTotp(secret, now);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now), totpStep(now));
    assert.equal(verifyTotp(secret, `${code}0`, null, now), null);
    assert.equal(verifyTotp(secret, '', null, now), null);
    assert.equal(verifyTotp(secret, 'abcdef', null, now), null);
  });

  it('makes 160-bit secrets and standard otpauth URIs', () => {
    const secret = newTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.notEqual(newTotpSecret(), secret);
    const uri = new URL(totpUri(secret, 'ana@desk.example'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Candor:ana@desk.example');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.equal(uri.searchParams.get('issuer'), 'Candor');
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { open, seal, totpContext, totpKey } from './secret-box.ts';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('gives back what it sealed, with a fresh IV each time', () => {
    const a = seal(key, 'JBSWY3DPEHPK3PXP', totpContext(7));
    const b = seal(key, 'JBSWY3DPEHPK3PXP', totpContext(7));
    assert.notEqual(a, b);
    assert.ok(!a.includes('JBSWY3DPEHPK3PXP'));
    assert.equal(open(key, a, totpContext(7)), 'JBSWY3DPEHPK3PXP');
    assert.equal(open(key, b, totpContext(7)), 'JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another context, or any altered byte', () => {
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP', totpContext(7));
    assert.throws(() => open(randomBytes(32), sealed, totpContext(7)));
    assert.throws(() => open(key, sealed, totpContext(8)), 'a secret copied onto another account does not open');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    assert.throws(() => open(key, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), totpContext(7)));
    assert.throws(() => open(key, 'not sealed', totpContext(7)));
  });

  describe('the TOTP key', () => {
    const suite = useTestDatabase();
    it('is 32 bytes kept in settings, the same on every call', async () => {
      const first = await totpKey(suite.handle.db);
      assert.equal(first.length, 32);
      assert.deepEqual(await totpKey(suite.handle.db), first);
      const row = await suite.handle.db.selectFrom('settings').select('value').where('key', '=', 'totp-key').executeTakeFirstOrThrow();
      assert.deepEqual(Buffer.from(row.value, 'base64url'), first);
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COUNTRY_CODES, isCountryCode } from './countries.ts';

describe('isCountryCode', () => {
  it('knows the 249 ISO 3166-1 alpha-2 codes and Kosovo: 250 in all', () => {
    assert.equal(COUNTRY_CODES.size, 250);
    for (const code of COUNTRY_CODES) assert.match(code, /^[A-Z]{2}$/);
  });

  it('accepts ordinary countries and territories', () => {
    for (const code of ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'CN', 'RU', 'TR', 'SA', 'EG', 'MX', 'AQ', 'PS', 'TW', 'SS', 'CW', 'AX']) {
      assert.ok(isCountryCode(code), code);
    }
  });

  it("accepts Kosovo's user-assigned XK", () => {
    assert.ok(isCountryCode('XK'));
  });

  it('refuses withdrawn, reserved and regional codes that CLDR still names', () => {
    for (const code of ['UK', 'EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AN', 'SU', 'YU', 'CS', 'DD', 'AC', 'TA', 'IC', 'EA', 'DG', 'CP']) {
      assert.equal(isCountryCode(code), false, code);
    }
  });

  it('refuses codes nobody assigned, lower case, and anything that is not two letters', () => {
    for (const code of ['QQ', 'AA', 'us', 'Us', 'USA', 'U', '', '12', 'U1', ' US']) {
      assert.equal(isCountryCode(code), false, JSON.stringify(code));
    }
  });
});

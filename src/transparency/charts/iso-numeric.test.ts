import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { isCountryCode } from '../../requests/countries.ts';
import { ALPHA2_OF_NUMERIC } from './iso-numeric.ts';

const require = createRequire(import.meta.url);
const atlas = require('world-atlas/countries-50m.json') as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } };

describe('ALPHA2_OF_NUMERIC', () => {
  it('maps each numeric code to a distinct alpha-2 code that requests may carry', () => {
    assert.ok(ALPHA2_OF_NUMERIC.size >= 245);
    const values = [...ALPHA2_OF_NUMERIC.values()];
    assert.equal(new Set(values).size, values.length, 'no alpha-2 code twice');
    for (const [numeric, alpha2] of ALPHA2_OF_NUMERIC) assert.ok(isCountryCode(alpha2), `${numeric} → ${alpha2} is a known country`);
  });

  it("covers every country of the map that has an id, under the map's own name", () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const unmatched: string[] = [];
    for (const geometry of atlas.objects.countries.geometries) {
      if (!geometry.id) continue;
      const alpha2 = ALPHA2_OF_NUMERIC.get(geometry.id);
      if (!alpha2) unmatched.push(`${geometry.id} ${geometry.properties.name}`);
    }
    assert.deepEqual(unmatched, []);
    // A few spot checks against the names the map gives, where the two namings agree.
    const byId = new Map(atlas.objects.countries.geometries.map((geometry) => [geometry.id, geometry.properties.name]));
    // (036 is both Australia and the Ashmore and Cartier Islands in the atlas, so it is not among these.)
    for (const [id, alpha2] of [['840', 'US'], ['250', 'FR'], ['076', 'BR'], ['356', 'IN'], ['710', 'ZA'], ['276', 'DE'], ['818', 'EG'], ['364', 'IR']] as const) {
      assert.equal(byId.get(id), names.of(alpha2) === 'United States' ? 'United States of America' : names.of(alpha2), `${id} is ${alpha2}`);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandOf, worldMap } from './world-map.ts';

const label = (alpha2: string, count: number) => `${alpha2}: ${count}`;

describe('worldMap', () => {
  const svg = worldMap(
    new Map([
      ['US', 25],
      ['FR', 1],
      ['BR', 3],
      ['MT', 2],
      ['XK', 7],
    ]),
    { id: 'm', title: 'Requests <by> country', label },
  );

  it('is a labelled image whose title is escaped', () => {
    assert.match(svg, /^<svg class="chart map" role="img" aria-labelledby="m-title"/);
    assert.ok(svg.includes('<title id="m-title">Requests &lt;by&gt; country</title>'));
  });

  it('draws every country grey underneath, and only those with requests in colour on top', () => {
    const base = svg.slice(svg.indexOf('<g fill="#d9d9d9"'), svg.indexOf('</g>'));
    // Countries smaller than a pixel at this scale (some islands) are dots.
    const outlines = (base.match(/<path id="m-\d+"/g) ?? []).length;
    const dots = (base.match(/<circle /g) ?? []).length;
    assert.ok(outlines >= 215, `${outlines} outlines in the grey layer`);
    assert.equal(outlines + dots, 241, 'every country of the atlas in the grey layer');
    const coloured = svg.slice(svg.indexOf('</g>'));
    assert.deepEqual([...coloured.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1]).sort(), ['BR: 3', 'FR: 1', 'MT: 2', 'US: 25', 'XK: 7']);
    assert.ok(coloured.includes('fill="#08306b"><title>US: 25</title>'), 'the top band for 25');
    assert.ok(coloured.includes('fill="#c6dbef"><title>FR: 1</title>'), 'the first band for 1');
  });

  it('marks a micro-state with a dot and finds Kosovo by name', () => {
    assert.match(svg, /<circle [^>]*><title>MT: 2<\/title><\/circle>/);
    assert.match(svg, /<use href="#m-\d+" fill="#2171b5"><title>XK: 7<\/title><\/use>/);
  });

  it('is small enough for a phone: outlines on whole pixels', () => {
    assert.ok(svg.length < 220_000, `${svg.length} characters`);
    for (const [, d] of svg.matchAll(/ d="([^"]+)"/g)) assert.ok(!/\./.test(d!), 'no fractional coordinates');
  });

  it('puts each count in its band', () => {
    assert.equal(bandOf(0), null);
    assert.equal(bandOf(1)!.from, 1);
    assert.equal(bandOf(4)!.from, 2);
    assert.equal(bandOf(5)!.from, 5);
    assert.equal(bandOf(19)!.from, 5);
    assert.equal(bandOf(20)!.from, 20);
  });
});

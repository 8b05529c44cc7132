import fs from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { ALPHA2_OF_NUMERIC } from './iso-numeric.ts';

const require = createRequire(import.meta.url);
const WIDTH = 960;
const HEIGHT = 470;

/** Requests per country; the colour bands of the map, from the fewest to the most. */
export const MAP_BANDS = [
  { from: 1, colour: '#c6dbef' },
  { from: 2, colour: '#6baed6' },
  { from: 5, colour: '#2171b5' },
  { from: 20, colour: '#08306b' },
] as const;

/**
 * A path context for d3-geo that writes SVG path data on a whole-pixel grid in relative moves,
 * leaving out each point that rounds to the one before and rings that shrink to a point.
 */
class RoundedPath {
  private parts: string[] = [];
  private ring: string[] = [];
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;

  private static round(value: number): number {
    return Math.round(value);
  }

  moveTo(x: number, y: number): void {
    this.flush();
    const rx = RoundedPath.round(x);
    const ry = RoundedPath.round(y);
    this.ring.push(`M${rx} ${ry}`);
    this.x = this.startX = rx;
    this.y = this.startY = ry;
  }

  lineTo(x: number, y: number): void {
    const rx = RoundedPath.round(x);
    const ry = RoundedPath.round(y);
    if (rx === this.x && ry === this.y) return;
    this.ring.push(`l${rx - this.x} ${ry - this.y}`);
    this.x = rx;
    this.y = ry;
  }

  closePath(): void {
    this.ring.push('z');
    this.x = this.startX;
    this.y = this.startY;
    this.flush();
  }

  beginPath(): void {
    // Each ring starts with a move; nothing to do before it.
  }

  arc(): void {
    // Only points are drawn as arcs, and the map has none.
  }

  private flush(): void {
    // A ring of a move and at most one line has no area at this scale; a lone move draws nothing.
    if (this.ring.filter((part) => part.startsWith('l')).length >= 2) this.parts.push(this.ring.join(''));
    this.ring = [];
  }

  take(): string {
    this.flush();
    const text = this.parts.join('').replace(/ -/g, '-');
    this.parts = [];
    return text;
  }
}

interface Country {
  alpha2: string | null;
  path: string;
  /** Where a dot marks a country too small to see at this scale. */
  centre: [number, number];
}

let countries: Country[] | undefined;

/**
 * The countries of the 50m world atlas projected once per process, their outlines rounded to
 * the pixel with the points that fall together dropped, which keeps the page small while the
 * micro-states stay visible. Kosovo has no numeric id in the atlas: it is found by name.
 */
function loadCountries(): Country[] {
  if (countries) return countries;
  // Read rather than required: require() would keep the parsed atlas (about 7 MB of heap) for
  // the life of the process, when only the projected outlines are needed after this.
  const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as unknown as { features: Feature<Geometry, { name: string }>[] };
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  const context = new RoundedPath();
  const path = geoPath(projection, context);
  const centroid = geoPath(projection);
  countries = collection.features
    .map((country) => {
      path(country);
      return {
        alpha2: country.id !== undefined ? (ALPHA2_OF_NUMERIC.get(String(country.id)) ?? null) : country.properties.name === 'Kosovo' ? 'XK' : null,
        path: context.take(),
        centre: centroid.centroid(country).map((value) => Math.round(value)) as [number, number],
      };
    });
  return countries;
}

/** The colour band of a count, or null for none. */
export function bandOf(count: number): (typeof MAP_BANDS)[number] | null {
  let band: (typeof MAP_BANDS)[number] | null = null;
  for (const candidate of MAP_BANDS) if (count >= candidate.from) band = candidate;
  return band;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Draws the world map as SVG: every country in grey underneath, and over it the countries with
 * requests, coloured by band (a discrete scale), each with its name and count as a tooltip.
 */
export function worldMap(counts: ReadonlyMap<string, number>, options: { id: string; title: string; label: (alpha2: string, count: number) => string }): string {
  const shapes = loadCountries();
  // The grey layer holds each outline once; the coloured layer reuses those outlines rather than repeating them.
  // A country smaller than a pixel at this scale is a small grey dot, so that it is on the map too.
  const base = shapes
    .map((country, i) => (country.path ? `<path id="${options.id}-${i}" d="${country.path}"/>` : `<circle cx="${country.centre[0]}" cy="${country.centre[1]}" r="1.5"/>`))
    .join('');
  const large = new Set(shapes.filter((country) => country.alpha2 && country.path.length >= 60).map((country) => country.alpha2));
  const coloured = shapes
    .map((country, i) => ({ country, i, count: country.alpha2 ? (counts.get(country.alpha2) ?? 0) : 0 }))
    .filter(({ count }) => count > 0)
    .map(({ country, i, count }) => {
      const fill = bandOf(count)!.colour;
      const title = `<title>${escapeXml(options.label(country.alpha2!, count))}</title>`;
      if (country.path.length >= 60) return `<use href="#${options.id}-${i}" fill="${fill}">${title}</use>`;
      // A micro-state is a dot, so that a request from Malta or Singapore shows; an islet of a large country is left as it is.
      if (large.has(country.alpha2)) return '';
      return `<circle cx="${country.centre[0]}" cy="${country.centre[1]}" r="4" fill="${fill}" stroke="#1b1b1b" stroke-width="0.6">${title}</circle>`;
    })
    .join('');
  return (
    `<svg class="chart map" role="img" aria-labelledby="${options.id}-title" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">` +
    `<title id="${options.id}-title">${escapeXml(options.title)}</title>` +
    `<g fill="#d9d9d9" stroke="#ffffff" stroke-width="0.4">${base}</g>` +
    `<g stroke="#ffffff" stroke-width="0.4">${coloured}</g></svg>`
  );
}

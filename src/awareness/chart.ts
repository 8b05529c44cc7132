import * as Plot from '@observablehq/plot';
import { finishSvg, plotDocument } from '../transparency/charts/plot-document.ts';

/** One point of the chart: a country's share (in tenths of a percent) in a year. */
export interface AwarenessPoint {
  country: string;
  year: number;
  shareTenths: number;
}

/** The lines' colours, one per country in the legend's order: distinct, and dark enough on white. */
export const LINE_COLOURS = ['#0b5cad', '#a85a00', '#1d7a3a', '#8a2f8f', '#b3261e', '#196b7a', '#5c5c5c', '#6b4f00'];
export const MAX_CHART_COUNTRIES = LINE_COLOURS.length;

/**
 * Draws the awareness survey as SVG: a line per country across the years, a dot per result,
 * the share from 0 to 100 %. The countries' names and the figures are in the legend and the
 * table that follow it. `countries` gives the lines to draw, in the legend's order.
 */
export function awarenessChart(points: AwarenessPoint[], options: { id: string; title: string; countries: string[]; lang: string; dir: 'ltr' | 'rtl' }): string {
  const countries = options.countries.slice(0, MAX_CHART_COUNTRIES);
  const data = points.filter((point) => countries.includes(point.country)).map((point) => ({ country: point.country, year: point.year, share: point.shareTenths / 10 }));
  const years = data.map((point) => point.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const yearFormat = new Intl.NumberFormat(options.lang, { useGrouping: false });
  const percent = new Intl.NumberFormat(options.lang, { style: 'percent', maximumFractionDigits: 0 });
  const svg = Plot.plot({
    document: plotDocument(),
    width: 640,
    height: 320,
    marginLeft: options.dir === 'ltr' ? 48 : 20,
    marginRight: options.dir === 'rtl' ? 48 : 20,
    style: { fontSize: '13px' },
    x: {
      label: null,
      domain: first === last ? [first - 1, last + 1] : [first, last],
      reverse: options.dir === 'rtl',
      ticks: Math.min(8, Math.max(1, last - first)),
      tickFormat: (value: number) => (Number.isInteger(value) ? yearFormat.format(value) : ''),
    },
    y: { label: null, domain: [0, 100], grid: true, axis: options.dir === 'rtl' ? 'right' : 'left', tickFormat: (value: number) => percent.format(value / 100) },
    color: { type: 'ordinal', domain: countries, range: LINE_COLOURS.slice(0, countries.length) },
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, { x: 'year', y: 'share', stroke: 'country', strokeWidth: 2, sort: 'year' }),
      Plot.dot(data, { x: 'year', y: 'share', fill: 'country', r: 3.5 }),
    ],
  }) as unknown as SVGSVGElement;
  // Laid out left to right in every language: Plot places the labels itself, so text must not flip its anchor.
  svg.setAttribute('direction', 'ltr');
  return finishSvg(svg, options.title, options.id);
}

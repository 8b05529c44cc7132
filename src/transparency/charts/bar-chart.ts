import * as Plot from '@observablehq/plot';
import { finishSvg, plotDocument } from './plot-document.ts';

/** One bar of a chart: its label and the requests by outcome. */
export interface Bar {
  label: string;
  full: number;
  partial: number;
  rest: number;
}

/** The three parts of a bar, in order, each with a colour of its own (a discrete scale). */
export const BAR_PARTS = ['full', 'partial', 'rest'] as const;
export type BarPart = (typeof BAR_PARTS)[number];
export const BAR_COLOURS: Record<BarPart, string> = { full: '#0b5cad', partial: '#a85a00', rest: '#7d8894' };

/**
 * Draws a horizontal stacked bar chart as SVG: for each key, the requests granted in full, in
 * part and not at all. The legend and the numbers are in the table that follows it.
 */
export function barChart(bars: Bar[], options: { id: string; title: string; partNames: Record<BarPart, string>; dir: 'ltr' | 'rtl'; lang: string }): string {
  const data = bars.flatMap((bar) => BAR_PARTS.map((part) => ({ label: bar.label, part, count: bar[part] })));
  const longest = Math.max(4, ...bars.map((bar) => bar.label.length));
  const marginSide = Math.min(220, 12 + longest * 7.5);
  const number = new Intl.NumberFormat(options.lang);
  const svg = Plot.plot({
    document: plotDocument(),
    width: 640,
    height: 40 + bars.length * 28,
    marginLeft: options.dir === 'ltr' ? marginSide : 20,
    marginRight: options.dir === 'rtl' ? marginSide : 20,
    style: { fontSize: '13px' },
    x: { label: null, grid: true, reverse: options.dir === 'rtl', tickFormat: (value: number) => (Number.isInteger(value) ? number.format(value) : '') },
    y: { label: null, domain: bars.map((bar) => bar.label), axis: options.dir === 'rtl' ? 'right' : 'left' },
    color: { type: 'ordinal', domain: [...BAR_PARTS], range: BAR_PARTS.map((part) => BAR_COLOURS[part]) },
    marks: [
      Plot.barX(data, { x: 'count', y: 'label', fill: 'part', order: [...BAR_PARTS] as never }),
      Plot.ruleX([0]),
    ],
  }) as unknown as SVGSVGElement;
  // Laid out left to right in every language: Plot places the labels itself, so text must not flip its anchor.
  svg.setAttribute('direction', 'ltr');
  return finishSvg(svg, options.title, options.id);
}

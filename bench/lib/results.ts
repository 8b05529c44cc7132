// What every benchmark reports: one row per figure, printed as it is measured and again, all
// together, as the table at the end of `npm run bench`.

export interface Figure {
  /** P1 … P5, the benchmark's name in BENCHMARKS.md. */
  part: string;
  /** What was measured, in words. */
  what: string;
  /** pglite, postgres, nginx, or a dash when it is neither. */
  backend: string;
  /** The figure with its unit, as it reads in the table. */
  figure: string;
  /** The target it is held against, when there is one. */
  target?: string;
  /** Whether the target was met (undefined when there is none). */
  met?: boolean;
}

export const figures: Figure[] = [];

export function record(figure: Figure): void {
  figures.push(figure);
  const verdict = figure.met === undefined ? '' : figure.met ? '  (target met)' : '  (TARGET MISSED)';
  process.stderr.write(`  ${figure.part} ${figure.what} [${figure.backend}]: ${figure.figure}${figure.target ? ` — target ${figure.target}` : ''}${verdict}\n`);
}

export function printTable(rows: readonly Figure[] = figures): string {
  const header = ['part', 'measured', 'backend', 'figure', 'target', 'met'];
  const cells = rows.map((row) => [row.part, row.what, row.backend, row.figure, row.target ?? '', row.met === undefined ? '' : row.met ? 'yes' : 'NO']);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (cell: string[]) => cell.map((value, column) => value.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

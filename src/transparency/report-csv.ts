import type { TransparencyReport } from './report-shape.ts';

/** The CSV form of the report: one figure a line, `period,kind,breakdown,key,measure,count`. */
export const REPORT_CSV_HEADER = 'period,kind,breakdown,key,measure,count';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Flattens the report into long-format CSV, so that every number of the JSON appears exactly
 * once and a spreadsheet can pivot it any way. An unknown key (country, type…) is an empty field.
 */
export function reportToCsv(report: TransparencyReport): string {
  const lines = [REPORT_CSV_HEADER];
  const emit = (kind: string, breakdown: string, key: string | null, measures: Record<string, unknown>) => {
    for (const [measure, count] of Object.entries(measures)) {
      if (typeof count !== 'number') continue;
      lines.push([report.period.id, kind, breakdown, key ?? '', measure, String(count)].map(csvField).join(','));
    }
  };
  const { period: _period, ...kinds } = report;
  for (const [kind, section] of Object.entries(kinds) as [string, Record<string, unknown>][]) {
    emit(kind, 'total', null, section);
    for (const [name, value] of Object.entries(section)) {
      if (Array.isArray(value)) {
        const breakdown = name.replace(/^by_/, '');
        for (const item of value as Record<string, unknown>[]) {
          const [keyField, ...rest] = Object.keys(item);
          emit(kind, breakdown, item[keyField!] as string | null, Object.fromEntries(rest.map((field) => [field, item[field]])));
        }
      } else if (value !== null && typeof value === 'object') {
        emit(kind, name, null, value as Record<string, unknown>);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

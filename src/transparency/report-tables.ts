import type { TransparencyReport } from './report-shape.ts';

/** The kinds the report counts, counter-notices apart from the copyright notices they answer. */
export type ReportKind = 'content_alteration' | 'copyright' | 'counter_notice' | 'user_data' | 'preservation' | 'emergency';

/** What a table's rows are keyed by. */
export type Breakdown = 'kind' | 'country' | 'project' | 'requester_type' | 'category' | 'instrument' | 'threat' | 'accounts';

/** The measures a row may have: received, and the two kinds of grant (for user data: produced in full, in part). */
export interface TableRow {
  key: string | null;
  /** For the totals table, the kind of the row; else the table's kind ('all' for every kind together). */
  kind: ReportKind | 'all';
  received: number;
  full: number | null;
  partial: number | null;
  /** Received in the previous period of the same length, for the same key. */
  previous: number;
}

/** One table of the report, as the page shows it and as its CSV and JSON downloads carry it. */
export interface ReportTable {
  /** Used in URLs: `copyright-country`. */
  id: string;
  kind: ReportKind | 'all';
  breakdown: Breakdown;
  /** The names of the two grant measures in the downloads. */
  measures: { full: string; partial: string } | null;
  rows: TableRow[];
}

type Grants = { received: number; granted: number; partially_granted: number };
type Production = { received: number; produced_full: number; produced_partial: number };

const fromGrants = (row: Grants) => ({ received: row.received, full: row.granted, partial: row.partially_granted });
const fromProduction = (row: Production) => ({ received: row.received, full: row.produced_full, partial: row.produced_partial });
const GRANT_MEASURES = { full: 'granted', partial: 'partially_granted' };
const PRODUCTION_MEASURES = { full: 'produced_full', partial: 'produced_partial' };

function breakdownTable<T extends { received: number }>(
  kind: ReportKind,
  breakdown: Breakdown,
  items: T[],
  previousItems: T[],
  keyOf: (item: T) => string | null,
  measures: (item: T) => { received: number; full: number | null; partial: number | null },
  names: { full: string; partial: string },
): ReportTable {
  const before = new Map(previousItems.map((item) => [keyOf(item), item.received]));
  return {
    id: `${kind}-${breakdown}`,
    kind,
    breakdown,
    measures: names,
    rows: items.map((item) => ({ key: keyOf(item), kind, ...measures(item), previous: before.get(keyOf(item)) ?? 0 })),
  };
}

/**
 * Every table of a period's report, in the order the page shows them: the totals per kind, then
 * each kind's breakdowns, then the requests of every kind by country (the map's table), with the
 * previous period's count beside each row.
 */
export function reportTables(report: TransparencyReport, previous: TransparencyReport): ReportTable[] {
  const totals: TableRow[] = [
    { key: 'content_alteration', kind: 'content_alteration', ...fromGrants(report.content_alteration), previous: previous.content_alteration.received },
    { key: 'copyright', kind: 'copyright', ...fromGrants(report.copyright), previous: previous.copyright.received },
    { key: 'counter_notice', kind: 'counter_notice', received: report.copyright.counter_notices, full: null, partial: null, previous: previous.copyright.counter_notices },
    { key: 'user_data', kind: 'user_data', ...fromProduction(report.user_data), previous: previous.user_data.received },
    { key: 'preservation', kind: 'preservation', received: report.preservation.received, full: null, partial: null, previous: previous.preservation.received },
    {
      key: 'emergency',
      kind: 'emergency',
      received: report.emergency.received,
      full: report.emergency.by_threat.reduce((sum, row) => sum + row.granted, 0),
      partial: report.emergency.by_threat.reduce((sum, row) => sum + row.partially_granted, 0),
      previous: previous.emergency.received,
    },
  ];
  const accounts = report.user_data.accounts;
  const byCountry = (source: TransparencyReport) => {
    const counts = new Map<string | null, number>();
    for (const row of [...source.content_alteration.by_country, ...source.copyright.by_country, ...source.user_data.by_country]) {
      counts.set(row.country, (counts.get(row.country) ?? 0) + row.received);
    }
    return counts;
  };
  const countries = byCountry(report);
  const countriesBefore = byCountry(previous);
  const accountsBefore = previous.user_data.accounts;
  return [
    { id: 'totals', kind: 'all', breakdown: 'kind', measures: GRANT_MEASURES, rows: totals },
    breakdownTable('content_alteration', 'category', report.content_alteration.by_category, previous.content_alteration.by_category, (item) => item.category, fromGrants, GRANT_MEASURES),
    breakdownTable('content_alteration', 'country', report.content_alteration.by_country, previous.content_alteration.by_country, (item) => item.country, fromGrants, GRANT_MEASURES),
    breakdownTable('content_alteration', 'project', report.content_alteration.by_project, previous.content_alteration.by_project, (item) => item.project, fromGrants, GRANT_MEASURES),
    breakdownTable('content_alteration', 'requester_type', report.content_alteration.by_requester_type, previous.content_alteration.by_requester_type, (item) => item.requester_type, fromGrants, GRANT_MEASURES),
    breakdownTable('copyright', 'country', report.copyright.by_country, previous.copyright.by_country, (item) => item.country, fromGrants, GRANT_MEASURES),
    breakdownTable('copyright', 'project', report.copyright.by_project, previous.copyright.by_project, (item) => item.project, fromGrants, GRANT_MEASURES),
    breakdownTable('user_data', 'instrument', report.user_data.by_instrument, previous.user_data.by_instrument, (item) => item.instrument, fromProduction, PRODUCTION_MEASURES),
    breakdownTable('user_data', 'country', report.user_data.by_country, previous.user_data.by_country, (item) => item.country, fromProduction, PRODUCTION_MEASURES),
    {
      id: 'user_data-accounts',
      kind: 'user_data',
      breakdown: 'accounts',
      measures: null,
      rows: (['potentially_affected', 'actually_affected', 'notified'] as const).map((key) => ({
        key,
        kind: 'user_data',
        received: accounts[key],
        full: null,
        partial: null,
        previous: accountsBefore[key],
      })),
    },
    breakdownTable('emergency', 'threat', report.emergency.by_threat, previous.emergency.by_threat, (item) => item.threat, fromGrants, GRANT_MEASURES),
    {
      id: 'all-country',
      kind: 'all',
      breakdown: 'country',
      measures: null,
      rows: [...countries]
        .sort(([ka, a], [kb, b]) => b - a || (ka === null ? 1 : kb === null ? -1 : ka < kb ? -1 : 1))
        .map(([key, received]) => ({ key, kind: 'all', received, full: null, partial: null, previous: countriesBefore.get(key) ?? 0 })),
    },
  ];
}

/** The column names of a table's downloads, in order. */
function columns(table: ReportTable): string[] {
  const key = table.breakdown === 'accounts' ? 'measure' : table.breakdown;
  const counted = table.breakdown === 'accounts' ? 'count' : 'received';
  return [key, counted, ...(table.measures ? [table.measures.full, table.measures.partial] : []), 'previous_period'];
}

function values(table: ReportTable, row: TableRow): (string | number | null)[] {
  return [row.key, row.received, ...(table.measures ? [row.full, row.partial] : []), row.previous];
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: a header, then one line per row; an unknown key or a figure that does not apply is empty. */
export function tableCsv(table: ReportTable): string {
  return `${[columns(table), ...table.rows.map((row) => values(table, row))].map((line) => line.map(csvField).join(',')).join('\n')}\n`;
}

/** A table as JSON: the period, the table's id and its rows as objects named like the CSV's columns. */
export function tableJson(table: ReportTable, period: { id: string; start: string; end: string }, source: { kind: 'snapshot'; version: number; sha256: string } | { kind: 'live' }) {
  const names = columns(table);
  return {
    period,
    table: table.id,
    source,
    rows: table.rows.map((row) => Object.fromEntries(values(table, row).map((value, i) => [names[i]!, value]))),
  };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { REPORT_CSV_HEADER, reportToCsv } from './report-csv.ts';
import type { TransparencyReport } from './report-shape.ts';

/** A report in which every figure is a different number, so that each can be traced to one CSV line. */
function sampleReport(): TransparencyReport {
  let next = 100;
  const n = () => next++;
  const grants = () => ({ received: n(), granted: n(), partially_granted: n() });
  const production = () => ({ received: n(), produced_full: n(), produced_partial: n() });
  return {
    period: { id: '2025-H1', start: '2025-01-01', end: '2025-06-30' },
    content_alteration: {
      ...grants(),
      by_country: [
        { country: 'US', ...grants() },
        { country: null, ...grants() },
      ],
      by_project: [
        { project: 'en.wikipedia.org', ...grants() },
        { project: null, ...grants() },
      ],
      by_requester_type: [
        { requester_type: 'court', ...grants() },
        { requester_type: null, ...grants() },
      ],
      by_category: [{ category: 'defamation', ...grants() }],
    },
    copyright: {
      ...grants(),
      counter_notices: n(),
      by_country: [{ country: 'FR', ...grants() }],
      by_project: [{ project: 'commons.wikimedia.org', ...grants() }],
    },
    user_data: {
      ...production(),
      by_instrument: [
        { instrument: 'civil_subpoena', ...production() },
        { instrument: null, ...production() },
      ],
      by_country: [{ country: 'BR', ...production() }],
      accounts: { potentially_affected: n(), actually_affected: n(), notified: n() },
    },
    preservation: { received: n() },
    emergency: { received: n(), by_threat: [{ threat: 'self_harm', ...grants() }] },
  };
}

/**
 * Every number of a report with where it sits, `kind/breakdown/key/measure`, read from the JSON
 * independently of the CSV writer: totals, each item of each `by_*` list, and nested objects.
 */
function figuresOf(report: TransparencyReport): Map<string, number> {
  const figures = new Map<string, number>();
  const add = (path: string, value: number) => {
    assert.ok(!figures.has(path), `${path} appears once in the JSON`);
    figures.set(path, value);
  };
  const { period: _period, ...kinds } = report;
  for (const [kind, section] of Object.entries(kinds)) {
    for (const [name, value] of Object.entries(section as Record<string, unknown>)) {
      if (typeof value === 'number') add(`${kind}/total//${name}`, value);
      else if (Array.isArray(value)) {
        for (const item of value as Record<string, unknown>[]) {
          const keyName = name.replace(/^by_/, '');
          const key = item[keyName] as string | null;
          for (const [measure, count] of Object.entries(item)) {
            if (measure !== keyName) add(`${kind}/${keyName}/${key ?? ''}/${measure}`, count as number);
          }
        }
      } else {
        for (const [measure, count] of Object.entries(value as Record<string, number>)) add(`${kind}/${name}//${measure}`, count);
      }
    }
  }
  return figures;
}

function readCsv(text: string): string[][] {
  return parse(text) as string[][];
}

describe('reportToCsv', () => {
  it('starts with the header and ends with a line break', () => {
    const text = reportToCsv(sampleReport());
    assert.equal(text.split('\n')[0], 'period,kind,breakdown,key,measure,count');
    assert.equal(REPORT_CSV_HEADER, 'period,kind,breakdown,key,measure,count');
    assert.ok(text.endsWith('\n'));
    assert.ok(!text.endsWith('\n\n'));
    assert.ok(!text.includes('\r'));
  });

  it('has every number of the report exactly once, with its kind, breakdown, key and measure', () => {
    const report = sampleReport();
    const expected = figuresOf(report);
    const [header, ...rows] = readCsv(reportToCsv(report));
    assert.deepEqual(header, ['period', 'kind', 'breakdown', 'key', 'measure', 'count']);
    const seen = new Map<string, number>();
    for (const row of rows) {
      assert.equal(row.length, 6, `six fields: ${row.join(',')}`);
      const [period, kind, breakdown, key, measure, count] = row as [string, string, string, string, string, string];
      assert.equal(period, '2025-H1');
      assert.match(count, /^\d+$/);
      const path = `${kind}/${breakdown}/${key}/${measure}`;
      assert.ok(!seen.has(path), `${path} appears once in the CSV`);
      seen.set(path, Number(count));
    }
    assert.deepEqual(seen, expected);
    // 54 figures: the sample has that many numbers; none may be lost or added.
    assert.equal(rows.length, 54);
    const values = [...seen.values()].sort((a, b) => a - b);
    assert.deepEqual(values, Array.from({ length: 54 }, (_, i) => 100 + i), 'each distinct number once');
  });

  it('writes the lines in the order of the report, totals before breakdowns', () => {
    const lines = reportToCsv(sampleReport()).trimEnd().split('\n');
    assert.deepEqual(lines.slice(1, 8), [
      '2025-H1,content_alteration,total,,received,100',
      '2025-H1,content_alteration,total,,granted,101',
      '2025-H1,content_alteration,total,,partially_granted,102',
      '2025-H1,content_alteration,country,US,received,103',
      '2025-H1,content_alteration,country,US,granted,104',
      '2025-H1,content_alteration,country,US,partially_granted,105',
      '2025-H1,content_alteration,country,,received,106',
    ]);
    assert.ok(lines.includes('2025-H1,copyright,total,,counter_notices,127'));
    assert.ok(lines.includes('2025-H1,user_data,instrument,civil_subpoena,produced_full,138'));
    assert.ok(lines.includes('2025-H1,user_data,accounts,,potentially_affected,146'));
    assert.ok(lines.includes('2025-H1,preservation,total,,received,149'));
    assert.equal(lines.at(-1), '2025-H1,emergency,threat,self_harm,partially_granted,153');
  });

  it('leaves an unknown key empty, never "null"', () => {
    const text = reportToCsv(sampleReport());
    assert.ok(!text.includes('null'));
    assert.ok(text.includes('2025-H1,content_alteration,country,,received,106\n'));
    assert.ok(text.includes('2025-H1,content_alteration,project,,received,112\n'));
    assert.ok(text.includes('2025-H1,content_alteration,requester_type,,received,118\n'));
    assert.ok(text.includes('2025-H1,user_data,instrument,,received,140\n'));
  });

  it('quotes a key holding a comma, a quote or a line break', () => {
    const report = sampleReport();
    report.content_alteration.by_project = [
      { project: 'a,b', received: 1, granted: 0, partially_granted: 0 },
      { project: 'say "hi"', received: 2, granted: 0, partially_granted: 0 },
      { project: 'two\nlines', received: 3, granted: 0, partially_granted: 0 },
    ];
    const text = reportToCsv(report);
    assert.ok(text.includes('2025-H1,content_alteration,project,"a,b",received,1\n'));
    assert.ok(text.includes('2025-H1,content_alteration,project,"say ""hi""",received,2\n'));
    assert.ok(text.includes('2025-H1,content_alteration,project,"two\nlines",received,3\n'));
    const keys = readCsv(text)
      .filter((row) => row[2] === 'project' && row[1] === 'content_alteration')
      .map((row) => row[3]);
    assert.deepEqual([...new Set(keys)], ['a,b', 'say "hi"', 'two\nlines']);
  });

  it('writes an empty period as its totals at zero, with no breakdown lines', () => {
    const empty: TransparencyReport = {
      period: { id: '2017', start: '2017-01-01', end: '2017-12-31' },
      content_alteration: { received: 0, granted: 0, partially_granted: 0, by_country: [], by_project: [], by_requester_type: [], by_category: [] },
      copyright: { received: 0, granted: 0, partially_granted: 0, counter_notices: 0, by_country: [], by_project: [] },
      user_data: {
        received: 0,
        produced_full: 0,
        produced_partial: 0,
        by_instrument: [],
        by_country: [],
        accounts: { potentially_affected: 0, actually_affected: 0, notified: 0 },
      },
      preservation: { received: 0 },
      emergency: { received: 0, by_threat: [] },
    };
    assert.equal(
      reportToCsv(empty),
      [
        'period,kind,breakdown,key,measure,count',
        '2017,content_alteration,total,,received,0',
        '2017,content_alteration,total,,granted,0',
        '2017,content_alteration,total,,partially_granted,0',
        '2017,copyright,total,,received,0',
        '2017,copyright,total,,granted,0',
        '2017,copyright,total,,partially_granted,0',
        '2017,copyright,total,,counter_notices,0',
        '2017,user_data,total,,received,0',
        '2017,user_data,total,,produced_full,0',
        '2017,user_data,total,,produced_partial,0',
        '2017,user_data,accounts,,potentially_affected,0',
        '2017,user_data,accounts,,actually_affected,0',
        '2017,user_data,accounts,,notified,0',
        '2017,preservation,total,,received,0',
        '2017,emergency,total,,received,0',
        '',
      ].join('\n'),
    );
  });
});

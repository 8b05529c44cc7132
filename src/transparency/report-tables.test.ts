import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableCsv, tableJson, type ReportTable } from './report-tables.ts';

const table: ReportTable = {
  id: 'copyright-project',
  kind: 'copyright',
  breakdown: 'project',
  measures: { full: 'granted', partial: 'partially_granted' },
  rows: [
    { key: 'a,"b"', kind: 'copyright', received: 3, full: 1, partial: 0, previous: 5 },
    { key: null, kind: 'copyright', received: 1, full: 0, partial: 1, previous: 0 },
  ],
};

describe('table downloads', () => {
  it('writes CSV with its header, quoting where needed and leaving an unknown key empty', () => {
    assert.equal(tableCsv(table), 'project,received,granted,partially_granted,previous_period\n"a,""b""",3,1,0,5\n,1,0,1,0\n');
  });

  it('writes JSON rows named like the CSV columns, with where the figures come from', () => {
    assert.deepEqual(tableJson(table, { id: '2026', start: '2026-01-01', end: '2026-12-31' }, { kind: 'live' }), {
      period: { id: '2026', start: '2026-01-01', end: '2026-12-31' },
      table: 'copyright-project',
      source: { kind: 'live' },
      rows: [
        { project: 'a,"b"', received: 3, granted: 1, partially_granted: 0, previous_period: 5 },
        { project: null, received: 1, granted: 0, partially_granted: 1, previous_period: 0 },
      ],
    });
  });
});

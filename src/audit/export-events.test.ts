import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvCell } from './export-events.ts';

/** What a recipient does: parse the CSV, then drop the one leading quote the export may have added. */
function readBack(cell: string): string {
  const rows = parse(`${cell}\r\n`) as string[][];
  const parsed = rows[0]?.[0] ?? '';
  return parsed.startsWith("'") ? parsed.slice(1) : parsed;
}

describe('csvCell', () => {
  it('leaves plain values alone', () => {
    assert.equal(csvCell('request.created'), 'request.created');
    assert.equal(csvCell('42'), '42');
    assert.equal(csvCell(''), '');
  });

  it('quotes a comma, a quote and line breaks, doubling quotes', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "no"'), '"say ""no"""');
    assert.equal(csvCell('one\ntwo'), '"one\ntwo"');
    assert.equal(csvCell('{"a":1,"b":"x"}'), '"{""a"":1,""b"":""x""}"');
  });

  it('puts a quote before anything a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`);
      const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
      assert.ok(unquoted.startsWith(`'${start}`), JSON.stringify(cell));
    }
    assert.equal(csvCell('=1+2'), "'=1+2");
    assert.equal(csvCell('-5'), "'-5");
  });

  it('gives every value back exactly once the one leading quote is dropped', () => {
    for (const value of ['=SUM(A1:A9)', "'already quoted", "''=twice", '@user', '-', 'plain', 'a "b", c', '\tindented', '\r\nbreak', "'"]) {
      assert.equal(readBack(csvCell(value)), value, JSON.stringify(value));
    }
  });
});

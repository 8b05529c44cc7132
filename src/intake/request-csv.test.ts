import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldIssue } from '../errors.ts';
import { CSV_COLUMNS, parseRequestCsv } from './request-csv.ts';

const HEADER = CSV_COLUMNS.join(',');

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

/** One valid row, with the given fields changed. */
function row(changes: Partial<Row> = {}): string {
  const values: Row = {
    reference: '',
    kind: 'content_alteration',
    category: 'defamation',
    received_at: '2025-03-04T10:00:00Z',
    country: 'DE',
    requester_type: 'lawyer',
    project: 'de.wikipedia.org',
    outcome: 'denied',
    accounts_potentially_affected: '',
    accounts_actually_affected: '',
    accounts_notified: '',
    ...changes,
  };
  return CSV_COLUMNS.map((column) => values[column]).join(',');
}

/** A file of the header and the given lines, LF-separated. */
function file(...lines: string[]): Buffer {
  return Buffer.from(`${[HEADER, ...lines].join('\n')}\n`);
}

/** The only issue of a file that must fail, checked to be the only one. */
function onlyIssue(bytes: Buffer): FieldIssue {
  const { issues } = parseRequestCsv(bytes);
  assert.equal(issues.length, 1, `expected exactly one issue, got ${JSON.stringify(issues)}`);
  return issues[0]!;
}

describe('parseRequestCsv: valid files', () => {
  it('reads every column of a row into a new request, with the line it is on', () => {
    const { rows, issues } = parseRequestCsv(
      file(
        row({
          reference: 'CR-2025-000042',
          kind: 'user_data',
          category: 'court_order',
          received_at: '2025-02-03T04:05:06+02:00',
          country: 'BR',
          requester_type: 'court',
          project: 'pt.wikipedia.org',
          outcome: 'partially_granted',
          accounts_potentially_affected: '12',
          accounts_actually_affected: '3',
          accounts_notified: '2',
        }),
      ),
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(rows, [
      {
        line: 2,
        request: {
          reference: 'CR-2025-000042',
          kind: 'user_data',
          category: 'court_order',
          channel: 'import',
          receivedAt: new Date('2025-02-03T02:05:06Z'),
          outcome: 'partially_granted',
          requester: { type: 'court', country: 'BR' },
          accounts: { potentiallyAffected: 12, actuallyAffected: 3, notified: 2 },
          targets: [{ type: 'project', project: 'pt.wikipedia.org' }],
        },
      },
    ]);
  });

  it('turns empty optional fields into unknowns, and empty counts into 0', () => {
    const { rows, issues } = parseRequestCsv(
      file(row({ kind: 'preservation', category: '', country: '', requester_type: '', project: '', outcome: '' })),
    );
    assert.deepEqual(issues, []);
    const request = rows[0]!.request;
    assert.equal(request.reference, null, 'an empty reference is given one when stored');
    assert.equal(request.category, null);
    assert.equal(request.outcome, null);
    assert.deepEqual(request.requester, { type: null, country: null });
    assert.deepEqual(request.accounts, { potentiallyAffected: 0, actuallyAffected: 0, notified: 0 });
    assert.deepEqual(request.targets, []);
  });

  it('accepts an empty category or counter_notice for copyright', () => {
    const { rows, issues } = parseRequestCsv(
      file(row({ kind: 'copyright', category: '' }), row({ kind: 'copyright', category: 'counter_notice' })),
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(
      rows.map((r) => r.request.category),
      [null, 'counter_notice'],
    );
  });

  it('accepts every category of every kind', () => {
    const categories: [string, string[]][] = [
      ['content_alteration', ['defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other']],
      ['copyright', ['counter_notice']],
      [
        'user_data',
        [
          'informal_private',
          'informal_government',
          'civil_subpoena',
          'criminal_subpoena',
          'administrative_subpoena',
          'search_warrant',
          'court_order',
          'national_security',
        ],
      ],
      ['emergency', ['violence', 'terrorism', 'self_harm']],
    ];
    const lines = categories.flatMap(([kind, list]) => list.map((category) => row({ kind, category })));
    const { rows, issues } = parseRequestCsv(file(...lines));
    assert.deepEqual(issues, []);
    assert.equal(rows.length, 18);
  });

  it('reads lower-case country codes as upper case, and accepts Kosovo (XK)', () => {
    const { rows, issues } = parseRequestCsv(file(row({ country: 'us' }), row({ country: 'XK' }), row({ country: 'gb' })));
    assert.deepEqual(issues, []);
    assert.deepEqual(
      rows.map((r) => r.request.requester?.country),
      ['US', 'XK', 'GB'],
    );
  });

  it('reads project host names in lower case', () => {
    const { rows } = parseRequestCsv(file(row({ project: 'EN.Wikipedia.ORG' })));
    assert.deepEqual(rows[0]!.request.targets, [{ type: 'project', project: 'en.wikipedia.org' }]);
  });

  it('trims spaces around values and header names', () => {
    const header = CSV_COLUMNS.map((column) => ` ${column} `).join(',');
    const line = row({ kind: ' copyright ', category: '', country: ' fr ', accounts_notified: ' 4 ' });
    const { rows, issues } = parseRequestCsv(Buffer.from(`${header}\n${line}\n`));
    assert.deepEqual(issues, []);
    assert.equal(rows[0]!.request.kind, 'copyright');
    assert.equal(rows[0]!.request.requester?.country, 'FR');
    assert.equal(rows[0]!.request.accounts?.notified, 4);
  });

  it('accepts the columns in any order', () => {
    const columns = [...CSV_COLUMNS].reverse();
    const values: Record<string, string> = { kind: 'emergency', category: 'self_harm', received_at: '2025-01-01', country: 'IN' };
    const text = `${columns.join(',')}\n${columns.map((column) => values[column] ?? '').join(',')}\n`;
    const { rows, issues } = parseRequestCsv(Buffer.from(text));
    assert.deepEqual(issues, []);
    assert.equal(rows[0]!.request.kind, 'emergency');
    assert.equal(rows[0]!.request.category, 'self_harm');
    assert.equal(rows[0]!.request.requester?.country, 'IN');
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file(row(), row({ kind: 'bogus' }))]);
    const { rows, issues } = parseRequestCsv(bytes);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [[3, 'kind']],
    );
  });

  it('reads CRLF line endings, without a stray carriage return in the last column', () => {
    const text = [HEADER, row({ accounts_notified: '7' }), row({ kind: 'bogus' })].join('\r\n') + '\r\n';
    const { rows, issues } = parseRequestCsv(Buffer.from(text));
    assert.equal(rows[0]!.request.accounts?.notified, 7);
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [[3, 'kind']],
    );
  });

  it('reads a file without a final line break', () => {
    const { rows, issues } = parseRequestCsv(Buffer.from(`${HEADER}\n${row()}`));
    assert.deepEqual(issues, []);
    assert.equal(rows.length, 1);
  });

  it('quotes a rejected value back as written, non-ASCII letters intact', () => {
    const issue = onlyIssue(file(row({ requester_type: 'abogado/ábogada' })));
    assert.equal(issue.field, 'requester_type');
    assert.match(issue.message, /"abogado\/ábogada"/);
  });
});

describe('parseRequestCsv: line numbers', () => {
  it('counts a quoted field over several lines, so that later rows keep their real line', () => {
    // The row on line 2 holds a country that runs over lines 2–4; the next row is on line 5.
    const text = `${HEADER}\n${row({ country: '"D\nE\n"' })}\n${row({ kind: 'bogus' })}\n${row({ outcome: '"de\nnied"' })}\n`;
    const { issues } = parseRequestCsv(Buffer.from(text));
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [
        [2, 'country'],
        [5, 'kind'],
        [6, 'outcome'],
      ],
    );
  });

  it('counts a quoted line break as one line in a CRLF file', () => {
    const lines = [HEADER, row({ country: '"D\r\nE"' }), row({ kind: 'bogus' })];
    const { issues } = parseRequestCsv(Buffer.from(`${lines.join('\r\n')}\r\n`));
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [
        [2, 'country'],
        [4, 'kind'],
      ],
    );
  });

  it('counts the empty lines it skips', () => {
    const lines = ['', HEADER, '', row(), '', '', row({ kind: 'bogus' }), ''];
    for (const eol of ['\n', '\r\n', '\r']) {
      const { rows, issues } = parseRequestCsv(Buffer.from(lines.join(eol)));
      assert.deepEqual(
        rows.map((r) => r.line),
        [4],
        `rows with ${JSON.stringify(eol)}`,
      );
      assert.deepEqual(
        issues.map((issue) => [issue.line, issue.field]),
        [[7, 'kind']],
        `issues with ${JSON.stringify(eol)}`,
      );
    }
  });

  it('reports every bad row of a file, in line order, not only the first', () => {
    const { rows, issues } = parseRequestCsv(file(row(), row({ kind: 'bogus' }), row(), row({ country: 'ZZ', outcome: 'maybe' })));
    assert.equal(rows.length, 2);
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [
        [3, 'kind'],
        [5, 'country'],
        [5, 'outcome'],
      ],
    );
  });
});

describe('parseRequestCsv: bad values', () => {
  it('rejects an unknown kind, naming the kinds it knows', () => {
    const issue = onlyIssue(file(row(), row({ kind: 'takedown', category: '' })));
    assert.deepEqual([issue.line, issue.field], [3, 'kind']);
    assert.match(issue.message, /unknown kind "takedown"/);
    assert.match(issue.message, /content_alteration, copyright, user_data, preservation, emergency/);
  });

  it('requires a kind', () => {
    const issue = onlyIssue(file(row({ kind: '', category: '' })));
    assert.deepEqual([issue.line, issue.field, issue.message], [2, 'kind', 'is required']);
  });

  it('rejects a category that belongs to another kind, naming the ones allowed', () => {
    const issue = onlyIssue(file(row({ kind: 'copyright', category: 'violence' })));
    assert.deepEqual([issue.line, issue.field], [2, 'category']);
    assert.match(issue.message, /unknown category "violence" for kind copyright/);
    assert.match(issue.message, /counter_notice or empty/);

    const other = onlyIssue(file(row({ kind: 'user_data', category: 'defamation' })));
    assert.equal(other.field, 'category');
    assert.match(other.message, /civil_subpoena/);
  });

  it('rejects any category for preservation', () => {
    const issue = onlyIssue(file(row(), row(), row({ kind: 'preservation', category: 'court_order' })));
    assert.deepEqual([issue.line, issue.field], [4, 'category']);
    assert.match(issue.message, /must be empty for kind preservation, got "court_order"/);
  });

  it('rejects categories in the wrong case', () => {
    const issue = onlyIssue(file(row({ category: 'Defamation' })));
    assert.equal(issue.field, 'category');
  });

  it('rejects impossible dates and words, and requires a date', () => {
    for (const value of ['2025-02-30', 'yesterday', '2025-13-01', '31/03/2025', '2025-03-31T25:00:00Z']) {
      const issue = onlyIssue(file(row({ received_at: value })));
      assert.deepEqual([issue.line, issue.field], [2, 'received_at'], value);
      assert.equal(issue.message, `"${value}" is not an ISO 8601 date or time (such as 2026-03-31 or 2026-03-31T14:05:00Z)`);
    }
    const missing = onlyIssue(file(row({ received_at: '' })));
    assert.deepEqual([missing.field, missing.message], ['received_at', 'is required']);
  });

  it('rejects codes that are not ISO 3166-1 alpha-2 countries', () => {
    for (const value of ['ZZ', 'UK', 'USA', 'EU', 'U', '12']) {
      const issue = onlyIssue(file(row({ country: value })));
      assert.deepEqual([issue.line, issue.field], [2, 'country'], value);
      assert.equal(issue.message, `"${value}" is not an ISO 3166-1 alpha-2 country code`);
    }
  });

  it('rejects unknown requester types and outcomes', () => {
    const type = onlyIssue(file(row({ requester_type: 'police' })));
    assert.equal(type.field, 'requester_type');
    assert.match(type.message, /unknown requester type "police"; expected one of executive, law_enforcement/);
    const outcome = onlyIssue(file(row({ outcome: 'produced_full' })));
    assert.equal(outcome.field, 'outcome');
    assert.match(outcome.message, /unknown outcome "produced_full"; expected one of granted, partially_granted/);
  });

  it('rejects a project that is not a host name', () => {
    const issue = onlyIssue(file(row({ project: 'https://en.wikipedia.org/wiki/X' })));
    assert.equal(issue.field, 'project');
    assert.match(issue.message, /is not a project host name such as en.wikipedia.org/);
  });

  it('rejects a malformed reference', () => {
    const issue = onlyIssue(file(row({ reference: 'cr 2025/1' })));
    assert.deepEqual([issue.field, issue.message], ['reference', '"cr 2025/1" is not a reference such as CR-2026-000123']);
  });

  it('rejects negative, fractional and non-numeric counts, in the column they are in', () => {
    const cases: [keyof Row, string][] = [
      ['accounts_potentially_affected', '-1'],
      ['accounts_actually_affected', '1.5'],
      ['accounts_notified', 'two'],
      ['accounts_notified', '1e3'],
      ['accounts_potentially_affected', '99999999999'],
    ];
    for (const [column, value] of cases) {
      const issue = onlyIssue(file(row({ [column]: value })));
      assert.deepEqual([issue.line, issue.field], [2, column], value);
      assert.equal(issue.message, `"${value}" is not a whole number of accounts (0 or more)`);
    }
  });

  it('accepts zero and large counts', () => {
    const { rows, issues } = parseRequestCsv(
      file(row({ accounts_potentially_affected: '2147483647', accounts_actually_affected: '0', accounts_notified: '007' })),
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(rows[0]!.request.accounts, { potentiallyAffected: 2147483647, actuallyAffected: 0, notified: 7 });
  });

  it('reports several problems of one row, each with its own field', () => {
    const { issues } = parseRequestCsv(file(row({ kind: 'copyright', category: 'privacy', received_at: 'soon', country: 'XX' })));
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [
        [2, 'category'],
        [2, 'received_at'],
        [2, 'country'],
      ],
    );
  });

  it('rejects a reference that appears twice in the file, naming the first line', () => {
    const { rows, issues } = parseRequestCsv(
      file(row({ reference: 'CR-2025-000001' }), row({ reference: 'CR-2025-000002' }), row({ reference: 'CR-2025-000001' })),
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(issues, [{ line: 4, field: 'reference', message: '"CR-2025-000001" already appears on line 2' }]);
  });

  it('lets several rows leave the reference empty', () => {
    const { rows, issues } = parseRequestCsv(file(row(), row(), row()));
    assert.deepEqual(issues, []);
    assert.equal(rows.length, 3);
  });
});

describe('parseRequestCsv: bad files', () => {
  it('rejects a row with too few or too many columns', () => {
    const { issues } = parseRequestCsv(file(row(), `${row()},extra`, 'CR-1,copyright', '   '));
    assert.deepEqual(issues, [
      { line: 3, field: 'row', message: 'has 12 columns; the header has 11' },
      { line: 4, field: 'row', message: 'has 2 columns; the header has 11' },
      { line: 5, field: 'row', message: 'has 1 column; the header has 11' },
    ]);
  });

  it('rejects a file that is not UTF-8, naming the first line that is not', () => {
    const latin1 = Buffer.from(`${HEADER}\n${row()}\n${row({ requester_type: 'société' })}\n${row()}\n`, 'latin1');
    assert.deepEqual(parseRequestCsv(latin1), {
      rows: [],
      issues: [{ line: 3, field: 'file', message: 'is not valid UTF-8 text' }],
    });
    const crlf = Buffer.from(`${HEADER}\r\n${row()}\r\n\r\n${row({ requester_type: 'Zürich' })}\r\n`, 'latin1');
    assert.equal(onlyIssue(crlf).line, 4);
  });

  it('rejects a UTF-16 file', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${row()}\n`, 'utf16le')]);
    assert.deepEqual(onlyIssue(utf16), { line: 1, field: 'file', message: 'is not valid UTF-8 text' });
  });

  it('rejects an empty file, or one of blank lines or only a byte order mark', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('\n\r\n  \n'), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const issue = onlyIssue(bytes);
      assert.deepEqual([issue.line, issue.field], [1, 'file']);
      assert.match(issue.message, /^is empty; expected a header row: reference,kind,category,received_at,/);
    }
  });

  it('rejects a file with a header and no rows', () => {
    assert.deepEqual(parseRequestCsv(Buffer.from(`${HEADER}\n`)), {
      rows: [],
      issues: [{ line: 2, field: 'file', message: 'has a header but no request rows' }],
    });
  });

  it('rejects a header that misses a column, naming it', () => {
    const header = CSV_COLUMNS.filter((column) => column !== 'country').join(',');
    const { rows, issues } = parseRequestCsv(Buffer.from(`${header}\n${row()}\n`));
    assert.deepEqual(rows, []);
    assert.deepEqual(issues, [{ line: 1, field: 'header', message: 'missing column country' }]);
  });

  it('rejects a header with an unknown or repeated column', () => {
    const unknown = parseRequestCsv(Buffer.from(`${HEADER},notes\n${row()},hello\n`));
    assert.deepEqual(unknown.issues, [{ line: 1, field: 'header', message: 'unknown column notes' }]);
    const repeated = parseRequestCsv(Buffer.from(`${HEADER},kind\n${row()},copyright\n`));
    assert.deepEqual(repeated.issues, [{ line: 1, field: 'header', message: 'repeated column kind' }]);
  });

  it('rejects a file whose first line is a request rather than the header', () => {
    const { rows, issues } = parseRequestCsv(Buffer.from(`${row()}\n${row()}\n`));
    assert.deepEqual(rows, []);
    assert.ok(issues.length >= 1);
    assert.ok(issues.every((issue) => issue.line === 1 && issue.field === 'header'));
    assert.match(issues[0]!.message, /missing columns reference, kind, category/);
  });

  it('reports an unclosed quote at the line where the quote opens', () => {
    const { rows, issues } = parseRequestCsv(file(row(), row({ country: '"DE' }), row(), row()));
    assert.deepEqual(rows, []);
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0]!.line, issues[0]!.field], [3, 'csv']);
    assert.match(issues[0]!.message, /quote/i);
    assert.doesNotMatch(issues[0]!.message, /at line/, 'the line is given once, by the issue');
  });

  it('reports a stray quote inside a value at its line', () => {
    const { issues } = parseRequestCsv(file(row(), row(), row({ country: 'D"E' })));
    assert.deepEqual(
      issues.map((issue) => [issue.line, issue.field]),
      [[4, 'csv']],
    );
  });
});

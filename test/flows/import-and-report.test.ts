import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

// The flow a legal desk follows at the end of a half-year: import the requests it logged
// elsewhere, then publish the report. Every figure of every report is checked against a small
// count written here from the rows themselves, not from Candor's code.

const COLUMNS = [
  'reference',
  'kind',
  'category',
  'received_at',
  'country',
  'requester_type',
  'project',
  'outcome',
  'accounts_potentially_affected',
  'accounts_actually_affected',
  'accounts_notified',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

// The vocabulary of PRODUCT.md §5, with an empty value wherever the contract allows one.
const CATEGORIES: Record<string, string[]> = {
  content_alteration: ['defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other', ''],
  copyright: ['', '', '', 'counter_notice'],
  user_data: ['informal_private', 'informal_government', 'civil_subpoena', 'criminal_subpoena', 'administrative_subpoena', 'search_warrant', 'court_order', 'national_security', ''],
  preservation: [''],
  emergency: ['violence', 'terrorism', 'self_harm', ''],
};
const KINDS = ['content_alteration', 'content_alteration', 'copyright', 'copyright', 'user_data', 'user_data', 'preservation', 'emergency'];
const COUNTRIES = ['US', 'US', 'DE', 'FR', 'BR', 'IN', 'TR', 'XK', 'us', 'gb', '', ''];
const REQUESTER_TYPES = ['executive', 'law_enforcement', 'court', 'regulator', 'individual', 'company', 'lawyer', 'organization', '', ''];
const PROJECTS = ['en.wikipedia.org', 'en.wikipedia.org', 'de.wikipedia.org', 'commons.wikimedia.org', 'EN.Wikipedia.org', '', ''];
const OUTCOMES = ['granted', 'partially_granted', 'denied', 'denied', 'not_actionable', 'withdrawn', ''];

/** A small seeded generator (mulberry32), so that the file is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Writes an instant the ways people write it: a date, UTC, an offset, or a local time without a zone (taken as UTC). */
function writeInstant(ms: number, style: number): string {
  const at = (shiftMinutes: number) => new Date(ms + shiftMinutes * 60_000).toISOString().slice(0, 19);
  switch (style % 5) {
    case 0:
      return new Date(ms).toISOString().slice(0, 10);
    case 1:
      return `${at(0)}Z`;
    case 2:
      return `${at(330)}+05:30`;
    case 3:
      return `${at(-180)}-03:00`;
    default:
      return at(0);
  }
}

/** `count` requests received at random through 2025, every column varied; one in four with a reference of its own. */
function randomRows(count: number, seed: number): Row[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const accounts = () => (random() < 0.3 ? '' : String(Math.floor(random() * 40)));
  const rows: Row[] = [];
  const yearStart = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    const kind = pick(KINDS);
    const ms = yearStart + Math.floor(random() * 365 * 86_400) * 1000;
    rows.push({
      reference: i % 4 === 0 ? `LGL-${seed}-${String(i).padStart(6, '0')}` : '',
      kind,
      category: pick(CATEGORIES[kind]!),
      received_at: writeInstant(ms, Math.floor(random() * 5)),
      country: pick(COUNTRIES),
      requester_type: pick(REQUESTER_TYPES),
      project: pick(PROJECTS),
      outcome: pick(OUTCOMES),
      accounts_potentially_affected: accounts(),
      accounts_actually_affected: accounts(),
      accounts_notified: accounts(),
    });
  }
  return rows;
}

/** ~70 requests across 2025, and the edge cases the report's rules turn on. */
function sampleRows(): Row[] {
  const rows = randomRows(60, 2025);
  const edge = (values: Partial<Row>): Row => ({
    reference: '',
    kind: 'copyright',
    category: '',
    received_at: '',
    country: '',
    requester_type: '',
    project: '',
    outcome: '',
    accounts_potentially_affected: '',
    accounts_actually_affected: '',
    accounts_notified: '',
    ...values,
  });
  rows.push(
    // 23:30 at UTC−2 on the last day of June is 01:30 UTC on 1 July: the second half-year.
    edge({ received_at: '2025-06-30T23:30:00-02:00', category: 'counter_notice', country: 'US', project: 'en.wikipedia.org', outcome: 'granted' }),
    // 01:00 at UTC+2 on 1 July is still 30 June in UTC: the first half-year.
    edge({ received_at: '2025-07-01T01:00:00+02:00', country: 'US', project: 'en.wikipedia.org', outcome: 'granted' }),
    edge({ received_at: '2025-02-11T09:00:00Z', category: 'counter_notice', country: 'DE', requester_type: 'individual', outcome: 'partially_granted' }),
    edge({ kind: 'user_data', category: 'court_order', received_at: '2025-01-01', country: 'TR', requester_type: 'court', outcome: 'granted', accounts_potentially_affected: '1000', accounts_actually_affected: '250', accounts_notified: '7' }),
    edge({ kind: 'user_data', category: 'court_order', received_at: '2025-12-31T23:59:59.999', country: 'TR', outcome: 'partially_granted', accounts_potentially_affected: '3' }),
    // Midnight UTC starting 1 July: the first instant of the second half-year, not the last of the first.
    edge({ kind: 'content_alteration', category: 'trademark', received_at: '2025-07-01', country: 'FR', requester_type: 'company', outcome: 'granted' }),
    // Half past midnight on New Year's Day at UTC+1 is still 2025 in UTC.
    edge({ kind: 'emergency', category: 'self_harm', received_at: '2026-01-01T00:30:00+01:00', outcome: 'granted' }),
    // Outside 2025 on either side: counted in no report below.
    edge({ kind: 'user_data', category: 'search_warrant', received_at: '2024-12-31T23:59:59.999Z', country: 'US', outcome: 'granted', accounts_potentially_affected: '50' }),
    edge({ kind: 'content_alteration', category: 'privacy', received_at: '2026-01-01T00:00:00Z', country: 'US', outcome: 'granted' }),
    // Accounts of kinds other than user data are not summed into the user-data accounts.
    edge({ kind: 'preservation', received_at: '2025-03-03T03:03:03Z', country: 'FR', accounts_potentially_affected: '900', accounts_actually_affected: '900', accounts_notified: '900' }),
  );
  return rows;
}

/** The CSV of the rows, quoting some fields (and a quoted field that runs over two lines) as spreadsheets do. */
function toCsv(rows: Row[]): string {
  const lines = [COLUMNS.join(',')];
  rows.forEach((row, i) =>
    lines.push(COLUMNS.map((column) => (i % 7 === 3 ? `"${row[column]}"` : i === 12 && column === 'country' ? `"\n${row[column]}"` : row[column])).join(',')),
  );
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// The reference count, from PRODUCT.md §5, written without looking at src/transparency.

/** The instant of a CSV time; a time without a zone is UTC. */
function instantOf(value: string): number {
  return Date.parse(/T[^Z+-]*$/i.test(value) ? `${value}Z` : value);
}

function periodOf(id: string) {
  const [, year, half] = /^(\d{4})(?:-H([12]))?$/.exec(id)!;
  const y = Number(year);
  const [firstMonth, lastMonth, lastDay] = half === '1' ? ['01', 6, '06-30'] : half === '2' ? ['07', 12, '12-31'] : ['01', 12, '12-31'];
  return {
    id,
    start: `${y}-${firstMonth}-01`,
    end: `${y}-${lastDay}`,
    from: Date.parse(`${y}-${firstMonth}-01T00:00:00Z`),
    until: lastMonth === 12 ? Date.parse(`${y + 1}-01-01T00:00:00Z`) : Date.parse(`${y}-07-01T00:00:00Z`),
  };
}

const grantCounts = (rows: Row[]) => ({
  received: rows.length,
  granted: rows.filter((row) => row.outcome === 'granted').length,
  partially_granted: rows.filter((row) => row.outcome === 'partially_granted').length,
});
const productionCounts = (rows: Row[]) => ({
  received: rows.length,
  produced_full: rows.filter((row) => row.outcome === 'granted').length,
  produced_partial: rows.filter((row) => row.outcome === 'partially_granted').length,
});
const sum = (rows: Row[], column: keyof Row) => rows.reduce((total, row) => total + Number(row[column] || '0'), 0);
const countryOf = (row: Row) => row.country.toUpperCase() || null;
const projectOf = (row: Row) => row.project.toLowerCase() || null;

/** A breakdown: one item per key, sorted by received (most first), then by key, unknown last. */
function breakdown<M extends { received: number }>(rows: Row[], keyName: string, keyOf: (row: Row) => string | null, measure: (rows: Row[]) => M) {
  const groups = new Map<string | null, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const members = groups.get(key);
    if (members) members.push(row);
    else groups.set(key, [row]);
  }
  return [...groups]
    .map(([key, members]) => ({ key, item: { [keyName]: key, ...measure(members) } }))
    .sort((a, b) => b.item.received - a.item.received || (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}

function expectedReport(all: Row[], id: string) {
  const period = periodOf(id);
  const rows = all.filter((row) => instantOf(row.received_at) >= period.from && instantOf(row.received_at) < period.until);
  const ofKind = (kind: string) => rows.filter((row) => row.kind === kind);
  const alteration = ofKind('content_alteration');
  const takedowns = ofKind('copyright').filter((row) => row.category !== 'counter_notice');
  const userData = ofKind('user_data');
  const emergency = ofKind('emergency');
  return {
    period: { id: period.id, start: period.start, end: period.end },
    content_alteration: {
      ...grantCounts(alteration),
      by_country: breakdown(alteration, 'country', countryOf, grantCounts),
      by_project: breakdown(alteration, 'project', projectOf, grantCounts),
      by_requester_type: breakdown(alteration, 'requester_type', (row) => row.requester_type || null, grantCounts),
      by_category: breakdown(alteration, 'category', (row) => row.category || null, grantCounts),
    },
    copyright: {
      ...grantCounts(takedowns),
      counter_notices: ofKind('copyright').length - takedowns.length,
      by_country: breakdown(takedowns, 'country', countryOf, grantCounts),
      by_project: breakdown(takedowns, 'project', projectOf, grantCounts),
    },
    user_data: {
      ...productionCounts(userData),
      by_instrument: breakdown(userData, 'instrument', (row) => row.category || null, productionCounts),
      by_country: breakdown(userData, 'country', countryOf, productionCounts),
      accounts: {
        potentially_affected: sum(userData, 'accounts_potentially_affected'),
        actually_affected: sum(userData, 'accounts_actually_affected'),
        notified: sum(userData, 'accounts_notified'),
      },
    },
    preservation: { received: ofKind('preservation').length },
    emergency: { received: emergency.length, by_threat: breakdown(emergency, 'threat', (row) => row.category || null, grantCounts) },
  };
}

/** Every number of a report JSON as `kind/breakdown/key/measure`, to compare with its CSV form. */
function figuresOfJson(report: Record<string, unknown>): Map<string, number> {
  const figures = new Map<string, number>();
  for (const [kind, section] of Object.entries(report)) {
    if (kind === 'period') continue;
    for (const [name, value] of Object.entries(section as Record<string, unknown>)) {
      if (typeof value === 'number') figures.set(`${kind}/total//${name}`, value);
      else if (Array.isArray(value)) {
        const keyName = name.replace(/^by_/, '');
        for (const item of value as Record<string, number | string | null>[]) {
          for (const [measure, count] of Object.entries(item)) {
            if (measure !== keyName) figures.set(`${kind}/${keyName}/${item[keyName] ?? ''}/${measure}`, count as number);
          }
        }
      } else {
        for (const [measure, count] of Object.entries(value as Record<string, number>)) figures.set(`${kind}/${name}//${measure}`, count);
      }
    }
  }
  return figures;
}

function figuresOfCsv(text: string, periodId: string): Map<string, number> {
  const [header, ...rows] = parse(text) as string[][];
  assert.deepEqual(header, ['period', 'kind', 'breakdown', 'key', 'measure', 'count']);
  const figures = new Map<string, number>();
  for (const [period, kind, breakdownName, key, measure, count] of rows as string[][]) {
    assert.equal(period, periodId);
    const figure = `${kind}/${breakdownName}/${key}/${measure}`;
    assert.ok(!figures.has(figure), `${figure} appears once`);
    figures.set(figure, Number(count));
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------

describe('importing a request CSV and reporting on it', () => {
  // The processes run in a zone far from UTC: periods are UTC whatever the machine's zone.
  const TZ = 'Pacific/Chatham';
  const rows = sampleRows();
  const PERIODS = ['2025-H1', '2025-H2', '2025'];
  const reports = new Map<string, Record<string, unknown>>();
  let database: TestDatabase;
  let env: Record<string, string>;
  let dir: string;

  const writeFile = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const reportJson = async (period: string) => {
    const result = await runCli(['report', period, '--format', 'json'], env);
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const auditEvents = async () => {
    const result = await runCli(['audit', 'verify'], env);
    assert.equal(result.status, 0, result.stderr);
    const match = /^audit chain intact: (\d+) events, head [0-9a-f]{64}\n$/.exec(result.stdout);
    assert.ok(match, result.stdout);
    return Number(match[1]);
  };

  before(async () => {
    database = await createTestDatabase();
    env = { ...database.env, TZ };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-import-flow-'));
  });
  after(async () => {
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a sample that covers what the report distinguishes', () => {
    // A guard on the test's own data: if the generator changed, the checks below would prove less.
    const in2025 = rows.filter((row) => row.received_at.startsWith('2025'));
    for (const kind of ['content_alteration', 'copyright', 'user_data', 'preservation', 'emergency']) {
      assert.ok(in2025.filter((row) => row.kind === kind).length >= 3, kind);
    }
    assert.ok(rows.filter((row) => row.category === 'counter_notice').length >= 3);
    for (const column of ['country', 'requester_type', 'project', 'outcome', 'category'] as const) {
      assert.ok(rows.some((row) => row.kind !== 'preservation' && row[column] === ''), `an empty ${column}`);
    }
    assert.ok(rows.some((row) => row.country === 'us') && rows.some((row) => row.project === 'EN.Wikipedia.org'));
    assert.ok(rows.some((row) => row.kind === 'user_data' && row.accounts_notified === ''));
    assert.ok(rows.length >= 60);
  });

  it('imports the file through the CLI', async () => {
    const file = writeFile('requests.csv', toCsv(rows));
    const result = await runCli(['import', 'requests', file], env);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `imported ${rows.length} request(s) from ${file}\n`);
    assert.equal(result.stderr, '');
  });

  for (const period of PERIODS) {
    it(`reports ${period} with every figure as counted from the rows`, async () => {
      const report = await reportJson(period);
      assert.deepEqual(report, expectedReport(rows, period));
      reports.set(period, report);
    });
  }

  it('adds up: the year is the sum of its halves', () => {
    const KINDS_REPORTED = ['content_alteration', 'copyright', 'user_data', 'preservation', 'emergency'];
    const figure = (period: string, kind: string, measure = 'received') =>
      (reports.get(period)![kind] as Record<string, number>)[measure]!;
    for (const kind of KINDS_REPORTED) {
      assert.equal(figure('2025', kind), figure('2025-H1', kind) + figure('2025-H2', kind), kind);
    }
    const counterNotices = (period: string) => figure(period, 'copyright', 'counter_notices');
    assert.equal(counterNotices('2025'), counterNotices('2025-H1') + counterNotices('2025-H2'));
    // Every row but the two outside 2025 is counted once: in its kind, or as a counter-notice.
    const counted = KINDS_REPORTED.reduce((total, kind) => total + figure('2025', kind), 0) + counterNotices('2025');
    assert.equal(counted, rows.length - 2);
  });

  for (const period of PERIODS) {
    it(`gives the same figures for ${period} as CSV`, async () => {
      const result = await runCli(['report', period, '--format', 'csv'], env);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(figuresOfCsv(result.stdout, period), figuresOfJson(reports.get(period)!));
    });
  }

  it('rejects a malformed period with exit code 2, naming it', async () => {
    const result = await runCli(['report', '2025-h1'], env);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /"2025-h1" is not a reporting period/);
  });

  it('serves the same reports over HTTP, in any period', async () => {
    const server = await startServer(env);
    try {
      for (const period of PERIODS) {
        const response = await fetch(`${server.url}/api/v1/transparency/${period}`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        assert.deepEqual(await response.json(), reports.get(period), period);
      }
      // The rows just outside 2025 are in the periods next to it.
      for (const period of ['2024-H2', '2026-H1', '2026']) {
        const response = await fetch(`${server.url}/api/v1/transparency/${period}`);
        assert.deepEqual(await response.json(), expectedReport(rows, period), period);
      }
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  describe('a bad file changes nothing', () => {
    let reportBefore: Record<string, unknown>;
    let eventsBefore: number;

    before(async () => {
      reportBefore = await reportJson('2025');
      eventsBefore = await auditEvents();
    });

    it('recorded one audit event per imported request', () => {
      assert.equal(eventsBefore, rows.length);
    });

    const good = (changes: Partial<Row> = {}) =>
      COLUMNS.map((column) => ({ ...rows[1]!, reference: '', received_at: '2025-05-05T05:05:05Z', ...changes })[column]).join(',');
    const csvOf = (...lines: string[]) => `${[COLUMNS.join(','), ...lines].join('\n')}\n`;
    const existing = rows.find((row) => row.reference !== '')!.reference;

    const cases: { name: string; content: string | Buffer; expected: RegExp }[] = [
      { name: 'unknown kind', content: csvOf(good(), good(), good({ kind: 'takedown' })), expected: /^line 4: kind: unknown kind "takedown"/m },
      {
        name: 'unknown category',
        content: csvOf(good(), good({ kind: 'copyright', category: 'violence' })),
        expected: /^line 3: category: unknown category "violence" for kind copyright/m,
      },
      { name: 'category for preservation', content: csvOf(good({ kind: 'preservation', category: 'other' })), expected: /^line 2: category: must be empty for kind preservation/m },
      { name: 'impossible date', content: csvOf(good({ received_at: '2025-02-30' }), good()), expected: /^line 2: received_at: "2025-02-30" is not an ISO 8601 date/m },
      { name: 'date in words', content: csvOf(good(), good(), good(), good({ received_at: 'yesterday' })), expected: /^line 5: received_at: "yesterday"/m },
      { name: 'unknown country', content: csvOf(good(), good(), good(), good({ country: 'UK' })), expected: /^line 5: country: "UK" is not an ISO 3166-1 alpha-2 country code/m },
      { name: 'three-letter country', content: csvOf(good({ country: 'USA' })), expected: /^line 2: country: "USA"/m },
      { name: 'wrong number of columns', content: csvOf(good(), good().split(',').slice(1).join(','), good()), expected: /^line 3: row: has 10 columns; the header has 11/m },
      { name: 'negative count', content: csvOf(good({ accounts_notified: '-3' })), expected: /^line 2: accounts_notified: "-3" is not a whole number/m },
      {
        name: 'bad row after a quoted field over three lines',
        content: csvOf(good({ country: '"\nUS\n"' }), good({ outcome: 'accepted' })),
        expected: /^line 5: outcome: unknown outcome "accepted"/m,
      },
      {
        name: 'not UTF-8',
        content: Buffer.from(csvOf(good(), good({ requester_type: 'Behörde' }), good()), 'latin1'),
        expected: /^line 3: file: is not valid UTF-8 text$/m,
      },
      { name: 'empty file', content: '', expected: /^line 1: file: is empty/m },
      { name: 'header only', content: csvOf(), expected: /^line 2: file: has a header but no request rows$/m },
      { name: 'missing column', content: `${COLUMNS.slice(0, -1).join(',')}\n${good().replace(/,[^,]*$/, '')}\n`, expected: /^line 1: header: missing column accounts_notified$/m },
      {
        name: 'reference repeated in the file',
        content: csvOf(good({ reference: 'NEW-2025-1' }), good(), good({ reference: 'NEW-2025-1' })),
        expected: /^line 4: reference: "NEW-2025-1" already appears on line 2$/m,
      },
      {
        name: 'reference already in the database',
        content: csvOf(good({ reference: 'NEW-2025-2' }), good({ reference: existing })),
        expected: new RegExp(`^line 3: reference: "${existing}" already exists in the database$`, 'm'),
      },
    ];

    for (const { name, content, expected } of cases) {
      it(`refuses a file with ${name}, naming the line and field`, async () => {
        const file = writeFile(`${name.replace(/\W+/g, '-')}.csv`, content);
        const result = await runCli(['import', 'requests', file], env);
        assert.equal(result.status, 1, result.stderr);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, expected);
        assert.match(result.stderr, new RegExp(`nothing was imported from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 1 problem\\(s\\)\\n$`));
      });
    }

    it('lists every problem of a file at once', async () => {
      const file = writeFile('many.csv', csvOf(good({ kind: 'x' }), good(), good({ country: 'ZZ', received_at: '2025-13-01' })));
      const result = await runCli(['import', 'requests', file], env);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr.split('\n').filter((line) => line.startsWith('line ')).map((line) => line.split(':').slice(0, 2).join(':')).join('\n'),
        ['line 2: kind', 'line 4: received_at', 'line 4: country'].join('\n'),
      );
      assert.match(result.stderr, /: 3 problem\(s\)\n$/);
    });

    it('leaves the report and the audit log as they were', async () => {
      // Every bad file above held valid 2025 rows: importing any of them would show here.
      assert.deepEqual(await reportJson('2025'), reportBefore);
      assert.equal(await auditEvents(), eventsBefore);
    });
  });
});

describe('importing 100,000 requests at once', () => {
  // Measured here: ~21 s on PGlite and ~20 s on PostgreSQL for the import alone.
  let database: TestDatabase;
  let dir: string;

  before(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-import-100k-'));
  });
  after(async () => {
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports them all in one go, and the report counts every one', async () => {
    const rows = randomRows(100_000, 100);
    const file = path.join(dir, 'requests.csv');
    fs.writeFileSync(file, toCsv(rows));
    const imported = await runCli(['import', 'requests', file], database.env);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stdout, `imported 100000 request(s) from ${file}\n`);

    const report = await runCli(['report', '2025'], database.env);
    assert.equal(report.status, 0, report.stderr);
    assert.deepEqual(JSON.parse(report.stdout), expectedReport(rows, '2025'));
  });
});

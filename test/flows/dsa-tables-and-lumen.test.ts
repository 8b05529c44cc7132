import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { NewRequest } from '../../src/requests/create-requests.ts';
import { createRequests } from '../../src/requests/create-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const HOUR = 3_600_000;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe('export dsa-tables PERIOD', () => {
  let database: TestDatabase;
  // Each row: what it is, and where the tables must count it (or null when nowhere).
  const start = Date.parse('2026-02-01T00:00:00Z');
  const row = (kind: NewRequest['kind'], category: string | null, type: NewRequest['requester'] extends infer R ? R extends { type: infer T } ? T : never : never, country: string | null, hours: number | null, extra: Partial<NewRequest> = {}): NewRequest => ({
    kind, category, channel: 'web', receivedAt: new Date(start), requester: { type, country },
    outcome: hours === null ? null : 'granted', decidedAt: hours === null ? null : new Date(start + hours * HOUR), ...extra,
  });
  const rows: [NewRequest, string | null][] = [
    [row('content_alteration', 'defamation', 'executive', 'DE', 10), 'orders_to_act|DE|STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
    [row('content_alteration', 'defamation', 'court', 'DE', 20, { outcome: 'denied' }), 'orders_to_act|DE|STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
    [row('content_alteration', 'defamation', 'law_enforcement', 'DE', 40), 'orders_to_act|DE|STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
    [row('content_alteration', 'unlawful', 'regulator', 'DE', null), 'orders_to_act|DE|STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
    [row('content_alteration', 'privacy', 'court', 'FR', 3.5), 'orders_to_act|FR|STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS'],
    [row('user_data', 'search_warrant', 'law_enforcement', 'IT', 72), 'orders_to_provide_information|IT|search_warrant'],
    [row('copyright', null, 'individual', 'FR', 5), 'notices||STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS'],
    [row('copyright', null, 'lawyer', 'ES', 8), 'notices||STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS'],
    [row('content_alteration', 'trademark', 'company', 'US', 30, { jurisdiction: 'DE' }), 'notices||STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS'],
    [row('content_alteration', 'erasure', null, 'AT', 1), 'notices||STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS'],
    // Not counted: a court outside the EU, a company outside it under its own law, a counter-notice, a request outside the period.
    [row('content_alteration', 'defamation', 'court', 'US', 2), null],
    [row('copyright', null, 'company', 'US', 2), null],
    [row('copyright', 'counter_notice', 'individual', 'DE', 2), null],
    [row('content_alteration', 'defamation', 'executive', 'DE', 2, { receivedAt: new Date('2026-07-01T00:00:00Z'), decidedAt: new Date('2026-07-02T00:00:00Z') }), null],
  ];
  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    await handle.db.transaction().execute((trx) => createRequests(trx, rows.map(([request]) => request), 'test'));
    await handle.close();
  });
  after(async () => database?.drop());

  it('counts orders and notices by member state and category, with median hours to a decision', async () => {
    const result = await runCli(['export', 'dsa-tables', '2026-H1'], database.env);
    assert.equal(result.status, 0, result.stderr);
    const records = parse(result.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(records[0]!), ['section', 'member_state', 'category', 'received', 'granted', 'partially_granted', 'denied', 'not_actionable', 'withdrawn', 'decided', 'median_hours_to_decision']);
    const expected = new Map<string, NewRequest[]>();
    for (const [request, key] of rows) if (key) expected.set(key, [...(expected.get(key) ?? []), request]);
    assert.equal(records.length, expected.size);
    for (const [key, group] of expected) {
      const [section, memberState, category] = key.split('|');
      const record = records.find((r) => r.section === section && r.member_state === memberState && r.category === category);
      assert.ok(record, key);
      const hours = group.filter((r) => r.decidedAt).map((r) => (r.decidedAt!.getTime() - r.receivedAt.getTime()) / HOUR);
      assert.equal(Number(record.received), group.length, key);
      assert.equal(Number(record.granted), group.filter((r) => r.outcome === 'granted').length, key);
      assert.equal(Number(record.denied), group.filter((r) => r.outcome === 'denied').length, key);
      assert.equal(Number(record.decided), hours.length, key);
      assert.equal(Number(record.median_hours_to_decision), median(hours), key);
    }
    assert.equal(records.find((r) => r.member_state === 'DE')!.median_hours_to_decision, '20');
  });

  it('exits 2 for a period that is not one', async () => {
    const result = await runCli(['export', 'dsa-tables', '2026-Q1'], database.env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not a reporting period/);
  });
});

describe('import lumen FILE', () => {
  let database: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-lumen-'));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const dmca = {
    notice: {
      id: 4101, type: 'DMCA', title: 'Photograph on Commons', body: 'The photo is ours.', date_sent: '2025-05-21', date_received: '2025-05-22 10:01:01 -04:00',
      jurisdiction_list: 'US, CA', action_taken: 'Partial',
      works_attributes: [{ description: 'A photo', copyrighted_urls_attributes: [{ url: 'https://example.com/photo.jpg' }], infringing_urls_attributes: [{ url: 'https://commons.wikimedia.org/wiki/File:Photo.jpg' }, { url: 'https://en.m.wikipedia.org/wiki/Some_page' }] }],
      entity_notice_roles_attributes: [
        { name: 'sender', entity_attributes: { name: 'Pat Sender', kind: 'individual', country_code: 'us' } },
        { name: 'principal', entity_attributes: { name: 'Example Studios', kind: 'organization', country_code: 'US' } },
        { name: 'recipient', entity_attributes: { name: 'Free Knowledge Foundation', kind: 'organization' } },
      ],
    },
  };
  const search = {
    notices: [
      { id: 4102, type: 'Court Order', title: 'Court order re: article', date_received: '2025-06-01T09:00:00Z', jurisdictions: ['DE'], laws_referenced: ['StGB § 186'], sender_name: 'Landgericht Beispielstadt', works: [{ description: 'Article', infringing_urls: [{ url: 'https://de.wikipedia.org/wiki/Artikel' }] }] },
      { id: 4103, type: 'Law Enforcement Request', request_type: 'Warrant', title: 'Warrant for account data', date_received: '2025-06-02T09:00:00Z', works: [] },
      { defamation: { id: 4104, title: 'Defamation complaint', date_received: '2025-06-03T00:00:00Z', works: [] } },
    ],
  };
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file with bad notices, naming each, and stores nothing', async () => {
    const bad = write('bad.json', [
      dmca,
      { id: 'x1', type: 'Telegram', date_received: 'soon', works: [{ infringing_urls: [{ url: 'ftp://example.com/a' }] }], action_taken: 'Maybe' },
      { notice: { type: 'DMCA', title: 'No date' } },
    ]);
    const result = await runCli(['import', 'lumen', bad], database.env);
    assert.equal(result.status, 1);
    for (const line of [
      'notice 2: id: must be a positive whole number',
      'notice 2: type: "Telegram" is not a Lumen notice type',
      'notice 2: title: is required',
      'notice 2: date_received: "soon" is not a date',
      'notice 2: action_taken: must be Yes, No or Partial',
      'notice 2: works[0].infringing_urls[0].url: must be an http or https URL',
      'notice 3: date_received: is required (or date_sent)',
    ]) assert.ok(result.stderr.includes(line), `${line}\n${result.stderr}`);
    assert.match(result.stderr, /nothing was imported/);
    const handle = await database.open();
    const count = await handle.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await handle.close();
    assert.equal(Number(count.n), 0);
    const notJson = await runCli(['import', 'lumen', write('broken.json', '{"notice": ')], database.env);
    assert.equal(notJson.status, 1);
  });

  it('imports one notice and a search result, mapped to our requests, and skips them when imported again', async () => {
    const one = await runCli(['import', 'lumen', write('one.json', dmca)], database.env);
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /imported 1 notice/);
    const many = await runCli(['import', 'lumen', write('search.json', search)], database.env);
    assert.equal(many.status, 0, many.stderr);
    assert.match(many.stdout, /imported 3 notice/);
    const again = await runCli(['import', 'lumen', write('again.json', [dmca, ...search.notices])], database.env);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /imported 0 notice\(s\).*skipped 4/);

    const handle = await database.open();
    try {
      const requests = await handle.db.selectFrom('requests').selectAll().orderBy('external_id').execute();
      assert.deepEqual(requests.map((r) => [r.external_id, r.kind, r.category, r.channel]), [
        ['lumen:4101', 'copyright', null, 'import'],
        ['lumen:4102', 'content_alteration', 'unlawful', 'import'],
        ['lumen:4103', 'user_data', 'search_warrant', 'import'],
        ['lumen:4104', 'content_alteration', 'defamation', 'import'],
      ]);
      const [photo, court, warrant] = requests;
      assert.equal(photo!.received_at.toISOString(), '2025-05-22T14:01:01.000Z');
      assert.equal(photo!.outcome, 'partially_granted');
      assert.equal(photo!.requester_name, 'Pat Sender');
      assert.equal(photo!.requester_type, 'individual');
      assert.equal(photo!.requester_country, 'US');
      assert.equal(photo!.jurisdiction, 'US, CA');
      assert.match(photo!.original_text ?? '', /^Photograph on Commons\n\nThe photo is ours\.$/);
      const targets = await handle.db.selectFrom('request_targets').select(['target_type', 'url', 'project']).where('request_id', '=', photo!.id).orderBy('id').execute();
      assert.deepEqual(targets, [
        { target_type: 'file', url: 'https://commons.wikimedia.org/wiki/File:Photo.jpg', project: 'commons.wikimedia.org' },
        { target_type: 'page', url: 'https://en.m.wikipedia.org/wiki/Some_page', project: 'en.wikipedia.org' },
      ]);
      const parties = await handle.db.selectFrom('request_parties').select(['role', 'name', 'organization', 'country']).where('request_id', '=', photo!.id).orderBy('id').execute();
      assert.deepEqual(parties, [
        { role: 'sender', name: 'Pat Sender', organization: null, country: 'US' },
        { role: 'principal', name: null, organization: 'Example Studios', country: 'US' },
        { role: 'recipient', name: null, organization: 'Free Knowledge Foundation', country: null },
      ]);
      assert.equal(court!.requester_type, 'court');
      assert.equal(court!.requester_organization, 'Landgericht Beispielstadt');
      assert.deepEqual(court!.laws_cited, ['StGB § 186']);
      assert.equal(warrant!.requester_type, 'law_enforcement');
      const events = await handle.db.selectFrom('audit_events').select('action').where('action', '=', 'request.imported').execute();
      assert.equal(events.length, 4);
    } finally {
      await handle.close();
    }
  });
});

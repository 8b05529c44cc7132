import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyChain } from '../audit/verify-chain.ts';
import { submitRequests } from '../intake/submit-requests.ts';
import { computeReport } from '../transparency/compute-report.ts';
import { parsePeriod } from '../transparency/period.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { ANONYMISED } from './anonymise.ts';
import { cutoff, retentionPeriods, setRetentionPeriods } from './periods.ts';
import { runRetention } from './run-retention.ts';

const YEAR = 2022;
const decidedAt = new Date(`${YEAR}-05-10T12:00:00Z`);
/** Three years and a day after the decision: past the default period of 36 months. */
const later = new Date(`${YEAR + 3}-05-11T12:00:00Z`);

describe('retention', () => {
  const suite = useTestDatabase();
  let decidedId: number;
  let openId: number;
  let governmentId: number;

  it('counts calendar months back, keeping the day or the last day of a shorter month', () => {
    assert.equal(cutoff(new Date('2026-03-31T08:00:00Z'), 1).toISOString(), '2026-02-28T08:00:00.000Z');
    assert.equal(cutoff(new Date('2028-03-31T08:00:00Z'), 1).toISOString(), '2028-02-29T08:00:00.000Z');
    assert.equal(cutoff(new Date('2026-12-15T00:00:00Z'), 36).toISOString(), '2023-12-15T00:00:00.000Z');
  });

  it('prepares requests with personal data', async () => {
    const db = suite.handle.db;
    const made = await submitRequests(
      db,
      [
        {
          kind: 'content_alteration',
          category: 'privacy',
          received_at: `${YEAR}-04-01T09:00:00Z`,
          requester: { name: 'Lucía Fernández Ortega', email: 'lucia.fo@example.org', type: 'individual', country: 'ES' },
          parties: [{ role: 'principal', name: 'Jonas Weber', email: 'jonas@example.net', address: 'Hauptstraße 12, 10115 Berlin', country: 'DE' }],
          targets: [{ url: 'https://es.wikipedia.org/wiki/Lucía_Fernández_Ortega' }, { account: 'LuciaFO', project: 'es.wikipedia.org' }],
          text: 'Soy Lucía Fernández Ortega, mi teléfono es +34 612 345 678. Retiren mi dirección de la página.',
        },
        {
          kind: 'content_alteration',
          category: 'defamation',
          received_at: `${YEAR}-04-02T09:00:00Z`,
          requester: { name: 'Officer Dana Kowalski', organization: 'Ministry of Information', email: 'dana.k@ministry.example', type: 'executive', country: 'PL' },
          targets: [{ url: 'https://pl.wikipedia.org/wiki/Ministerstwo' }],
          text: 'Remove the paragraph about the ministry.',
        },
        {
          kind: 'copyright',
          received_at: `${YEAR}-04-03T09:00:00Z`,
          requester: { name: 'Still Open', email: 'open@example.org', type: 'company', country: 'US' },
          targets: [{ url: 'https://en.wikipedia.org/wiki/Photo' }],
          text: 'Take down the photo.',
        },
      ],
      { channel: 'api', actor: 'test' },
    );
    [decidedId, governmentId, openId] = made.map((row) => row.id) as [number, number, number];
    for (const id of [decidedId, governmentId]) {
      await db
        .updateTable('requests')
        .set({ state: 'decided', outcome: 'denied', decided_at: decidedAt, rationale: 'Denied: Lucía Fernández Ortega (lucia.fo@example.org) is a public figure; the address stays out of the article anyway.', accounts_potentially_affected: 2 })
        .where('id', '=', id)
        .execute();
    }
    const staff = await db.insertInto('staff_users').values({ email: 'counsel@staff.example', role: 'counsel', display_name: 'Counsel', activated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('request_notes').values({ request_id: decidedId, author_id: staff.id, body: 'Called Jonas Weber on +49 30 1234567 about it.' }).execute();
    await db.insertInto('request_messages').values({ request_id: decidedId, direction: 'inbound', subject: 'Lucía Fernández Ortega', from_address: 'lucia.fo@example.org', to_addresses: ['legal@example.org'], body_text: 'Please, it is my home.', raw: Buffer.from('raw mail') }).execute();
    await db.insertInto('outbox').values({ request_id: decidedId, to_address: 'lucia.fo@example.org', subject: 'Your request', body_text: 'Dear Lucía Fernández Ortega, …', language: 'es', status: 'sent' }).execute();
  });

  it('lists in a dry run what would go, and changes nothing', async () => {
    const db = suite.handle.db;
    const before = await db.selectFrom('requests').selectAll().orderBy('id').execute();
    const round = await runRetention(db, later, { dryRun: true });
    assert.deepEqual(round.due.map((due) => due.id).sort(), [decidedId, governmentId].sort());
    assert.equal(round.total, 2);
    assert.equal(round.anonymised, 0);
    assert.deepEqual(await db.selectFrom('requests').selectAll().orderBy('id').execute(), before);
    const early = await runRetention(db, new Date(`${YEAR + 3}-05-09T12:00:00Z`), { dryRun: true });
    assert.equal(early.total, 0, 'a day before three years have passed, nothing is due');
  });

  it("anonymises finished requests' personal data and keeps every figure of the report", async () => {
    const db = suite.handle.db;
    const period = parsePeriod(String(YEAR));
    const reportBefore = await computeReport(db, period);
    const round = await runRetention(db, later);
    assert.equal(round.anonymised, 2);
    assert.deepEqual(await computeReport(db, period), reportBefore, 'the report is the same, figure for figure');

    const request = await db.selectFrom('requests').selectAll().where('id', '=', decidedId).executeTakeFirstOrThrow();
    assert.equal(request.requester_name, null);
    assert.equal(request.requester_email, null);
    assert.equal(request.original_text, null);
    assert.deepEqual(request.anonymised_at, later);
    assert.equal(request.requester_country, 'ES');
    assert.equal(request.kind, 'content_alteration');
    assert.equal(request.outcome, 'denied');
    assert.equal(request.accounts_potentially_affected, 2);
    assert.ok(request.rationale!.startsWith('Denied: [private]'), request.rationale!);
    assert.ok(!/Lucía|Fernández|lucia\.fo/.test(request.rationale!), 'the rationale keeps no personal data');
    const government = await db.selectFrom('requests').selectAll().where('id', '=', governmentId).executeTakeFirstOrThrow();
    assert.equal(government.requester_organization, 'Ministry of Information', "a public body's name stays");
    assert.equal(government.requester_name, null, "its official's name goes");

    const party = await db.selectFrom('request_parties').selectAll().where('request_id', '=', decidedId).executeTakeFirstOrThrow();
    assert.deepEqual([party.name, party.email, party.address, party.country, party.role], [null, null, null, 'DE', 'principal']);
    const targets = await db.selectFrom('request_targets').select(['url', 'account', 'project']).where('request_id', '=', decidedId).orderBy('id').execute();
    assert.equal(targets.length, 2, 'the targets are still counted');
    assert.ok(!targets[0]!.url!.includes('Fernández'), targets[0]!.url!);
    assert.equal(targets[1]!.account, ANONYMISED);
    const note = await db.selectFrom('request_notes').select('body').where('request_id', '=', decidedId).executeTakeFirstOrThrow();
    assert.ok(!/Jonas|Weber|1234567/.test(note.body), note.body);
    const message = await db.selectFrom('request_messages').selectAll().where('request_id', '=', decidedId).executeTakeFirstOrThrow();
    assert.deepEqual([message.subject, message.from_address, message.to_addresses, message.body_text, message.raw], [null, null, [], null, null]);
    assert.equal(message.direction, 'inbound');
    const mail = await db.selectFrom('outbox').selectAll().where('request_id', '=', decidedId).execute();
    assert.ok(mail.length >= 1);
    for (const row of mail) assert.deepEqual([row.to_address, row.subject, row.body_text], [ANONYMISED, ANONYMISED, ANONYMISED]);
    assert.ok(mail.every((row) => row.status === 'sent' || row.status === 'failed'), 'nothing is left to be sent');

    const open = await db.selectFrom('requests').selectAll().where('id', '=', openId).executeTakeFirstOrThrow();
    assert.equal(open.requester_name, 'Still Open', 'an open request keeps its data');
    assert.equal(open.anonymised_at, null);
  });

  it('records one audit event for each record, and the chain holds', async () => {
    const db = suite.handle.db;
    const events = await db.selectFrom('audit_events').selectAll().where('action', '=', 'request.anonymised').orderBy('id').execute();
    assert.deepEqual(events.map((event) => Number(event.subject_id)).sort(), [decidedId, governmentId].sort());
    const payload = events.find((event) => Number(event.subject_id) === decidedId)!.payload as { retention_months: number; rows: { parties: number; messages: number; notes: number } };
    assert.equal(payload.retention_months, 36);
    assert.deepEqual([payload.rows.parties, payload.rows.messages, payload.rows.notes], [1, 1, 1]);
    assert.ok(!JSON.stringify(events.map((event) => event.payload)).includes('Lucía'), 'the event names no one');
    assert.equal((await verifyChain(db)).ok, true);
  });

  it('does nothing twice', async () => {
    const round = await runRetention(suite.handle.db, new Date(later.getTime() + 86_400_000));
    assert.equal(round.anonymised, 0);
    assert.equal(round.total, 0);
  });

  it('follows the periods the organisation sets, and refuses a bad one whole', async () => {
    const db = suite.handle.db;
    await assert.rejects(setRetentionPeriods(db, { copyright: '0', user_data: '12' }, 'staff:test'), (error: Error & { issues?: { field: string; code?: string }[] }) => {
      assert.deepEqual(error.issues?.map((issue) => [issue.field, issue.code]), [['months_copyright', 'retention-error-months']]);
      return true;
    });
    assert.equal((await retentionPeriods(db)).user_data, 36, 'nothing was saved');
    await setRetentionPeriods(db, { copyright: '', user_data: '12' }, 'staff:test');
    const periods = await retentionPeriods(db);
    assert.equal(periods.copyright, null, 'empty keeps the data');
    assert.equal(periods.user_data, 12);
    const changes = await db.selectFrom('audit_events').select('payload').where('action', '=', 'retention.period_changed').execute();
    assert.deepEqual((changes.map((event) => event.payload) as { record_kind: string }[]).sort((a, b) => a.record_kind.localeCompare(b.record_kind)), [
      { record_kind: 'copyright', from_months: 36, to_months: null },
      { record_kind: 'user_data', from_months: 36, to_months: 12 },
    ]);
    await db.updateTable('requests').set({ state: 'decided', outcome: 'granted', decided_at: decidedAt }).where('id', '=', openId).execute();
    const round = await runRetention(db, new Date(`${YEAR + 50}-01-01T00:00:00Z`), { dryRun: true });
    assert.ok(!round.due.some((due) => due.id === openId), 'copyright requests are now kept');
  });
});

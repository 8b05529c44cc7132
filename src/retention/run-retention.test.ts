import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyChain } from '../audit/verify-chain.ts';
import { loadSession } from '../auth/sessions.ts';
import { NoticeStateError } from '../notices/model.ts';
import { publishNotice, withdrawNotice } from '../notices/review.ts';
import { createStaffLogin } from '../../test/helpers/staff.ts';
import { submitRequests } from '../intake/submit-requests.ts';
import { computeReport } from '../transparency/compute-report.ts';
import { parsePeriod } from '../transparency/period.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { addDismissedQuarantine, addFinishedCase, addNotice, CONTRIBUTOR, facetCounts, QUARANTINED_FROM } from '../../test/helpers/retention.ts';
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

describe('retention of legal-help cases, quarantined mail, mail errors and notices', () => {
  const suite = useTestDatabase();
  /** Six years (72 months) and a day after the case closed and after the requests were decided. */
  const closedAt = new Date('2019-06-10T12:00:00Z');
  const asOf = new Date('2025-06-11T12:00:00Z');
  let caseId: number;
  let quarantineId: number;
  let recentQuarantineId: number;
  let requestIds: Record<'draft' | 'published' | 'withdrawn', number>;
  let references: Record<'draft' | 'published' | 'withdrawn', string>;
  let facetsBefore: string[];

  it('prepares a closed case, a dismissed message, failed mail and requests with notices in every state', async () => {
    const db = suite.handle.db;
    caseId = await addFinishedCase(db, closedAt);
    quarantineId = await addDismissedQuarantine(db, new Date('2025-03-01T00:00:00Z'));
    // Dismissed three months less a day before `asOf`: not yet due.
    recentQuarantineId = await addDismissedQuarantine(db, new Date('2025-03-12T12:00:00Z'));
    const made = await submitRequests(
      db,
      (['draft', 'published', 'withdrawn'] as const).map((state) => ({
        kind: 'content_alteration' as const,
        category: 'privacy',
        received_at: '2019-05-01T09:00:00Z',
        requester: { name: `Birgit Halvorsen ${state}`, email: `birgit.${state}@example.org`, type: 'individual' as const, country: 'NO' },
        targets: [{ url: `https://no.wikipedia.org/wiki/Birgit_Halvorsen_${state}` }],
        text: `Jeg heter Birgit Halvorsen ${state}; fjern adressen min, birgit.${state}@example.org.`,
      })),
      { channel: 'api', actor: 'test' },
    );
    requestIds = { draft: made[0]!.id, published: made[1]!.id, withdrawn: made[2]!.id };
    await db.updateTable('requests').set({ state: 'decided', outcome: 'denied', decided_at: closedAt }).where('id', 'in', Object.values(requestIds)).execute();
    references = {} as typeof references;
    for (const state of ['draft', 'published', 'withdrawn'] as const) references[state] = await addNotice(db, requestIds[state], state, closedAt);
    const notice = await db.selectFrom('public_notices').selectAll().where('request_id', '=', requestIds.withdrawn).executeTakeFirstOrThrow();
    assert.ok(notice.targets.length === 1 && notice.title !== '' && notice.body.includes('fjern'), 'the notice holds text taken from the letter');
    await db
      .insertInto('outbox')
      .values({ request_id: requestIds.withdrawn, to_address: 'birgit.withdrawn@example.org', subject: 'Your request', body_text: 'Dear Birgit', language: 'en', status: 'failed', attempts: 5, last_error: '550 5.1.1 <birgit.withdrawn@example.org>: mailbox unavailable' })
      .execute();
    facetsBefore = await facetCounts(db);
    assert.ok(facetsBefore.includes('|-|total|-|1'), 'the published notice is counted');
  });

  it("replaces a closed case's contributor and their account, keeps the facts, and blanks its mail and the mail's error", async () => {
    const db = suite.handle.db;
    const round = await runRetention(db, asOf);
    assert.equal(round.anonymised, 5, 'the case, one message, three requests');
    const record = await db.selectFrom('assistance_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(
      [record.contact_name, record.contact_email, record.contact_phone, record.contact_messenger, record.threat_description, record.related_urls],
      [ANONYMISED, ANONYMISED, null, null, ANONYMISED, []],
    );
    assert.deepEqual(record.anonymised_at, asOf);
    for (const text of [record.eligibility_reasons!, record.outcome!]) {
      assert.ok(!/Ana|Ruiz|Calder|699|ana\.ruiz/.test(text), text);
      assert.ok(text.includes('[private]'), text);
    }
    assert.ok(record.outcome!.startsWith('Claim dismissed;'), 'the outcome keeps its reasoning');
    assert.deepEqual(
      {
        threat_kind: record.threat_kind,
        country: record.country,
        project: record.project,
        role: record.contributor_role,
        court_case: record.court_case,
        state: record.state,
        eligibility: record.eligibility,
        counsel: record.counsel_firm,
        funding: `${Number(record.funding_amount)} ${record.funding_currency}`,
      },
      { threat_kind: 'lawsuit', country: 'ES', project: 'es.wikipedia.org', role: 'editor', court_case: true, state: 'closed', eligibility: 'eligible', counsel: 'Gil Abogados', funding: '4500 EUR' },
    );
    assert.deepEqual(new Date(record.updated_at), closedAt, 'the date it closed stays');
    const whole = JSON.stringify(record);
    for (const value of Object.values(CONTRIBUTOR)) assert.ok(!whole.includes(value), value);

    const mail = await db.selectFrom('outbox').selectAll().where('assistance_case_id', '=', caseId).orderBy('id').execute();
    assert.equal(mail.length, 2);
    for (const row of mail) assert.deepEqual([row.to_address, row.subject, row.body_text, row.headers], [ANONYMISED, ANONYMISED, ANONYMISED, {}]);
    assert.deepEqual([mail[0]!.status, mail[0]!.last_error], ['sent', null]);
    assert.deepEqual([mail[1]!.status, mail[1]!.last_error], ['failed', 'not sent: the personal data of its matter was anonymised'], 'the waiting one is not sent, and says why');
    const requestMail = await db.selectFrom('outbox').selectAll().where('request_id', '=', requestIds.withdrawn).where('status', '=', 'failed').executeTakeFirstOrThrow();
    assert.equal(requestMail.last_error, null, "the mail server's refusal quoting the address went with it");
  });

  it('empties a dismissed quarantined message past its period, keeping when it came and why it was held', async () => {
    const db = suite.handle.db;
    const row = await db.selectFrom('mail_quarantine').selectAll().where('id', '=', quarantineId).executeTakeFirstOrThrow();
    assert.deepEqual([row.raw.length, row.envelope_from, row.envelope_to, row.resolution_note], [0, null, [], null]);
    assert.deepEqual([row.source, row.resolution, row.resolved_by], ['smtp', 'dismissed', 'user:1']);
    assert.ok(row.reason.startsWith('unparseable: '), row.reason);
    assert.ok(!row.reason.includes(QUARANTINED_FROM), row.reason);
    assert.deepEqual(row.anonymised_at, asOf);
    const recent = await db.selectFrom('mail_quarantine').selectAll().where('id', '=', recentQuarantineId).executeTakeFirstOrThrow();
    assert.equal(recent.envelope_from, QUARANTINED_FROM, 'one dismissed less than three months ago is kept whole');
    assert.equal(recent.anonymised_at, null);
  });

  it("blanks the text of notices that are not public, keeping their rows and states; the published one and the facet counts stay", async () => {
    const db = suite.handle.db;
    const notices = await db.selectFrom('public_notices').selectAll().where('request_id', 'in', Object.values(requestIds)).execute();
    const byState = Object.fromEntries(notices.map((notice) => [notice.state, notice])) as Record<'draft' | 'published' | 'withdrawn', (typeof notices)[number]>;
    assert.deepEqual(Object.keys(byState).sort(), ['draft', 'published', 'withdrawn'], 'every row and state stays');
    for (const state of ['draft', 'withdrawn'] as const) {
      const notice = byState[state];
      assert.equal(notice.reference, references[state]);
      assert.deepEqual([notice.title, notice.body, notice.targets, notice.not_actioned_urls], [ANONYMISED, ANONYMISED, [], []], state);
      assert.ok(!notice.folded.includes('fjern'), state);
      assert.deepEqual([notice.kind, notice.outcome, notice.country], ['content_alteration', 'denied', 'NO']);
    }
    assert.ok(byState.withdrawn.withdrawn_at, 'still withdrawn, with its date');
    assert.ok(byState.published.body.includes('fjern'), 'a published notice stays as counsel published it');
    assert.deepEqual(await facetCounts(db), facetsBefore, 'the facet counts are unchanged');
    await sql`SELECT public_notice_facet_counts_rebuild()`.execute(db);
    assert.deepEqual(await facetCounts(db), facetsBefore, 'and are what counting afresh gives');
  });

  it('refuses to publish a notice whose text retention blanked, as a draft or withdrawn', async () => {
    const db = suite.handle.db;
    const counsel = await createStaffLogin(db, 'counsel');
    const staff = (await loadSession(db, counsel.cookie.split('=')[1]!))!;
    for (const state of ['draft', 'withdrawn'] as const) {
      await assert.rejects(publishNotice(db, staff, references[state]!), (error) => error instanceof NoticeStateError && error.code === 'notices-error-state-anonymised', state);
    }
    const states = await db.selectFrom('public_notices').select('state').where('reference', 'in', [references.draft!, references.withdrawn!]).orderBy('state').execute();
    assert.deepEqual(states.map((row) => row.state), ['draft', 'withdrawn'], 'neither was published');
  });

  it('removes the text of a notice published before its request was anonymised once it is withdrawn', async () => {
    const db = suite.handle.db;
    const counsel = await createStaffLogin(db, 'counsel');
    const staff = (await loadSession(db, counsel.cookie.split('=')[1]!))!;
    await withdrawNotice(db, staff, references.published!);
    const notice = await db.selectFrom('public_notices').selectAll().where('reference', '=', references.published!).executeTakeFirstOrThrow();
    assert.equal(notice.state, 'withdrawn');
    assert.deepEqual([notice.title, notice.body, notice.targets, notice.not_actioned_urls], [ANONYMISED, ANONYMISED, [], []]);
    assert.ok(!notice.folded.includes('fjern'));
    const event = await db.selectFrom('audit_events').select('payload').where('action', '=', 'notice.withdrawn').where('subject_id', '=', notice.id).executeTakeFirstOrThrow();
    assert.deepEqual(event.payload, { reference: references.published, text_removed: true });
    await assert.rejects(publishNotice(db, staff, references.published!), (error) => error instanceof NoticeStateError && error.code === 'notices-error-state-anonymised');
  });

  it('records assistance_case.anonymised and mail.quarantine_anonymised with no personal data, and the chain holds', async () => {
    const db = suite.handle.db;
    const events = await db.selectFrom('audit_events').selectAll().where('action', 'in', ['assistance_case.anonymised', 'mail.quarantine_anonymised', 'request.anonymised']).orderBy('id').execute();
    const of = (action: string) => events.filter((event) => event.action === action);
    assert.deepEqual(of('assistance_case.anonymised').map((event) => [event.subject_type, Number(event.subject_id), event.actor]), [['assistance_case', caseId, 'system:retention']]);
    assert.deepEqual((of('assistance_case.anonymised')[0]!.payload as { retention_months: number; rows: unknown }).retention_months, 72);
    assert.deepEqual((of('assistance_case.anonymised')[0]!.payload as { rows: unknown }).rows, { related_urls: 2, mail: 2 });
    assert.deepEqual(of('mail.quarantine_anonymised').map((event) => [event.subject_type, Number(event.subject_id), event.actor, event.payload]), [['mail_quarantine', quarantineId, 'system:retention', { retention_months: 3 }]]);
    const notices = of('request.anonymised').map((event) => (event.payload as { rows: { notices: number } }).rows.notices);
    assert.deepEqual(notices.sort(), [0, 1, 1], 'two notices were blanked, the published one not');
    const trail = JSON.stringify(events);
    for (const value of [...Object.values(CONTRIBUTOR), QUARANTINED_FROM, 'Birgit']) assert.ok(!trail.includes(value), value);
    assert.equal((await verifyChain(db)).ok, true);
    assert.equal((await runRetention(db, asOf)).anonymised, 0, 'nothing twice');
  });
});

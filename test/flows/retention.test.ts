import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { signUp } from '../../src/connect/sign-up.ts';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addDismissedQuarantine, addFinishedCase, addNotice, CONTRIBUTOR, QUARANTINED_FROM } from '../helpers/retention.ts';
import { startServer, useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

/** Decided four years and a bit ago: past the default three years. */
const now = new Date();
const YEAR = now.getUTCFullYear() - 4;
const decidedAt = new Date(Date.UTC(YEAR, 0, 20));

/** One finished request with a private requester, and one still open; returns the finished one's reference. */
async function prepareRequests(db: Kysely<Database>): Promise<string> {
  const made = await submitRequests(
    db,
    [
      {
        kind: 'content_alteration',
        category: 'privacy',
        received_at: `${YEAR}-01-05T10:00:00Z`,
        requester: { name: 'Amaia Etxeberria', email: 'amaia.e@example.org', type: 'individual', country: 'ES' },
        targets: [{ url: 'https://eu.wikipedia.org/wiki/Donostia' }],
        text: 'Amaia Etxeberria naiz; kendu nire helbidea, mesedez.',
      },
      { kind: 'copyright', requester: { name: 'Open Matter', email: 'open@example.org', type: 'company', country: 'US' }, targets: [{ url: 'https://en.wikipedia.org/wiki/Lighthouse' }], text: 'Take the photo down.' },
    ],
    { channel: 'api', actor: 'test' },
  );
  await db.updateTable('requests').set({ state: 'decided', outcome: 'denied', decided_at: decidedAt, rationale: 'Denied.' }).where('id', '=', made[0]!.id).execute();
  return made[0]!.reference;
}

describe('candor retention', () => {
  let database: TestDatabase;
  let reference: string;
  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      reference = await prepareRequests(handle.db);
    } finally {
      await handle.close();
    }
  });
  after(async () => {
    await database?.drop();
  });

  it('lists in a dry run what is due, and may look ahead, changing nothing', async () => {
    const dry = await runCli(['retention', '--dry-run'], database.env);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`would anonymise content_alteration ${reference} finished ${decidedAt.toISOString().slice(0, 10)} \\(kept 36 months\\)`));
    assert.match(dry.stdout, /1 record\(s\) due as of .*; nothing changed/);
    const ahead = await runCli(['retention', '--dry-run', '--as-of', `${now.getUTCFullYear() + 10}-01-01`], database.env);
    assert.equal(ahead.status, 0, ahead.stderr);
    assert.match(ahead.stdout, /1 record\(s\) due/, 'the open request is never due, however far ahead');
    const report = await runCli(['report', String(YEAR), '--format', 'json'], database.env);
    assert.ok(JSON.parse(report.stdout).content_alteration.received === 1);
  });

  it('refuses a bad date, and anonymising ahead of time', async () => {
    const bad = await runCli(['retention', '--as-of', 'soon'], database.env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--as-of must be a date such as 2027-01-01/);
    const early = await runCli(['retention', '--as-of', `${now.getUTCFullYear() + 10}-01-01`], database.env);
    assert.equal(early.status, 2);
    assert.match(early.stderr, /needs --dry-run: personal data is never anonymised before its period ends/);
    const stray = await runCli(['retention', 'now'], database.env);
    assert.equal(stray.status, 2);
  });

  it('anonymises, and the report of the period is the same, byte for byte; the audit chain holds', async () => {
    const before = await runCli(['report', String(YEAR), '--format', 'json'], database.env);
    const run = await runCli(['retention'], database.env);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`anonymised content_alteration ${reference}`));
    assert.match(run.stdout, /1 record\(s\) anonymised/);
    const afterReport = await runCli(['report', String(YEAR), '--format', 'json'], database.env);
    assert.equal(afterReport.stdout, before.stdout);
    const again = await runCli(['retention'], database.env);
    assert.match(again.stdout, /0 record\(s\) anonymised/);
    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0, verify.stderr);
    const handle = await database.open();
    try {
      const row = await handle.db.selectFrom('requests').select(['requester_name', 'requester_email', 'original_text', 'anonymised_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.deepEqual([row.requester_name, row.requester_email, row.original_text], [null, null, null]);
      assert.ok(row.anonymised_at);
      const event = await handle.db.selectFrom('audit_events').select(['actor', 'payload']).where('action', '=', 'request.anonymised').executeTakeFirstOrThrow();
      assert.equal(event.actor, 'cli');
    } finally {
      await handle.close();
    }
  });
});

/**
 * What a running server does by itself. Candor reads no clock but the system's, so the data is
 * dated back instead: finished past its period, as it will be once the clock has run on.
 */
describe('the scheduled rounds of a running server', () => {
  const DAY = 86_400_000;
  let database: TestDatabase;
  let reference: string;
  let ids: { withdrawn: number; published: number; open: number; case: number; quarantine: number };
  let notices: { withdrawn: string; published: string };
  let reportBefore: string;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      const db = handle.db;
      reference = await prepareRequests(db);
      const requests = await db.selectFrom('requests').select(['id', 'reference', 'state']).orderBy('id').execute();
      const made = await submitRequests(
        db,
        [{ kind: 'content_alteration', category: 'privacy', received_at: `${YEAR}-02-01T10:00:00Z`, requester: { name: 'Iker Zubiri', email: 'iker@example.org', type: 'individual', country: 'ES' }, targets: [{ url: 'https://eu.wikipedia.org/wiki/Zarautz' }], text: 'Iker Zubiri naiz; kendu argazkia.' }],
        { channel: 'api', actor: 'test' },
      );
      await db.updateTable('requests').set({ state: 'decided', outcome: 'granted', decided_at: decidedAt }).where('id', '=', made[0]!.id).execute();
      ids = {
        withdrawn: Number(requests.find((row) => row.reference === reference)!.id),
        published: Number(made[0]!.id),
        open: Number(requests.find((row) => row.reference !== reference)!.id),
        case: await addFinishedCase(db, new Date(Date.UTC(YEAR - 3, 5, 1))),
        quarantine: await addDismissedQuarantine(db, new Date(now.getTime() - 120 * DAY)),
      };
      notices = { withdrawn: await addNotice(db, ids.withdrawn, 'withdrawn', decidedAt), published: await addNotice(db, ids.published, 'published', decidedAt) };
      await db
        .insertInto('outbox')
        .values({ request_id: ids.withdrawn, to_address: 'amaia.e@example.org', subject: 'Your request', body_text: 'Dear Amaia', language: 'en', status: 'failed', attempts: 5, last_error: '550 5.1.1 <amaia.e@example.org>: no such user' })
        .execute();
      // A stranger's address, submitted 31 days ago and again 5 days ago; one asked for yesterday; one confirmed long ago.
      const site = 'http://site.example';
      await signUp(db, { email: 'stranger@example.net', name: null, language: 'en' }, site, new Date(now.getTime() - 31 * DAY));
      await signUp(db, { email: 'stranger@example.net', name: null, language: 'en' }, site, new Date(now.getTime() - 5 * DAY));
      await signUp(db, { email: 'fresh@example.net', name: null, language: 'es' }, site, new Date(now.getTime() - DAY));
      await signUp(db, { email: 'reader@example.net', name: null, language: 'ar' }, site, new Date(now.getTime() - 400 * DAY));
      await db.updateTable('subscribers').set({ confirmed_at: new Date(now.getTime() - 399 * DAY) }).where('email_key', '=', 'reader@example.net').execute();
    } finally {
      await handle.close();
    }
    const report = await runCli(['report', String(YEAR), '--format', 'json'], database.env);
    assert.equal(report.status, 0, report.stderr);
    reportBefore = report.stdout;
  });
  after(async () => {
    await database?.drop();
  });

  it('anonymise and purge what is due, with no one running a command, and the public notice pages still answer', async () => {
    const server = await startServer(database.env);
    try {
      // The queue runs each round once when the server starts, then every hour; /metrics shows when a round has finished.
      const finished = (metrics: string, name: string) => new RegExp(`^candor_jobs\\{name="${name.replace('.', '\\.')}",state="completed"\\} [1-9]`, 'm').test(metrics);
      for (let tries = 0; ; tries++) {
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        if (finished(metrics, 'retention.anonymise') && finished(metrics, 'connect.purge-unconfirmed')) break;
        if (tries > 600) assert.fail(`the start-up rounds did not finish:\n${metrics.split('\n').filter((line) => line.startsWith('candor_jobs')).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const withdrawn = await fetch(`${server.url}/en/notices/${notices.withdrawn}`);
      assert.equal(withdrawn.status, 410, 'a withdrawn notice still says so');
      assert.ok(!(await withdrawn.text()).includes('Amaia'));
      assert.equal((await fetch(`${server.url}/en/notices/${notices.published}`)).status, 200);
    } finally {
      await server.stop();
    }
    const handle = await database.open();
    try {
      const db = handle.db;
      const requests = await db.selectFrom('requests').select(['id', 'requester_name', 'requester_email', 'original_text', 'anonymised_at']).orderBy('id').execute();
      const byId = new Map(requests.map((row) => [Number(row.id), row]));
      for (const id of [ids.withdrawn, ids.published]) {
        const row = byId.get(id)!;
        assert.deepEqual([row.requester_name, row.requester_email, row.original_text], [null, null, null]);
        assert.ok(row.anonymised_at);
      }
      assert.equal(byId.get(ids.open)!.anonymised_at, null, 'the open request is kept');
      const record = await db.selectFrom('assistance_cases').selectAll().where('id', '=', ids.case).executeTakeFirstOrThrow();
      assert.ok(record.anonymised_at);
      assert.ok(!JSON.stringify(record).includes(CONTRIBUTOR.name));
      const message = await db.selectFrom('mail_quarantine').selectAll().where('id', '=', ids.quarantine).executeTakeFirstOrThrow();
      assert.ok(message.anonymised_at);
      assert.deepEqual([message.raw.length, message.envelope_from], [0, null]);
      const mail = await db.selectFrom('outbox').selectAll().where('request_id', '=', ids.withdrawn).execute();
      assert.ok(mail.length >= 2, 'the acknowledgement, and the message the mail server refused');
      assert.ok(!/amaia/i.test(JSON.stringify(mail)), JSON.stringify(mail));
      assert.equal(mail.find((row) => row.attempts === 5)!.last_error, null);
      const notice = await db.selectFrom('public_notices').select(['state', 'title', 'body']).where('reference', '=', notices.withdrawn).executeTakeFirstOrThrow();
      assert.equal(notice.state, 'withdrawn');
      assert.ok(!/Amaia|Etxeberria/.test(notice.title + notice.body));

      const events = await db.selectFrom('audit_events').select(['actor', 'action', 'subject_id', 'payload']).where('action', 'in', ['request.anonymised', 'assistance_case.anonymised', 'mail.quarantine_anonymised', 'subscribers.purged']).orderBy('id').execute();
      const of = (action: string) => events.filter((event) => event.action === action);
      assert.deepEqual(of('request.anonymised').map((event) => Number(event.subject_id)).sort(), [ids.withdrawn, ids.published].sort(), 'one event per request');
      assert.deepEqual(of('assistance_case.anonymised').map((event) => Number(event.subject_id)), [ids.case]);
      assert.deepEqual(of('mail.quarantine_anonymised').map((event) => Number(event.subject_id)), [ids.quarantine]);
      for (const event of events.filter((event) => event.action !== 'subscribers.purged')) assert.equal(event.actor, 'system:retention', event.action);
      assert.deepEqual(of('subscribers.purged').map((event) => [event.actor, (event.payload as { count: number }).count]), [['system', 1]]);
      const subscribers = await db.selectFrom('subscribers').select('email').orderBy('email').execute();
      assert.deepEqual(subscribers.map((row) => row.email), ['fresh@example.net', 'reader@example.net'], 'the stranger submitted again is gone');
      assert.ok(!JSON.stringify(events).match(new RegExp(`Amaia|stranger|${QUARANTINED_FROM}`)), 'the events name no one');
    } finally {
      await handle.close();
    }
    const reportAfter = await runCli(['report', String(YEAR), '--format', 'json'], database.env);
    assert.equal(reportAfter.status, 0, reportAfter.stderr);
    assert.equal(reportAfter.stdout, reportBefore, 'the report of the period is the same, byte for byte');
    assert.ok(JSON.parse(reportAfter.stdout).content_alteration.received === 2);
    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0, verify.stderr);
  });
});

describe('retention in the console', () => {
  let counsel: StaffLogin;
  let stepped: StaffLogin;
  let reviewer: StaffLogin;
  let reference: string;
  const suite = useServer({
    async prepare(db) {
      counsel = await createStaffLogin(db, 'counsel');
      stepped = await createStaffLogin(db, 'admin');
      reviewer = await createStaffLogin(db, 'reviewer');
      await db.updateTable('staff_sessions').set({ stepped_up_at: new Date() }).where('id', '=', stepped.sessionId).execute();
      // Signed in with the second factor ten minutes ago: too long ago for what cannot be undone.
      await db.updateTable('staff_sessions').set({ stepped_up_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', counsel.sessionId).execute();
      reference = await prepareRequests(db);
      // The server anonymises what is due when it starts: here, nothing is, until the period is shortened.
      await db.updateTable('requests').set({ decided_at: new Date(Date.now() - 40 * 86_400_000) }).where('reference', '=', reference).execute();
    },
  });
  const url = () => `${suite.server.url}/console/retention`;

  it('is for admin and counsel only', async () => {
    assert.equal((await getPage(url(), reviewer)).status, 403);
    assert.equal((await postForm(`${url()}/periods`, reviewer, { copyright: '12' })).status, 403);
    assert.equal((await postForm(`${url()}/run`, reviewer, {})).status, 403);
    const page = await getPage(url(), counsel);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Retention of personal data/);
    assert.match(html, /No record is past its period\./);
  });

  it('refuses a bad period in the reader\'s language and saves nothing; a good one brings a request due', async () => {
    const unstepped = await postForm(`${url()}/periods`, counsel, { content_alteration: '1' }, { headers: { referer: url() } });
    assert.equal(unstepped.status, 303, 'a shorter period anonymises within the hour: it needs a fresh second factor');
    assert.equal(unstepped.headers.get('location'), '/console/step-up?next=%2Fconsole%2Fretention');
    const bad = await postForm(`${url()}/periods`, stepped, { content_alteration: '1', copyright: 'twelve' }, { headers: { 'accept-language': 'es' } });
    assert.equal(bad.status, 400);
    const text = await bad.text();
    assert.match(text, /debe ser un número entero de meses entre 1 y 1200, o estar vacío/);
    assert.match(text, /value="twelve"/, 'the form keeps what was typed');
    assert.match(await (await getPage(url(), counsel)).text(), /No record is past its period\./, 'nothing was saved');
    const saved = await postForm(`${url()}/periods`, stepped, { content_alteration: '1' });
    assert.equal(saved.status, 303);
    const page = await (await getPage(`${url()}?done=saved`, counsel)).text();
    assert.match(page, /The periods were saved\./);
    assert.match(page, /One record is past its period\./);
    assert.ok(page.includes(reference));
  });

  it('anonymises now only after a fresh second factor', async () => {
    const unstepped = await postForm(`${url()}/run`, counsel, {}, { headers: { referer: url() } });
    assert.equal(unstepped.status, 303);
    assert.equal(unstepped.headers.get('location'), '/console/step-up?next=%2Fconsole%2Fretention');
    const run = await postForm(`${url()}/run`, stepped, {});
    assert.equal(run.status, 303);
    assert.equal(run.headers.get('location'), '/console/retention?anonymised=1#due');
    const page = await (await getPage(`${url()}?anonymised=1`, stepped)).text();
    assert.match(page, /One record was anonymised\./);
    assert.match(page, /No record is past its period\./);
    const request = await (await getPage(`${suite.server.url}/console/requests/${reference}`, stepped)).text();
    assert.ok(!request.includes('Amaia'), 'the request page names no one');
    assert.ok(!request.includes('amaia.e@example.org'));
  });
});

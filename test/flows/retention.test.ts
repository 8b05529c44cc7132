import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { useServer } from '../helpers/server.ts';
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

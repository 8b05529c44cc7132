import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import type { RequestInputValue } from '../../src/intake/request-input.ts';
import { runCli } from '../helpers/cli.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const DAY = 86_400_000;

function input(overrides: Partial<RequestInputValue> & Pick<RequestInputValue, 'kind'>): RequestInputValue {
  return {
    requester: { name: 'Jordan Vale', email: 'jordan@vale-law.example', type: 'lawyer', country: 'US' },
    text: 'Please remove the article about our client.',
    targets: [{ url: 'https://en.wikipedia.org/wiki/Example_Article' }],
    ...overrides,
  } as RequestInputValue;
}

describe('the desk, through the console', () => {
  const staff = {} as Record<'admin' | 'counsel' | 'reviewer' | 'editor' | 'auditor' | 'staleCounsel', StaffLogin>;
  const ref = {} as Record<'content' | 'repeat' | 'userData' | 'overdue' | 'notice' | 'counter' | 'anonymous', string>;

  const suite = useServer({
    async prepare(db) {
      for (const role of ['admin', 'counsel', 'reviewer', 'editor', 'auditor'] as const) staff[role] = await createStaffLogin(db, role);
      staff.staleCounsel = await createStaffLogin(db, 'counsel');
      // A session whose second factor was entered an hour ago: fine for work, not for disclosing user data.
      await db.updateTable('staff_sessions').set({ stepped_up_at: new Date(Date.now() - 3_600_000) }).where('id', '=', staff.staleCounsel.sessionId).execute();
      const now = Date.now();
      const created = await submitRequests(
        db,
        [
          input({ kind: 'content_alteration', category: 'defamation', language: 'es', received_at: new Date(now - 2 * DAY).toISOString() }),
          input({ kind: 'content_alteration', category: 'defamation', received_at: new Date(now - DAY).toISOString(), text: 'Second demand about the same article.' }),
          input({ kind: 'user_data', category: 'civil_subpoena', requester: { name: 'Court clerk', email: 'clerk@court.example', type: 'court', country: 'DE' }, text: 'Produce the IP addresses of the account.', targets: [{ account: 'ExampleEditor', project: 'de.wikipedia.org' }] }),
          input({ kind: 'copyright', received_at: new Date(now - 30 * DAY).toISOString(), requester: { name: 'Rights Ltd', email: 'notices@rights.example', type: 'company', country: 'GB' }, text: 'Takedown of a photo.', attachments: [{ filename: 'notice.pdf', content_base64: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString('base64') }] }),
          input({ kind: 'copyright', requester: { name: 'Rights Ltd', email: 'notices@rights.example', type: 'company', country: 'GB' }, text: 'Another notice.' }),
          input({ kind: 'copyright', category: 'counter_notice', requester: { name: 'Uploader', email: 'uploader@example.org', type: 'individual', country: 'FR' }, text: 'This is my own photo.' }),
          input({ kind: 'emergency', category: 'violence', requester: { name: null, email: null, type: null, country: null }, text: 'A threat posted on a talk page.' }),
        ],
        { channel: 'api', actor: 'test' },
      );
      const references = created.map((c) => c.reference);
      for (const [i, name] of (['content', 'repeat', 'userData', 'overdue', 'notice', 'counter', 'anonymous'] as const).entries()) ref[name] = references[i]!;
    },
  });

  const page = async (path: string, login: StaffLogin | null = staff.counsel, headers: Record<string, string> = {}) => {
    const response = await getPage(`${suite.server.url}${path}`, login ?? undefined, headers);
    return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
  };
  const post = (path: string, fields: Record<string, string>, login: StaffLogin = staff.counsel, options: Parameters<typeof postForm>[3] = {}) => postForm(`${suite.server.url}${path}`, login, fields, options);

  it('sends a visitor without a session to sign in, and keeps user-data requests from reviewers', async () => {
    const anonymous = await page('/console/requests', null);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, '/console/login?next=%2Fconsole%2Frequests');
    const reviewer = await page('/console/requests', staff.reviewer);
    assert.equal(reviewer.status, 200);
    assert.ok(reviewer.html.includes(ref.content));
    assert.ok(!reviewer.html.includes(ref.userData), 'a reviewer does not see user-data requests in the queue');
    assert.equal((await page(`/console/requests/${ref.userData}`, staff.reviewer)).status, 403);
    const counsel = await page('/console/requests', staff.counsel);
    assert.ok(counsel.html.includes(ref.userData));
    assert.equal((await page('/console/requests', staff.editor)).status, 403);
    const auditor = await page(`/console/requests/${ref.content}`, staff.auditor);
    assert.equal(auditor.status, 200);
    assert.ok(!auditor.html.includes('action="/console/requests/'), 'the auditor sees no forms');
  });

  it('filters the queue and warns of deadlines', async () => {
    const overdue = await page('/console/requests?deadline=overdue');
    assert.equal(overdue.status, 200);
    assert.ok(overdue.html.includes(ref.overdue), 'the 30-day-old copyright notice is overdue (7 days)');
    assert.ok(!overdue.html.includes(ref.content), 'a 2-day-old content request (14 days) is not overdue');
    assert.match(overdue.html, /class="badge overdue"/);
    const soon = await page('/console/requests?deadline=soon');
    assert.ok(soon.html.includes(ref.anonymous), 'an emergency (24 hours) is due soon from the start');
    const byCountry = await page('/console/requests?country=gb&state=all');
    assert.ok(byCountry.html.includes(ref.overdue) && byCountry.html.includes(ref.notice) && !byCountry.html.includes(ref.content));
    const unknown = await page('/console/requests?country=UNKNOWN');
    assert.ok(unknown.html.includes(ref.anonymous) && !unknown.html.includes(ref.content));
    const byKind = await page('/console/requests?kind=user_data');
    assert.ok(byKind.html.includes(ref.userData) && !byKind.html.includes(ref.content));
    const bad = await page('/console/requests?kind=nonsense&country=ZZ', staff.counsel, { 'accept-language': 'es' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /no es un valor que la cola conozca \(kind\)/);
    assert.match(bad.html, /no es un valor que la cola conozca \(country\)/);
  });

  it('keeps internal notes on the page and out of the mail', async () => {
    const empty = await post(`/console/requests/${ref.content}/notes`, { note: '   ' }, staff.reviewer, { headers: { 'accept-language': 'es' } });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /escribe la nota primero/);
    const saved = await post(`/console/requests/${ref.content}/notes`, { note: 'Internal: the article cites two newspapers; likely not defamatory.' }, staff.reviewer);
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/console/requests/${ref.content}?done=note#notes-heading`);
    const view = await page(`/console/requests/${ref.content}`);
    assert.ok(view.html.includes('likely not defamatory'));
    assert.ok(view.html.includes('data-action="request.note_added"'));
  });

  it('refuses a change without the CSRF token, or from another site, and changes nothing', async () => {
    const missing = await post(`/console/requests/${ref.content}/notes`, { note: 'forged note' }, staff.reviewer, { csrf: null });
    assert.equal(missing.status, 403);
    const wrong = await post(`/console/requests/${ref.content}/notes`, { note: 'forged note' }, staff.reviewer, { csrf: 'x'.repeat(32) });
    assert.equal(wrong.status, 403);
    const crossSite = await post(`/console/requests/${ref.content}/notes`, { note: 'forged note' }, staff.reviewer, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    assert.ok(!(await page(`/console/requests/${ref.content}`)).html.includes('forged note'));
  });

  it('fills a reply from a template in Spanish and queues it, waiting on the requester', async () => {
    const chosen = await page(`/console/requests/${ref.content}?template=more-information&lang=es`);
    assert.equal(chosen.status, 200);
    assert.ok(chosen.html.includes(`Necesitamos más información sobre su solicitud ${ref.content}`));
    assert.ok(chosen.html.includes('Estimado/a Jordan Vale'));
    assert.ok(!/\{\{(reference|requester_name|kind)\}\}/.test(chosen.html.split('id="reply-body"')[1]!.split('</textarea>')[0]!), 'placeholders are filled');
    const leftover = await post(`/console/requests/${ref.content}/reply`, { language: 'es', subject: 'Hola', body: 'Texto con {{misterio}}', template: 'more-information' }, staff.reviewer);
    assert.equal(leftover.status, 400);
    const sent = await post(`/console/requests/${ref.content}/reply`, { language: 'es', subject: `Necesitamos más información sobre su solicitud ${ref.content}`, body: 'Estimado/a Jordan Vale:\n\nIndique la frase exacta.', template: 'more-information', wait: 'yes' }, staff.reviewer);
    assert.equal(sent.status, 303);
    const view = await page(`/console/requests/${ref.content}`);
    assert.ok(view.html.includes('Indique la frase exacta.'));
    assert.match(view.html, /To \u2068jordan@vale-law\.example\u2069/);
    assert.ok(view.html.includes('data-action="request.reply_queued"'));
    assert.ok(view.html.includes('data-action="request.moved.waiting"'));
    assert.match(view.html, /paused while waiting on the requester/);
    const noAddress = await post(`/console/requests/${ref.anonymous}/reply`, { language: 'en', subject: 'Hello', body: 'Hello' }, staff.reviewer);
    assert.equal(noAddress.status, 400);
    assert.match(await noAddress.text(), /left no e-mail address/);
  });

  it('records the evaluation, then the decision with its rationale, for counsel only', async () => {
    const incomplete = await post(`/console/requests/${ref.content}/evaluation`, { valid_and_complete: 'yes' }, staff.reviewer);
    assert.equal(incomplete.status, 400);
    const text = await incomplete.text();
    assert.match(text, /must_act<\/span>: needs an answer/);
    assert.match(text, /authority_competent<\/span>: needs an answer/);
    const early = await post(`/console/requests/${ref.content}/decision`, { outcome: 'denied', rationale: 'Truthful reporting.' });
    assert.equal(early.status, 400);
    assert.match(await early.text(), /record the evaluation before deciding/);
    const evaluated = await post(`/console/requests/${ref.content}/evaluation`, { valid_and_complete: 'yes', must_act: 'no', must_act_notes: 'No court order; US law protects the host.', harms_rights: 'yes', authority_competent: 'not_applicable' }, staff.reviewer);
    assert.equal(evaluated.status, 303);
    const byReviewer = await post(`/console/requests/${ref.content}/decision`, { outcome: 'denied', rationale: 'x' }, staff.reviewer);
    assert.equal(byReviewer.status, 403);
    const noRationale = await post(`/console/requests/${ref.content}/decision`, { outcome: 'denied', rationale: ' ' }, staff.counsel, { headers: { 'accept-language': 'ar' } });
    assert.equal(noRationale.status, 400);
    assert.match(await noRationale.text(), /يجب أن يرفق كل قرار بمسوّغاته/);
    const decided = await post(`/console/requests/${ref.content}/decision`, { outcome: 'denied', rationale: 'The statements are sourced reporting on a public figure.' });
    assert.equal(decided.status, 303);
    const view = await page(`/console/requests/${ref.content}`);
    assert.ok(view.html.includes('data-action="request.decided"'));
    assert.ok(view.html.includes('The statements are sourced reporting on a public figure.'));
    assert.match(view.html, /<span class="badge">Decided<\/span>/);
    assert.match(view.html, /id="form-note"/, 'notes can still be kept on a decided request');
    assert.ok(!view.html.includes('id="form-decision"'), 'but it takes no second decision');
    const again = await post(`/console/requests/${ref.content}/decision`, { outcome: 'granted', rationale: 'changed my mind' });
    assert.equal(again.status, 400, 'a decided request takes no second decision');
    assert.equal((await post(`/console/requests/${ref.content}/state`, { state: 'in_review' }, staff.reviewer)).status, 403, 'a reviewer cannot reopen a decision');
    assert.equal((await post(`/console/requests/${ref.content}/state`, { state: 'closed' }, staff.reviewer)).status, 303);
  });

  it('asks for the second factor again before producing user data', async () => {
    const evaluated = await post(`/console/requests/${ref.userData}/evaluation`, { valid_and_complete: 'yes', must_act: 'yes', harms_rights: 'no', authority_competent: 'yes' }, staff.staleCounsel);
    assert.equal(evaluated.status, 303);
    const stale = await post(`/console/requests/${ref.userData}/decision`, { outcome: 'partially_granted', rationale: 'Valid order of a competent court; only the registration date is produced.', accounts_actually_affected: '1' }, staff.staleCounsel, { headers: { referer: `${suite.server.url}/console/requests/${ref.userData}` } });
    assert.equal(stale.status, 303);
    assert.equal(stale.headers.get('location'), `/console/step-up?next=${encodeURIComponent(`/console/requests/${ref.userData}`)}`);
    assert.ok(!(await page(`/console/requests/${ref.userData}`)).html.includes('data-action="request.decided"'), 'nothing was decided');
    const fresh = await post(`/console/requests/${ref.userData}/decision`, { outcome: 'partially_granted', rationale: 'Valid order of a competent court; only the registration date is produced.', accounts_actually_affected: '1' });
    assert.equal(fresh.status, 303);
    const view = await page(`/console/requests/${ref.userData}`);
    assert.ok(view.html.includes('Information produced in part'));
    assert.ok(view.html.includes('1 potentially affected, 1 actually affected, 0 notified') || view.html.includes('1 actually affected'));
  });

  it('notifies an affected user, or records why the law bars it', async () => {
    const bad = await post(`/console/requests/${ref.userData}/notifications`, { account: 'ExampleEditor', mode: 'notify', email: 'not-an-address', language: 'de', subject: '', body: '' });
    assert.equal(bad.status, 400);
    const badText = await bad.text();
    for (const field of ['email', 'language', 'subject', 'body']) assert.ok(badText.includes(`${field}</span>:`), field);
    const barredShort = await post(`/console/requests/${ref.userData}/notifications`, { account: 'ExampleEditor', mode: 'barred', barred_reason: 'gag' });
    assert.equal(barredShort.status, 400);
    const notified = await post(`/console/requests/${ref.userData}/notifications`, { account: 'ExampleEditor', mode: 'notify', email: 'editor@example.org', language: 'en', subject: 'A court asked for information about your account', body: 'A court in Germany asked us for information about your account. We produced only its registration date.' });
    assert.equal(notified.status, 303);
    const twice = await post(`/console/requests/${ref.userData}/notifications`, { account: 'ExampleEditor', mode: 'barred', barred_reason: 'A second record for the same account.' });
    assert.equal(twice.status, 400);
    const barred = await post(`/console/requests/${ref.userData}/notifications`, { account: 'SecondAccount', mode: 'barred', barred_reason: 'Court order 12 O 345/26 forbids telling the user for 90 days.' });
    assert.equal(barred.status, 303);
    const view = await page(`/console/requests/${ref.userData}`);
    assert.ok(view.html.includes('notified (message in the outbox)'));
    assert.ok(view.html.includes('Court order 12 O 345/26'));
    assert.ok(view.html.includes('1 notified'));
    assert.ok(view.html.includes('data-action="request.user_notified"') && view.html.includes('data-action="request.notification_barred"'));
  });

  it('links duplicates and counter-notices, refusing links that make no sense', async () => {
    const self = await post(`/console/requests/${ref.repeat}/duplicate-of`, { duplicate_of: ref.repeat }, staff.reviewer);
    assert.equal(self.status, 400);
    const otherKind = await post(`/console/requests/${ref.repeat}/duplicate-of`, { duplicate_of: ref.notice }, staff.reviewer);
    assert.equal(otherKind.status, 400);
    const unknown = await post(`/console/requests/${ref.repeat}/duplicate-of`, { duplicate_of: 'CR-1999-999999' }, staff.reviewer);
    assert.equal(unknown.status, 400);
    const linked = await post(`/console/requests/${ref.repeat}/duplicate-of`, { duplicate_of: ref.content.toLowerCase() }, staff.reviewer);
    assert.equal(linked.status, 303);
    assert.ok((await page(`/console/requests/${ref.content}`)).html.includes(`href="/console/requests/${ref.repeat}"`), 'the original lists its duplicate');
    const notCounter = await post(`/console/requests/${ref.notice}/counter-notice-to`, { counter_notice_to: ref.overdue }, staff.reviewer);
    assert.equal(notCounter.status, 400);
    const counter = await post(`/console/requests/${ref.counter}/counter-notice-to`, { counter_notice_to: ref.overdue }, staff.reviewer);
    assert.equal(counter.status, 303);
    assert.ok((await page(`/console/requests/${ref.overdue}`)).html.includes(`href="/console/requests/${ref.counter}"`));
  });

  it('assigns requests and moves them along their lifecycle', async () => {
    const reviewerOnUserData = await post(`/console/requests/${ref.notice}/assignee`, { assignee: String(staff.editor.userId) }, staff.counsel);
    assert.equal(reviewerOnUserData.status, 400, 'an editor cannot be given a request');
    const cantSee = await post(`/console/requests/${ref.userData}/assignee`, { assignee: String(staff.reviewer.userId) }, staff.counsel);
    assert.equal(cantSee.status, 400, 'a reviewer cannot be given a user-data request');
    const assigned = await post(`/console/requests/${ref.notice}/assignee`, { assignee: String(staff.reviewer.userId) }, staff.counsel);
    assert.equal(assigned.status, 303);
    const mine = await page('/console/requests?assignee=me', staff.reviewer);
    assert.ok(mine.html.includes(ref.notice) && !mine.html.includes(ref.overdue));
    assert.equal((await post(`/console/requests/${ref.notice}/state`, { state: 'triage' }, staff.reviewer)).status, 303);
    const skip = await post(`/console/requests/${ref.notice}/state`, { state: 'closed' }, staff.reviewer);
    assert.equal(skip.status, 400, 'a request in triage cannot be closed without a decision');
    assert.equal((await post(`/console/requests/${ref.notice}/state`, { state: 'withdrawn' }, staff.reviewer)).status, 303);
    const view = await page(`/console/requests/${ref.notice}`);
    assert.ok(view.html.includes('data-action="request.moved.triage"') && view.html.includes('data-action="request.moved.withdrawn"'));
    assert.equal((await post(`/console/requests/${ref.notice}/notes`, { note: 'still possible after withdrawal' }, staff.reviewer)).status, 303);
  });

  it('offers attachments only as downloads', async () => {
    const view = await page(`/console/requests/${ref.overdue}`);
    const link = /href="(\/console\/requests\/[^"]+\/attachments\/\d+)"/.exec(view.html);
    assert.ok(link, 'the attachment is listed');
    const file = await page(link[1]!);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename\*=UTF-8''notice\.pdf$/);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await page(`/console/requests/${ref.content}/attachments/${link[1]!.split('/').pop()}`)).status, 404, 'not through another request');
  });

  it('leaves an intact audit chain, and notes in no message', async () => {
    assert.equal(await suite.server.stop(), 0);
    const verify = await runCli(['audit', 'verify'], suite.database.env);
    assert.equal(verify.status, 0, verify.stderr);
    const handle = await suite.database.open();
    try {
      const mail = await handle.db.selectFrom('outbox').select(['subject', 'body_text']).execute();
      assert.ok(mail.length >= 8);
      assert.ok(mail.every((m) => !m.body_text.includes('likely not defamatory') && !m.body_text.includes('still possible after withdrawal')), 'no note was ever put in the outbox');
      const actions = await handle.db.selectFrom('audit_events').select(['action', 'actor']).where('actor', 'like', 'staff:%').execute();
      const seen = new Set(actions.map((a) => a.action));
      for (const action of ['request.note_added', 'request.reply_queued', 'request.evaluated', 'request.decided', 'request.user_notified', 'request.notification_barred', 'request.duplicate_linked', 'request.counter_notice_linked', 'request.assigned', 'request.moved.withdrawn']) {
        assert.ok(seen.has(action), action);
      }
      const paused = await sql<{ paused: boolean }>`SELECT waiting_since IS NOT NULL AS paused FROM requests WHERE reference = ${ref.content}`.execute(handle.db);
      assert.equal(paused.rows[0]!.paused, false, 'deciding ended the wait');
    } finally {
      await handle.close();
    }
  });
});

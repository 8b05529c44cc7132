import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appendEvent } from '../../src/audit/append-events.ts';
import { GENESIS_HASH, eventHash } from '../../src/audit/hash.ts';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import type { RequestInputValue } from '../../src/intake/request-input.ts';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { receiveMessage } from '../../src/mail/receive-message.ts';
import { changeRequest } from '../../src/requests/change-request.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { eml } from '../helpers/mail.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const FORMULA_ACTOR = '=HYPERLINK("http://evil.example","click")';

function request(kind: RequestInputValue['kind'], email: string, extra: Partial<RequestInputValue> = {}): RequestInputValue {
  return {
    kind,
    requester: { name: 'Requester', email, type: 'company', country: 'GB' },
    text: `A ${kind} request for the records tests.`,
    targets: [{ url: 'https://en.wikipedia.org/wiki/Harbour' }],
    ...extra,
  } as RequestInputValue;
}

/** The ids of the rows of a console table marked with `data-NAME="ID"`, in page order. */
function idsIn(html: string, name: string): number[] {
  return [...html.matchAll(new RegExp(`data-${name}="(\\d+)"`, 'g'))].map((match) => Number(match[1]));
}

interface ExportedEvent {
  id: number;
  occurred_at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  payload: unknown;
  prev_hash: string;
  hash: string;
  payload_restricted: boolean;
}

/** Reads the CSV export back as its recipient would: RFC 4180, then one leading `'` dropped from a cell that has it. */
function readCsv(text: string): ExportedEvent[] {
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  const cell = (value: string) => (value.startsWith("'") ? value.slice(1) : value);
  return rows.map((row) => ({
    id: Number(cell(row.id!)),
    occurred_at: cell(row.occurred_at!),
    actor: cell(row.actor!),
    action: cell(row.action!),
    subject_type: cell(row.subject_type!),
    subject_id: cell(row.subject_id!) === '' ? null : Number(cell(row.subject_id!)),
    payload: cell(row.payload!) === '' ? null : JSON.parse(cell(row.payload!)),
    prev_hash: cell(row.prev_hash!),
    hash: cell(row.hash!),
    payload_restricted: cell(row.payload_restricted!) === 'true',
  }));
}

/** Recomputes each exported event's hash, and checks that each follows the one before it where ids are consecutive. */
function verifyExported(events: ExportedEvent[], { whole }: { whole: boolean }): void {
  events.forEach((event, i) => {
    if (!event.payload_restricted) {
      assert.equal(eventHash({ ...event, occurred_at: new Date(event.occurred_at) }), event.hash, `event ${event.id} re-verifies`);
    }
    const previous = events[i - 1];
    if (previous && previous.id === event.id - 1) assert.equal(event.prev_hash, previous.hash, `event ${event.id} follows ${previous.id}`);
  });
  if (whole) {
    assert.equal(events[0]!.prev_hash, GENESIS_HASH);
    assert.deepEqual(events.map((event) => event.id), events.map((_, i) => i + 1));
  }
}

describe('the console views of records: audit trail, outbox, quarantine', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const login = {} as Record<'admin' | 'auditor' | 'reviewer' | 'editor' | 'counsel', StaffLogin>;
  let readToken: string;
  let copyright: { id: number; reference: string };
  let userData: { id: number; reference: string };
  let failedCopyrightMail: number;
  let failedUserDataMail: number;
  let totalEvents: number;
  let legacyId: number;
  const quarantine = {} as Record<'automatic' | 'noSender' | 'htmlOnly' | 'malformed', number>;
  const url = (path: string) => `${server.url}${path}`;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      for (const role of ['admin', 'auditor', 'reviewer', 'editor', 'counsel'] as const) login[role] = await createStaffLogin(handle.db, role);
      readToken = (await createApiToken(handle.db, 'records test', 'read', 'cli')).token;
      const submitted = await submitRequests(
        handle.db,
        [request('copyright', 'rights@harbour.example'), request('user_data', 'police@unit.example', { category: 'civil_subpoena', requester: { name: 'Detective', email: 'police@unit.example', type: 'law_enforcement', country: 'US' } })],
        { channel: 'api', actor: 'token:7' },
      );
      copyright = submitted[0]!;
      userData = submitted[1]!;
      // Enough requests that the audit trail has more than one page (50 events a page).
      await submitRequests(handle.db, Array.from({ length: 60 }, (_, i) => request('content_alteration', `person${i}@example.org`)), { channel: 'api', actor: 'token:8' });
      await handle.db.transaction().execute((trx) => changeRequest(trx, copyright!.id, { state: 'triage' }, `user:${login.admin.userId}`));
      // An event whose fields a spreadsheet would run as formulas, dated in another year.
      await handle.db.transaction().execute((trx) =>
        appendEvent(trx, { actor: FORMULA_ACTOR, action: '+import.legacy', subjectType: 'system', subjectId: null, payload: { note: '@SUM(1+1)', line: '-2' }, occurredAt: new Date('2025-01-15T12:00:00Z') }),
      );
      legacyId = (await handle.db.selectFrom('audit_events').select('id').where('action', '=', '+import.legacy').executeTakeFirstOrThrow()).id;
      // Two acknowledgements that every attempt failed to deliver (what deliverDue leaves after its last try).
      const mails = await handle.db.selectFrom('outbox').select(['id', 'request_id']).where('request_id', 'in', [copyright!.id, userData!.id]).execute();
      failedCopyrightMail = mails.find((mail) => mail.request_id === copyright!.id)!.id;
      failedUserDataMail = mails.find((mail) => mail.request_id === userData!.id)!.id;
      await handle.db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: '550 mailbox unavailable' }).where('id', 'in', [failedCopyrightMail, failedUserDataMail]).execute();

      const receive = async (raw: Buffer) => {
        const result = await receiveMessage(handle.db, raw, { source: 'import', actor: 'cli' });
        assert.equal(result.outcome, 'quarantined');
        return (result as { quarantineId: number }).quarantineId;
      };
      quarantine.automatic = await receive(
        eml(
          { From: 'Rights Office <office@rights.example>', To: 'legal@candor.example', Subject: 'Out of office: takedown', 'Message-ID': '<auto-1@rights.example>', 'Auto-Submitted': 'auto-replied', 'Content-Type': 'text/plain; charset=utf-8' },
          'Our copyright notice about https://en.wikipedia.org/wiki/Harbour stands. <script>alert("x")</script>\r\n',
        ),
      );
      quarantine.noSender = await receive(eml({ To: 'legal@candor.example', Subject: 'Anonymous', 'Message-ID': '<anon-1@nowhere.example>' }, 'Remove the page about me.\r\n'));
      quarantine.htmlOnly = await receive(
        eml({ To: 'legal@candor.example', Subject: 'HTML only', 'Message-ID': '<html-1@nowhere.example>', 'MIME-Version': '1.0', 'Content-Type': 'text/html; charset=utf-8' }, '<p>Hello <img src=x onerror="alert(1)"><b>bold words</b></p>\r\n'),
      );
      quarantine.malformed = await receive(
        eml({ From: 'someone@example.org', To: 'legal@candor.example', Subject: 'Broken', 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="never-there"' }, 'no parts at all\r\n'),
      );
      totalEvents = Number((await handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  describe('the audit trail', () => {
    it('is open to auditors and admins, refused to reviewers and editors, and sends strangers to sign in', async () => {
      for (const role of ['auditor', 'admin'] as const) {
        const response = await getPage(url('/console/audit'), login[role]);
        assert.equal(response.status, 200, role);
        assert.match(await response.text(), /<h1>Audit trail<\/h1>/);
      }
      for (const role of ['reviewer', 'editor'] as const) assert.equal((await getPage(url('/console/audit'), login[role])).status, 403, role);
      for (const path of ['/console/audit', '/console/audit/export.csv', '/console/outbox', '/console/quarantine']) {
        const stranger = await getPage(url(path), undefined);
        assert.equal(stranger.status, 303, path);
        assert.equal(stranger.headers.get('location'), `/console/login?next=${encodeURIComponent(path)}`);
      }
      assert.equal((await getPage(url('/console/audit/export.json'), login.reviewer)).status, 403);
    });

    it('filters by action, actor, subject reference, subject type and date range', async () => {
      const ids = async (query: string) => {
        const response = await getPage(url(`/console/audit?${query}`), login.admin);
        assert.equal(response.status, 200, query);
        return idsIn(await response.text(), 'event');
      };
      const changed = await ids('action=request.changed');
      assert.equal(changed.length, 1);
      const byAdmin = await ids(`actor=user:${login.admin.userId}`);
      assert.deepEqual(byAdmin, changed, 'the admin changed one request and did nothing else yet');
      assert.deepEqual(await ids(`actor=${encodeURIComponent(login.admin.email)}`), changed, 'a member of staff by e-mail address');
      const ofCopyright = await ids(`subject=${copyright.reference}`);
      assert.equal(ofCopyright.length, 2, 'created and changed');
      assert.deepEqual((await ids(`subject=${copyright.id}&subject_type=request`)), ofCopyright);
      assert.ok(ofCopyright.includes(changed[0]!));
      assert.equal((await ids('subject_type=mail_quarantine')).length, 4);
      assert.equal((await ids('action=request.created&actor=token:8')).length, 50, 'a full first page');
      const legacy = await ids('from=2025-01-01&to=2025-01-31');
      assert.equal(legacy.length, 1);
      assert.deepEqual(legacy, [legacyId], 'only the event dated 2025');
      const later = await ids('from=2025-01-16');
      assert.equal(later.length, 50);
      assert.equal(later[0], totalEvents);
      assert.ok(!later.includes(legacyId), 'the range leaves the 2025 event out');
      assert.deepEqual(later.slice(0, 49), (await ids('')).filter((id) => id !== legacyId).slice(0, 49), 'and keeps every other event, newest first');
      assert.deepEqual(await ids('to=2025-01-15'), legacy, '`to` covers its whole day');
    });

    it('pages through every event exactly once, newest first', async () => {
      const seen: number[] = [];
      let next: string | null = '/console/audit';
      let pages = 0;
      while (next) {
        const response = await getPage(url(next), login.auditor);
        assert.equal(response.status, 200);
        const html = await response.text();
        seen.push(...idsIn(html, 'event'));
        next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
        pages += 1;
        assert.ok(pages < 10);
      }
      assert.equal(pages, Math.ceil(totalEvents / 50));
      assert.deepEqual(seen, Array.from({ length: totalEvents }, (_, i) => totalEvents - i));
      // A filtered walk keeps its filter on every page.
      const first = await (await getPage(url('/console/audit?actor=token:8'), login.auditor)).text();
      const link = /<a href="([^"]+)" rel="next">/.exec(first)![1]!.replace(/&amp;/g, '&');
      assert.match(link, /actor=token%3A8/);
      const second = idsIn(await (await getPage(url(link), login.auditor)).text(), 'event');
      assert.equal(idsIn(first, 'event').length + second.length, 60);
    });

    it('shows payloads readably to admins, and withholds those of user-data events from auditors', async () => {
      const admin = await (await getPage(url(`/console/audit?subject=${userData.reference}`), login.admin)).text();
      assert.match(admin, /<dt>category<\/dt><dd><span class="ltr-auto">civil_subpoena<\/span><\/dd>/);
      assert.doesNotMatch(admin, /Details restricted to counsel/);
      const auditor = await (await getPage(url(`/console/audit?subject=${userData.reference}`), login.auditor)).text();
      assert.equal(idsIn(auditor, 'event').length, 1, 'the auditor sees that the event happened');
      assert.match(auditor, /request\.created/);
      assert.match(auditor, new RegExp(userData.reference));
      assert.match(auditor, /Details restricted to counsel\./);
      assert.doesNotMatch(auditor, /civil_subpoena/);
      const copyrightPage = await (await getPage(url(`/console/audit?subject=${copyright.reference}`), login.auditor)).text();
      assert.match(copyrightPage, /<dt>state<\/dt><dd><span><span>received<\/span> → <span>triage<\/span><\/span><\/dd>/, 'a change reads as from → to');
      // The same rule holds in the exports.
      const exported = readCsv(await (await getPage(url(`/console/audit/export.csv?subject=${userData.reference}`), login.auditor)).text());
      assert.equal(exported.length, 1);
      assert.equal(exported[0]!.payload_restricted, true);
      assert.equal(exported[0]!.payload, null);
    });

    it('exports the filtered events as CSV and JSON, as attachments, and the chain re-verifies from them', async () => {
      const csvResponse = await getPage(url('/console/audit/export.csv'), login.admin);
      assert.equal(csvResponse.status, 200);
      assert.match(csvResponse.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
      assert.match(csvResponse.headers.get('content-disposition')!, /^attachment; filename="audit-events-\d{4}-\d{2}-\d{2}\.csv"$/);
      const csvText = await csvResponse.text();
      assert.equal(csvText.split('\r\n')[0], 'id,occurred_at,actor,action,subject_type,subject_id,payload,prev_hash,hash,payload_restricted');
      const fromCsv = readCsv(csvText);
      assert.equal(fromCsv.length, totalEvents);
      verifyExported(fromCsv, { whole: true });

      const jsonResponse = await getPage(url('/console/audit/export.json'), login.admin);
      assert.match(jsonResponse.headers.get('content-type')!, /^application\/json/);
      assert.match(jsonResponse.headers.get('content-disposition')!, /^attachment; filename="audit-events-.*\.json"$/);
      const document = (await jsonResponse.json()) as { events: ExportedEvent[] };
      verifyExported(document.events, { whole: true });
      assert.deepEqual(document.events.map((event) => event.hash), fromCsv.map((event) => event.hash));

      const filtered = (await (await getPage(url('/console/audit/export.json?action=request.created&actor=token:8'), login.auditor)).json()) as { filters: Record<string, unknown>; events: ExportedEvent[] };
      assert.equal(filtered.events.length, 60);
      assert.deepEqual(filtered.filters, { action: 'request.created', actor: 'token:8' });
      verifyExported(filtered.events, { whole: false });

      // The chain check on demand agrees with the export's head.
      const verdict = await postForm(url('/console/audit/verify'), login.auditor, {});
      assert.equal(verdict.status, 200);
      const html = await verdict.text();
      assert.match(html, /data-chain="intact"/);
      assert.match(html, new RegExp(`data-field="checked">${totalEvents}<`));
      assert.match(html, new RegExp(`data-field="head">${fromCsv.at(-1)!.hash}<`));
      assert.equal((await postForm(url('/console/audit/verify'), login.auditor, {}, { csrf: null })).status, 403, 'the check is a form: it needs the token');
    });

    it('escapes cells a spreadsheet would run as formulas, and gives them back exactly', async () => {
      const text = await (await getPage(url('/console/audit/export.csv?from=2025-01-01&to=2025-01-31'), login.admin)).text();
      const [, line] = text.split('\r\n');
      assert.ok(line!.startsWith(`${legacyId},2025-01-15T12:00:00.000Z,"'=HYPERLINK(""http://evil.example"",""click"")",'+import.legacy,system,,`), line);
      const [event] = readCsv(text);
      assert.equal(event!.actor, FORMULA_ACTOR);
      assert.equal(event!.action, '+import.legacy');
      verifyExported([event!], { whole: false });
    });

    it('answers malformed filters with 400 and says which, never a 500', async () => {
      const cases: [string, RegExp][] = [
        ['from=2026-13-45', /from: &quot;2026-13-45&quot; is not a date such as 2026-03-31|from: "2026-13-45" is not a date/],
        ['to=yesterday', /to: .*is not a date/],
        ['from=2026-03-02&to=2026-03-01', /to: ends before the range starts/],
        ['before=abc', /before: is not a page of this list/],
        ['subject=CR-2026-999999', /subject: no request has the reference CR-2026-999999/],
        ['subject=who%20knows', /subject: give a reference such as CR-2026-000123 or a number/],
        ['action=a&action=b', /action: is given more than once/],
        ['actor=nobody%40staff.example', /actor: no member of staff has the address nobody@staff.example/],
        [`actor=${'x'.repeat(300)}`, /actor: is longer than 200 characters/],
      ];
      for (const [query, message] of cases) {
        for (const path of ['/console/audit', '/console/audit/export.csv']) {
          const response = await getPage(url(`${path}?${query}`), login.auditor);
          assert.equal(response.status, 400, `${path}?${query}`);
          assert.match(await response.text(), message, query);
        }
      }
      const spanish = await getPage(url('/console/audit?from=2026-02-30'), login.auditor, { 'accept-language': 'es' });
      assert.equal(spanish.status, 400);
      assert.match(await spanish.text(), /no es una fecha como 2026-03-31/);
    });
  });

  describe('the outbox', () => {
    it('lists messages newest first, leaving out user-data mail for roles that may not see it', async () => {
      const admin = idsIn(await (await getPage(url('/console/outbox'), login.admin)).text(), 'message');
      assert.equal(admin.length, 50);
      assert.deepEqual(admin, [...admin].sort((a, b) => b - a));
      const failedForCounsel = idsIn(await (await getPage(url('/console/outbox?status=failed'), login.counsel)).text(), 'message');
      assert.deepEqual(failedForCounsel, [failedUserDataMail, failedCopyrightMail].sort((a, b) => b - a));
      for (const role of ['reviewer', 'auditor'] as const) {
        const failed = idsIn(await (await getPage(url('/console/outbox?status=failed'), login[role])).text(), 'message');
        assert.deepEqual(failed, [failedCopyrightMail], role);
        assert.equal((await getPage(url(`/console/outbox/${failedUserDataMail}`), login[role])).status, 403, role);
        const byReference = await getPage(url(`/console/outbox?reference=${userData.reference}`), login[role]);
        assert.equal(byReference.status, 400, 'a hidden request is as unknown as a missing one');
      }
      assert.equal((await getPage(url('/console/outbox'), login.editor)).status, 403);
      const ofCopyright = idsIn(await (await getPage(url(`/console/outbox?reference=${copyright.reference}`), login.reviewer)).text(), 'message');
      assert.deepEqual(ofCopyright, [failedCopyrightMail]);
      const all: number[] = [];
      let next: string | null = '/console/outbox';
      while (next) {
        const html = await (await getPage(url(next), login.admin)).text();
        all.push(...idsIn(html, 'message'));
        next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
      }
      assert.equal(new Set(all).size, 62, 'every acknowledgement once');
    });

    it('shows a message with its headers and whole text', async () => {
      const response = await getPage(url(`/console/outbox/${failedCopyrightMail}`), login.reviewer);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /rights@harbour\.example/);
      assert.match(html, new RegExp(`Message-ID</th><td class="ltr">&lt;${copyright.reference}\\.[0-9a-f]+@candor\\.invalid>`));
      assert.match(html, /data-field="body">[^<]*CR-\d{4}-\d{6}/);
      assert.match(html, /550 mailbox unavailable/);
      assert.match(html, /Retry now/);
      assert.doesNotMatch(await (await getPage(url(`/console/outbox/${failedCopyrightMail}`), login.auditor)).text(), /Retry now/, 'the auditor may read, not work');
      assert.equal((await getPage(url(`/console/outbox/${failedUserDataMail}`), login.counsel)).status, 200);
    });

    it('retries a failed message only with the token, the permission and sight of its request, and audits it', async () => {
      const retry = (who: StaffLogin, id: number, options = {}) => postForm(url(`/console/outbox/${id}/retry`), who, {}, options);
      assert.equal((await retry(login.reviewer, failedCopyrightMail, { csrf: null })).status, 403, 'no CSRF token');
      assert.equal((await retry(login.reviewer, failedCopyrightMail, { csrf: 'forged' })).status, 403);
      assert.equal((await retry(login.auditor, failedCopyrightMail)).status, 403, 'the auditor lacks mail:work');
      assert.equal((await retry(login.reviewer, failedUserDataMail)).status, 403, 'a user-data request the reviewer may not see');
      assert.match(await (await getPage(url(`/console/outbox/${failedCopyrightMail}`), login.admin)).text(), /data-status="failed"/, 'refused retries changed nothing');

      const done = await retry(login.reviewer, failedCopyrightMail);
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), `/console/outbox/${failedCopyrightMail}?done=retried`);
      const page = await (await getPage(url(done.headers.get('location')!), login.reviewer)).text();
      assert.match(page, /data-status="pending"/);
      assert.match(page, /The message is back in the queue/);
      assert.match(page, /outbox\.retried/, 'the message page shows its history');
      const again = await retry(login.reviewer, failedCopyrightMail);
      assert.equal(again.status, 400);
      assert.match(await again.text(), /Only a failed message can be retried; this one is pending\./);

      const events = (await (await getPage(url('/console/audit/export.json?action=outbox.retried'), login.admin)).json()) as { events: ExportedEvent[] };
      assert.equal(events.events.length, 1);
      assert.equal(events.events[0]!.actor, `user:${login.reviewer.userId}`);
      assert.equal(events.events[0]!.subject_type, 'outbox');
      assert.equal(events.events[0]!.subject_id, failedCopyrightMail);
      assert.deepEqual(events.events[0]!.payload, { from_status: 'failed', attempts: 8, request: copyright.id, reference: copyright.reference });
    });

    it('answers unknown or malformed ids and filters with 404 and 400 pages', async () => {
      for (const path of ['/console/outbox/999999', '/console/outbox/abc', '/console/outbox/0']) {
        const response = await getPage(url(path), login.admin);
        assert.equal(response.status, 404, path);
        assert.match(await response.text(), /No outgoing message has the id/);
      }
      assert.equal((await postForm(url('/console/outbox/999999/retry'), login.admin, {})).status, 404);
      const status = await getPage(url('/console/outbox?status=lost'), login.admin);
      assert.equal(status.status, 400);
      assert.match(await status.text(), /status: must be one of pending, sent, failed, held/);
    });
  });

  describe('the mail quarantine', () => {
    it('lists messages waiting for a person with their reason and envelope', async () => {
      for (const role of ['reviewer', 'auditor', 'admin'] as const) assert.equal((await getPage(url('/console/quarantine'), login[role])).status, 200, role);
      assert.equal((await getPage(url('/console/quarantine'), login.editor)).status, 403);
      const html = await (await getPage(url('/console/quarantine'), login.reviewer)).text();
      assert.deepEqual(idsIn(html, 'quarantine'), [quarantine.malformed, quarantine.htmlOnly, quarantine.noSender, quarantine.automatic]);
      assert.match(html, /An automatic message \(auto-reply or delivery report\) that answers no known message\./);
      assert.match(html, /The message has no usable sender address\./);
    });

    it('shows the parsed headers and text, escaped, and never the HTML of a message', async () => {
      const automatic = await (await getPage(url(`/console/quarantine/${quarantine.automatic}`), login.reviewer)).text();
      assert.match(automatic, /Out of office: takedown/);
      assert.match(automatic, /Rights Office &lt;office@rights\.example>/);
      assert.match(automatic, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
      assert.doesNotMatch(automatic, /<script>alert/);
      assert.match(automatic, /Auto-Submitted: auto-replied/);
      const html = await (await getPage(url(`/console/quarantine/${quarantine.htmlOnly}`), login.reviewer)).text();
      assert.match(html, /data-field="text">[^<]*bold words/, 'the text of an HTML-only message');
      assert.doesNotMatch(html, /<img src=x|<b>bold words<\/b>/);
      const malformed = await getPage(url(`/console/quarantine/${quarantine.malformed}`), login.reviewer);
      assert.equal(malformed.status, 200);
      assert.match(await malformed.text(), /The structure of the message is broken/);
    });

    it('downloads the raw message as an attachment that a browser will not render', async () => {
      const response = await getPage(url(`/console/quarantine/${quarantine.htmlOnly}/raw`), login.auditor);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'message/rfc822');
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="quarantine-${quarantine.htmlOnly}.eml"`);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy')!, /sandbox/);
      const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
      assert.match(body, /^To: legal@candor\.example\r\n/);
      assert.match(body, /<img src=x onerror="alert\(1\)">/);
      assert.equal((await getPage(url('/console/quarantine/999999/raw'), login.auditor)).status, 404);
    });

    it('files a message as a new request through the e-mail intake, audited', async () => {
      const file = (who: StaffLogin, id: number, options = {}) => postForm(url(`/console/quarantine/${id}/file`), who, {}, options);
      assert.equal((await file(login.reviewer, quarantine.automatic, { csrf: null })).status, 403);
      assert.equal((await file(login.auditor, quarantine.automatic)).status, 403);
      const noSender = await file(login.reviewer, quarantine.noSender);
      assert.equal(noSender.status, 400);
      assert.match(await noSender.text(), /This message names no usable sender/);

      const done = await file(login.reviewer, quarantine.automatic);
      assert.equal(done.status, 303);
      const page = await (await getPage(url(done.headers.get('location')!), login.reviewer)).text();
      const reference = /Filed as request (CR-\d{4}-\d{6})\./.exec(page)?.[1];
      assert.ok(reference, 'the page names the new request');
      assert.match(page, /data-status="filed"/);
      assert.doesNotMatch(page, /File as a new request/, 'a resolved message has no actions');

      const api = (await (await fetch(url(`/api/v1/requests/${reference}`), { headers: { authorization: `Bearer ${readToken}` } })).json()) as Record<string, any>;
      assert.equal(api.channel, 'email');
      assert.equal(api.kind, 'copyright');
      assert.equal(api.requester.email, 'office@rights.example');
      assert.match(api.text, /Our copyright notice/);

      const again = await file(login.reviewer, quarantine.automatic);
      assert.equal(again.status, 400);
      assert.match(await again.text(), /This message was already resolved \(filed\)\./);

      const events = (await (await getPage(url(`/console/audit/export.json?subject_type=mail_quarantine&subject=${quarantine.automatic}`), login.admin)).json()) as { events: ExportedEvent[] };
      assert.deepEqual(events.events.map((event) => event.action), ['mail.quarantined', 'mail.quarantine_filed']);
      assert.equal(events.events[1]!.actor, `user:${login.reviewer.userId}`);
      assert.deepEqual(events.events[1]!.payload, { request: api.id, reference, reason: 'automatic' });
      const created = (await (await getPage(url(`/console/audit/export.json?subject=${reference}`), login.admin)).json()) as { events: ExportedEvent[] };
      assert.deepEqual(created.events.map((event) => [event.action, event.actor]), [['request.created', `user:${login.reviewer.userId}`], ['request.message_received', `user:${login.reviewer.userId}`]]);
      // An automatic message is answered by no acknowledgement.
      const mail = await (await getPage(url(`/console/outbox?reference=${reference}`), login.reviewer)).text();
      assert.deepEqual(idsIn(mail, 'message'), []);
    });

    it('dismisses a message with a reason, audited; without a reason nothing changes', async () => {
      const dismiss = (fields: Record<string, string>, id = quarantine.noSender, who = login.reviewer) => postForm(url(`/console/quarantine/${id}/dismiss`), who, fields);
      const blank = await dismiss({ reason: '   ' });
      assert.equal(blank.status, 400);
      assert.match(await blank.text(), /reason: say why this message is dismissed/);
      assert.match(await (await getPage(url(`/console/quarantine/${quarantine.noSender}`), login.reviewer)).text(), /data-status="open"/);

      const done = await dismiss({ reason: 'Spam <b>no request</b>' });
      assert.equal(done.status, 303);
      const page = await (await getPage(url(done.headers.get('location')!), login.reviewer)).text();
      assert.match(page, /The message was dismissed\./);
      assert.match(page, /data-field="note">Spam &lt;b>no request&lt;\/b></);
      assert.equal((await dismiss({ reason: 'again' })).status, 400);
      assert.equal((await dismiss({ reason: 'x' }, 999999)).status, 404);

      const open = idsIn(await (await getPage(url('/console/quarantine'), login.reviewer)).text(), 'quarantine');
      assert.deepEqual(open, [quarantine.malformed, quarantine.htmlOnly]);
      const resolved = idsIn(await (await getPage(url('/console/quarantine?view=resolved'), login.reviewer)).text(), 'quarantine');
      assert.deepEqual(resolved, [quarantine.noSender, quarantine.automatic]);
      const events = (await (await getPage(url('/console/audit/export.json?action=mail.quarantine_dismissed'), login.auditor)).json()) as { events: ExportedEvent[] };
      assert.equal(events.events.length, 1);
      assert.deepEqual(events.events[0]!.payload, { note: 'Spam <b>no request</b>' });
      assert.equal(events.events[0]!.subject_id, quarantine.noSender);
    });

    it('answers unknown ids and views with 404 and 400 pages', async () => {
      for (const path of ['/console/quarantine/999999', '/console/quarantine/x1']) {
        const response = await getPage(url(path), login.reviewer);
        assert.equal(response.status, 404, path);
        assert.match(await response.text(), /No quarantined message has the id/);
      }
      const view = await getPage(url('/console/quarantine?view=everything'), login.reviewer);
      assert.equal(view.status, 400);
      assert.match(await view.text(), /view: must be one of open, resolved, all/);
    });
  });

  it('leaves a chain that `candor audit verify` finds intact', async () => {
    await server.stop();
    const result = await runCli(['audit', 'verify'], database.env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^audit chain intact: \d+ events, head [0-9a-f]{64}$/m);
    server = await startServer(database.env);
  });
});

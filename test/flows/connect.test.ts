import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { purgeUnconfirmed } from '../../src/connect/purge.ts';
import { signUp } from '../../src/connect/sign-up.ts';
import { countSubscribers } from '../../src/connect/subscribers.ts';
import { seedDemoSubscribers } from '../../src/demo/demo-subscribers.ts';
import { linksIn, signUpOverHttp } from '../helpers/connect.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { captureServer, waitFor } from '../helpers/mail.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const DAY = 86_400_000;
const SITE = 'http://site.example';

describe('Connect, the newsletter sign-up, over HTTP', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const smtp = captureServer();
  const logins = {} as Record<'editor' | 'reviewer' | 'admin', StaffLogin>;
  /** A confirmation link mailed eight days ago, and the one of a sign-up still waiting. */
  let expiredLink: string;

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      for (const role of ['editor', 'reviewer', 'admin'] as const) logins[role] = await createStaffLogin(handle.db, role);
      const now = Date.now();
      // Already subscribed, last written to long ago.
      await signUp(handle.db, { email: 'Confirmed@Example.org', name: '=HYPERLINK("http://evil.example")', language: 'es' }, SITE, new Date(now - 40 * DAY));
      await handle.db.updateTable('subscribers').set({ confirmed_at: new Date(now - 39 * DAY) }).where('email_key', '=', 'confirmed@example.org').execute();
      // Waiting for confirmation, its link mailed an hour ago.
      await signUp(handle.db, { email: 'pending@example.org', name: null, language: 'ar' }, SITE, new Date(now - 60 * 60_000));
      // Signed up eight days ago: the link has expired.
      await signUp(handle.db, { email: 'late@example.org', name: 'Late', language: 'en' }, SITE, new Date(now - 8 * DAY));
      const late = await handle.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'late@example.org').executeTakeFirstOrThrow();
      expiredLink = linksIn(late.body_text).confirm!;
      // That mail went long ago.
      await handle.db.updateTable('outbox').set({ status: 'sent', sent_at: new Date() }).execute();
    } finally {
      await handle.close();
    }
    const port = await smtp.listen();
    server = await startServer({ ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'news@trust.example' });
  });
  after(async () => {
    await server?.stop();
    await smtp.close();
    await database?.drop();
  });

  /** The same link on the server under test (mail written before it started names another host). */
  const here = (link: string) => `${server.url}${new URL(link).pathname}${new URL(link).search}`;
  const mailTo = (address: string) => smtp.received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address?.toLowerCase() === address.toLowerCase());
  const rawHeader = (mail: (typeof smtp.received)[number], name: string) =>
    mail.headerLines
      .find((line) => line.key === name.toLowerCase())
      ?.line.replace(/\r?\n[ \t]+/g, ' ')
      .slice(name.length + 1)
      .trim();

  it('is a page in English, Spanish and Arabic, in the navigation and the sitemap, without cookies, the language preselected', async () => {
    for (const [lang, dir, submit] of [
      ['en', 'ltr', 'Sign up'],
      ['es', 'ltr', 'Suscribirme'],
      ['ar', 'rtl', 'اشترك'],
    ] as const) {
      const response = await fetch(`${server.url}/${lang}/connect`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      assert.ok(html.includes(`<html lang="${lang}" dir="${dir}">`));
      assert.ok(html.includes(`<form method="post" action="/${lang}/connect"`));
      for (const field of ['email', 'name', 'language', 'website', 'altcha']) assert.ok(html.includes(`name="${field}"`), `${lang}: ${field}`);
      assert.ok(html.includes(`<option value="${lang}" selected`), 'the page language is proposed');
      assert.ok(html.includes(`>${submit}</button>`));
      assert.ok(html.includes(`<a href="/${lang}/connect" aria-current="page">`), 'the navigation links to it');
    }
    const sitemap = await (await fetch(`${server.url}/sitemap-pages.xml`)).text();
    assert.ok(sitemap.includes('/en/connect<'));
    assert.ok(!sitemap.includes('/connect/confirm') && !sitemap.includes('/connect/unsubscribe'), 'the pages of mailed links are not listed');
  });

  it('refuses an address that is not one (400) in the reader’s language, keeping what was typed', async () => {
    for (const [lang, text] of [
      ['en', '&quot;not-an-address&quot; is not an e-mail address.'],
      ['es', '«not-an-address» no es un correo electrónico.'],
      ['ar', '«not-an-address» ليس عنوان بريد إلكتروني.'],
    ] as const) {
      const response = await signUpOverHttp(server.url, lang, { email: 'not-an-address', name: 'Keep me' });
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.ok(html.includes(text), `${lang}: ${text}`);
      assert.ok(html.includes('value="Keep me"'));
      assert.ok(/id="f-email"[^>]*aria-invalid="true"/.test(html));
    }
    const missing = await signUpOverHttp(server.url, 'es', { email: '' });
    assert.equal(missing.status, 400);
    assert.ok((await missing.text()).includes('Indica el correo electrónico al que debemos enviar el boletín.'));
    const language = await signUpOverHttp(server.url, 'en', { email: 'x@example.org', language: 'xx' });
    assert.equal(language.status, 400);
    assert.ok((await language.text()).includes('Choose one of the languages in the list.'));
  });

  it('answers word for word the same for a new address, one waiting for confirmation and one already subscribed', async () => {
    const bodies: string[] = [];
    for (const [email, language] of [['new@example.org', 'en'], ['new@example.org', 'en'], ['confirmed@example.org', 'en'], ['PENDING@example.org', 'ar']]) {
      const response = await signUpOverHttp(server.url, 'en', { email: email!, language: language! });
      assert.equal(response.status, 200, email);
      assert.equal(response.headers.get('set-cookie'), null);
      bodies.push(await response.text());
    }
    assert.ok(bodies[0]!.includes('Check your inbox'));
    for (const body of bodies) assert.equal(body, bodies[0]);

    // What differs is the mail: a confirmation link for the new and the waiting, a note for the subscribed.
    const confirmation = await waitFor(() => mailTo('new@example.org')[0]);
    assert.equal(confirmation.subject, 'Confirm your subscription to the Free Knowledge Trust newsletter');
    const note = await waitFor(() => mailTo('Confirmed@example.org')[0]);
    assert.equal(note.subject, 'Ya recibes el boletín de Free Knowledge Trust', 'in the subscriber’s language');
    assert.equal(linksIn(note.text ?? '').confirm, undefined, 'no confirmation link for the subscribed');
    assert.ok(linksIn(note.text ?? '').unsubscribe);
    assert.ok(!(note.text ?? '').includes('HYPERLINK'), 'the name typed into the form is not written into the mail');
    const waiting = await waitFor(() => mailTo('pending@example.org')[0]);
    assert.equal(waiting.subject, 'أكّد اشتراكك في نشرة Free Knowledge Trust');
    for (const mail of [confirmation, note, waiting]) {
      const unsubscribe = linksIn(mail.text ?? '').unsubscribe!;
      assert.equal(rawHeader(mail, 'List-Unsubscribe'), `<${unsubscribe}>`, 'the header names the link of the text');
      assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    }
    assert.ok(linksIn(confirmation.text ?? '').confirm!.startsWith(`${server.url}/en/connect/confirm?token=`));
    // The repeat a moment later sent nothing more: a form cannot flood an inbox.
    await waitFor(() => (smtp.received.length >= 3 ? true : undefined));
    assert.equal(mailTo('new@example.org').length, 1);
  });

  it('confirms only with the button’s POST, never on the visit a mail scanner makes', async () => {
    const link = linksIn(mailTo('new@example.org')[0]!.text ?? '').confirm!;
    const visit = await fetch(link);
    assert.equal(visit.status, 200);
    assert.equal(visit.headers.get('x-robots-tag'), 'noindex', 'a page of a mailed link is never indexed');
    assert.equal((await fetch(`${server.url}/en/connect`)).headers.get('x-robots-tag'), null, 'the sign-up is');
    const page = await visit.text();
    assert.ok(page.includes('Confirm your subscription'));
    assert.ok(page.includes(`<form method="post" action="/en/connect/confirm">`));
    const token = new URL(link).searchParams.get('token')!;
    assert.ok(page.includes(`name="token" value="${token}"`));
    // Visited twice, still waiting.
    await (await fetch(link)).arrayBuffer();
    const list = await (await getPage(`${server.url}/console/connect?state=pending`, logins.editor)).text();
    assert.ok(list.includes('new@example.org'), 'still pending after the visits');

    const confirmed = await fetch(`${server.url}/en/connect/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    assert.equal(confirmed.status, 200);
    assert.ok((await confirmed.text()).includes('You are subscribed'));
    const again = await fetch(`${server.url}/en/connect/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    assert.equal(again.status, 200, 'a second press is fine');
    const after = await (await getPage(`${server.url}/console/connect?state=confirmed`, logins.editor)).text();
    assert.ok(after.includes('new@example.org'));
  });

  it('lets a confirmation link expire after seven days, and says so in the reader’s language', async () => {
    const visit = await fetch(here(expiredLink));
    assert.equal(visit.status, 410);
    assert.ok((await visit.text()).includes('This link has expired'));
    const token = new URL(expiredLink).searchParams.get('token')!;
    const press = await fetch(`${server.url}/es/connect/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    assert.equal(press.status, 410);
    assert.ok((await press.text()).includes('Este enlace ha caducado'));
    const list = await (await getPage(`${server.url}/console/connect?state=pending`, logins.editor)).text();
    assert.ok(list.includes('late@example.org'), 'not confirmed');
    const unknown = await fetch(`${server.url}/ar/connect/confirm?token=${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    assert.ok((await unknown.text()).includes('هذا الرابط لا يعمل'));
  });

  it('unsubscribes with one POST as a mail program sends it (RFC 8058), with no cookie or CSRF token; a visit only asks', async () => {
    const note = mailTo('Confirmed@example.org')[0]!;
    const link = /^<([^>]+)>$/.exec(rawHeader(note, 'List-Unsubscribe')!)![1]!;
    const visit = await fetch(link);
    assert.equal(visit.status, 200);
    assert.ok((await visit.text()).includes('<button type="submit">Darme de baja</button>'));
    assert.ok((await (await getPage(`${server.url}/console/connect`, logins.editor)).text()).includes('Confirmed@example.org'), 'a visit unsubscribes no one');

    const oneClick = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);
    assert.ok((await oneClick.text()).includes('Te has dado de baja'));
    assert.ok(!(await (await getPage(`${server.url}/console/connect`, logins.editor)).text()).includes('Confirmed@example.org'), 'gone');
    // RFC 8058 also allows the body as multipart/form-data.
    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    const repeat = await fetch(link, { method: 'POST', body: multipart });
    assert.equal(repeat.status, 200, 'the same answer once gone, whatever the form encoding');
    const forged = await fetch(`${server.url}/en/connect/unsubscribe?token=1.${'x'.repeat(32)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(forged.status, 404);
    assert.ok((await forged.text()).includes('This link does not work'));
  });

  it('refuses the subscribers to a reviewer (403) and shows them to an editor, with counts', async () => {
    for (const url of ['/console/connect', '/console/connect/export.csv', '/console/connect/export.json']) {
      const response = await getPage(`${server.url}${url}`, logins.reviewer);
      assert.equal(response.status, 403, url);
      assert.ok(!(await response.text()).includes('@example.org'));
    }
    assert.equal((await postForm(`${server.url}/console/connect/wipe-all`, logins.reviewer, { confirm_count: '3' })).status, 403);
    // The desk's roles read the outbox, but not the mail to subscribers (addresses, confirmation links).
    const adminOutbox = await (await getPage(`${server.url}/console/outbox`, logins.admin)).text();
    assert.ok(adminOutbox.includes('new@example.org'), 'an administrator sees it');
    const id = /href="\/console\/outbox\/(\d+)"/.exec(adminOutbox)?.[1];
    assert.ok(id);
    const reviewerOutbox = await getPage(`${server.url}/console/outbox`, logins.reviewer);
    assert.equal(reviewerOutbox.status, 200);
    assert.ok(!(await reviewerOutbox.text()).includes('@example.org'));
    assert.equal((await getPage(`${server.url}/console/outbox/${id}`, logins.reviewer)).status, 404);
    assert.equal((await getPage(`${server.url}/console/outbox/${id}`, logins.admin)).status, 200);
    const page = await getPage(`${server.url}/console/connect`, logins.editor);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('<dd data-count="confirmed">1</dd>'), 'new@ is confirmed');
    assert.ok(html.includes('<dd data-count="pending">2</dd>'), 'pending@ and late@ wait');
    const bad = await getPage(`${server.url}/console/connect?state=gone&page=0`, logins.editor);
    assert.equal(bad.status, 400);
  });

  it('exports every subscriber as CSV, safe to open in a spreadsheet, and as JSON, for an editor', async () => {
    // One more, whose name a spreadsheet would run.
    assert.equal((await signUpOverHttp(server.url, 'en', { email: 'formula@example.org', name: '=1+2' })).status, 200);
    const csv = await getPage(`${server.url}/console/connect/export.csv`, logins.editor);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="subscribers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines[0], 'id,email,name,language,state,signed_up_at,confirmed_at');
    assert.equal(lines.length, 5);
    assert.ok(lines.some((line) => line.includes(",formula@example.org,'=1+2,en,pending,")), 'the formula is defused');
    const json = await getPage(`${server.url}/console/connect/export.json`, logins.editor);
    const data = (await json.json()) as { subscribers: { email: string; state: string; language: string }[] };
    assert.deepEqual(data.subscribers.map((s) => `${s.email} ${s.state} ${s.language}`).sort(), ['formula@example.org pending en', 'late@example.org pending en', 'new@example.org confirmed en', 'pending@example.org pending ar']);
  });

  it('wipes one subscriber, and then all, only once confirmed, as an editor', async () => {
    const html = await (await getPage(`${server.url}/console/connect`, logins.editor)).text();
    const id = /data-subscriber="(\d+)"><td dir="ltr">late@example.org</.exec(html)?.[1];
    assert.ok(id);
    const unticked = await postForm(`${server.url}/console/connect/${id}/wipe`, logins.editor, {});
    assert.equal(unticked.status, 400);
    assert.ok((await unticked.text()).includes('Tick &quot;Delete for good&quot;'));
    const wiped = await postForm(`${server.url}/console/connect/${id}/wipe`, logins.editor, { confirm: 'yes' });
    assert.equal(wiped.status, 303);
    assert.equal(wiped.headers.get('location'), '/console/connect?done=wiped');
    assert.equal((await postForm(`${server.url}/console/connect/${id}/wipe`, logins.editor, { confirm: 'yes' })).status, 404, 'already gone');

    const wrong = await postForm(`${server.url}/console/connect/wipe-all`, logins.editor, { confirm_count: '99' });
    assert.equal(wrong.status, 400);
    assert.ok((await wrong.text()).includes('Type 3, the number of subscribers, to wipe them all.'));
    const all = await postForm(`${server.url}/console/connect/wipe-all`, logins.editor, { confirm_count: '3' });
    assert.equal(all.status, 303);
    const after = await (await getPage(`${server.url}/console/connect?done=wiped-all`, logins.editor)).text();
    assert.ok(after.includes('<dd data-count="confirmed">0</dd>') && after.includes('<dd data-count="pending">0</dd>'));
  });

  it('kept no network address, browser or e-mail address anywhere once wiped, and audited each staff action without the address', async () => {
    await server.stop();
    const handle = await database.open();
    try {
      assert.equal((await handle.db.selectFrom('subscribers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n, 0);
      const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'subscribers'`.execute(handle.db);
      assert.ok(!columns.rows.some((row) => /ip|agent|address/.test(row.column_name)), 'no column for where a sign-up came from');
      const mail = await handle.db.selectFrom('outbox').select('to_address').execute();
      assert.ok(!mail.some((row) => row.to_address.endsWith('@example.org')), 'the mail went with the subscribers');
      const limits = await handle.db.selectFrom('rate_limits').select('bucket').execute();
      assert.ok(limits.some((row) => row.bucket.startsWith('connect:')), 'the form was rate-limited');
      assert.ok(limits.every((row) => !row.bucket.includes('127.0.0.1')), 'under a keyed hash, never the address');
      const events = await handle.db.selectFrom('audit_events').select(['actor', 'action', 'subject_id', 'payload']).where('subject_type', '=', 'subscriber').orderBy('id').execute();
      assert.deepEqual(
        events.map((event) => event.action),
        ['subscribers.exported', 'subscribers.exported', 'subscriber.wiped', 'subscribers.wiped_all'],
      );
      assert.ok(events.every((event) => event.actor === `user:${logins.editor.userId}`));
      assert.deepEqual(events[3]!.payload, { count: 3 });
      const trail = JSON.stringify(await handle.db.selectFrom('audit_events').selectAll().execute());
      assert.ok(!/example\.org/i.test(trail), 'no address in the audit trail');
    } finally {
      await handle.close();
    }
  });
});

describe('the purge of sign-ups never confirmed', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('deletes them and their mail 30 days after the first sign-up, however often it is repeated, keeps the confirmed, and does nothing the second time', async () => {
    const handle = await database.open();
    try {
      const start = new Date('2026-12-01T12:00:00Z');
      await signUp(handle.db, { email: 'one@example.net', name: null, language: 'en' }, SITE, start);
      await signUp(handle.db, { email: 'two@example.net', name: 'Two', language: 'es' }, SITE, start);
      await signUp(handle.db, { email: 'kept@example.net', name: null, language: 'ar' }, SITE, start);
      await handle.db.updateTable('subscribers').set({ confirmed_at: start }).where('email_key', '=', 'kept@example.net').execute();
      // Someone submits `two` again, ten and twenty-five days later: each time a fresh link goes
      // to the address, as to anyone signing up, but its 30 days do not start again.
      for (const days of [10, 25]) await signUp(handle.db, { email: 'Two@example.net', name: 'Two again', language: 'en' }, SITE, new Date(start.getTime() + days * DAY));
      const links = await handle.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'two@example.net').execute();
      assert.equal(new Set(links.map((row) => linksIn(row.body_text).confirm)).size, 3, 'three confirmation links, one per sign-up');
      const two = await handle.db.selectFrom('subscribers').selectAll().where('email_key', '=', 'two@example.net').executeTakeFirstOrThrow();
      assert.deepEqual([two.name, two.language, two.requested_at], ['Two again', 'en', start], 'the latest decides the name and language, the first the 30 days');
      // A sign-up repeated within ten minutes sends nothing more, and moves nothing either.
      await signUp(handle.db, { email: 'two@example.net', name: 'Two', language: 'es' }, SITE, new Date(start.getTime() + 25 * DAY + 60_000));
      assert.deepEqual((await handle.db.selectFrom('subscribers').select('requested_at').where('email_key', '=', 'two@example.net').executeTakeFirstOrThrow()).requested_at, start);

      assert.equal(await purgeUnconfirmed(handle.db, new Date(start.getTime() + 29 * DAY)), 0);
      assert.equal(await purgeUnconfirmed(handle.db, new Date(start.getTime() + 31 * DAY)), 2);
      const left = await handle.db.selectFrom('subscribers').select('email').orderBy('email').execute();
      assert.deepEqual(left.map((row) => row.email), ['kept@example.net']);
      assert.equal(await purgeUnconfirmed(handle.db, new Date(start.getTime() + 31 * DAY)), 0, 'a second round finds nothing');
      const mail = await handle.db.selectFrom('outbox').select('to_address').execute();
      assert.deepEqual(mail.map((row) => row.to_address), ['kept@example.net'], 'the purged sign-ups’ mail is gone');
      const events = await handle.db.selectFrom('audit_events').select(['actor', 'action', 'payload']).where('action', '=', 'subscribers.purged').orderBy('id').execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.actor, 'system');
      assert.equal((events[0]!.payload as { count: number }).count, 2);
      // Signed up again after the purge: a new sign-up, with 30 days of its own.
      const later = new Date(start.getTime() + 32 * DAY);
      await signUp(handle.db, { email: 'two@example.net', name: null, language: 'es' }, SITE, later);
      assert.equal(await purgeUnconfirmed(handle.db, new Date(later.getTime() + 29 * DAY)), 0);
      assert.equal(await purgeUnconfirmed(handle.db, new Date(later.getTime() + 31 * DAY)), 1);
    } finally {
      await handle.close();
    }
  });

  it('gives the demo a handful of subscribers in English, Spanish and Arabic, one still to confirm, and keeps the confirmed from the purge', async () => {
    const fresh = await createTestDatabase();
    const handle = await fresh.open();
    try {
      await seedDemoSubscribers(handle.db);
      await seedDemoSubscribers(handle.db);
      const counts = await countSubscribers(handle.db);
      assert.deepEqual({ pending: counts.pending, confirmed: counts.confirmed }, { pending: 1, confirmed: 5 });
      assert.deepEqual(counts.byLanguage.map((row) => row.language), ['ar', 'en', 'es']);
      assert.equal(await purgeUnconfirmed(handle.db, new Date(Date.now() + 29 * DAY)), 1, 'only the unconfirmed one goes');
    } finally {
      await handle.close();
      await fresh.drop();
    }
  });
});

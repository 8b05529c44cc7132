import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seal, totpContext, totpKey } from '../../src/auth/secret-box.ts';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { currentTotp, newTotpSecret } from '../../src/auth/totp.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TestAuthenticator, csrfOf, linkToken, sessionCookie, shownSecret } from '../helpers/sign-in.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const NADIA = 'nadia.haddad@desk.example';
const NADIA_PASSWORD = 'tamarind ferry lighthouse 42';
const TARIQ = 'tariq@desk.example';
const TARIQ_PASSWORD = 'copper kettle on the windowsill';
const REFUSED = 'The e-mail address, password or code is not right. Check them and try again.';

/** The text of a page's alert (the problem it reports), tags removed. */
function alertText(html: string): string {
  const match = /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : '';
}

/** The login of a member of staff made by signing in through the pages: cookie, and the CSRF token its pages carry. */
async function asLogin(base: string, cookie: string, template: StaffLogin): Promise<StaffLogin> {
  const page = await getPage(`${base}/console/sessions`, { ...template, cookie });
  assert.equal(page.status, 200);
  const html = await page.text();
  const sessionId = Number(/class="current" data-session="(\d+)"/.exec(html)?.[1]);
  assert.ok(sessionId > 0);
  return { ...template, cookie, sessionId, csrf: csrfOf(html) };
}

describe('staff accounts and signing in', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const cli: Record<string, CliResult> = {};
  let admin: StaffLogin;
  let adminB: StaffLogin;
  let adminC: StaffLogin;
  const adminApp = new TestAuthenticator(newTotpSecret());
  let nadiaApp: TestAuthenticator;
  let nadiaA: StaffLogin;
  let nadiaId: number;

  const url = (path: string) => `${server.url}${path}`;
  const signIn = (email: string, password: string, code: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    postForm(url('/console/login'), undefined, { email, password, code, ...extra }, { headers });
  const welcome = (token: string) => getPage(url(`/console/welcome/${token}`), undefined);

  before(async () => {
    database = await createTestDatabase();
    // The embedded database belongs to one process at a time: every command runs before the server starts.
    cli.added = await runCli(['user', 'add', 'Nadia.Haddad@Desk.Example', '--role', 'counsel'], { ...database.env, PUBLIC_URL: 'https://candor.example' });
    cli.again = await runCli(['user', 'add', NADIA, '--role', 'reviewer'], database.env);
    cli.badEmail = await runCli(['user', 'add', 'nadia-at-desk.example', '--role', 'counsel'], database.env);
    cli.badRole = await runCli(['user', 'add', 'omar@desk.example', '--role', 'overlord'], database.env);
    cli.noRole = await runCli(['user', 'add', 'omar@desk.example'], database.env);
    cli.relinked = await runCli(['user', 'link', 'NADIA.HADDAD@desk.example'], database.env);
    cli.tariq = await runCli(['user', 'add', TARIQ, '--role', 'reviewer'], database.env);
    const handle = await database.open();
    try {
      const db = handle.db;
      admin = await createStaffLogin(db, 'admin', 'amal@desk.example');
      await db.updateTable('staff_users').set({ totp_secret: seal(await totpKey(db), adminApp.secret, totpContext(admin.userId)) }).where('id', '=', admin.userId).execute();
      // Signed in ten minutes ago: past the five minutes within which a sensitive action needs no new code.
      await db.updateTable('staff_sessions').set({ stepped_up_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', admin.sessionId).execute();
      const other = async (userAgent: string): Promise<StaffLogin> => {
        const { token, sessionId } = await createSession(db, admin.userId, userAgent);
        const row = await db.selectFrom('staff_sessions').select('csrf_token').where('id', '=', sessionId).executeTakeFirstOrThrow();
        return { ...admin, sessionId, cookie: `${SESSION_COOKIE}=${token}`, csrf: row.csrf_token };
      };
      adminB = await other('Mozilla/5.0 (Android 15; Mobile) Firefox/140.0');
      adminC = await other('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15');
      nadiaId = (await db.selectFrom('staff_users').select('id').where('email', '=', NADIA).executeTakeFirstOrThrow()).id;
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('user add creates the account with its e-mail address in lower case and prints a one-time link; mistakes exit 2 naming what is wrong', () => {
    assert.equal(cli.added!.status, 0, cli.added!.stderr);
    assert.match(cli.added!.stdout, /^https:\/\/candor\.example\/console\/welcome\/[A-Za-z0-9_-]{43}\n$/);
    assert.match(cli.added!.stderr, new RegExp(`account ${NADIA.replace(/\./g, '\\.')} created`));
    assert.match(cli.added!.stderr, /shown only this once/);

    assert.equal(cli.again!.status, 2);
    assert.match(cli.again!.stderr, /an account for nadia\.haddad@desk\.example exists already/);
    assert.match(cli.again!.stderr, /candor user link nadia\.haddad@desk\.example/);
    assert.equal(cli.again!.stdout, '');
    assert.equal(cli.badEmail!.status, 2);
    assert.match(cli.badEmail!.stderr, /"nadia-at-desk\.example" is not an e-mail address/);
    assert.equal(cli.badRole!.status, 2);
    assert.match(cli.badRole!.stderr, /unknown role "overlord"; the roles are admin, counsel, reviewer, editor, auditor/);
    assert.equal(cli.noRole!.status, 2);
    assert.match(cli.noRole!.stderr, /--role is required/);

    assert.equal(cli.relinked!.status, 0, cli.relinked!.stderr);
    assert.notEqual(linkToken(cli.relinked!.stdout), linkToken(cli.added!.stdout));
    assert.equal(cli.tariq!.status, 0, cli.tariq!.stderr);
  });

  it('a newer link replaces the older one', async () => {
    const old = await welcome(linkToken(cli.added!.stdout));
    assert.equal(old.status, 404);
    assert.match(await old.text(), /This set-up link does not work any more/);
    const current = await welcome(linkToken(cli.relinked!.stdout));
    assert.equal(current.status, 200);
    const html = await current.text();
    assert.match(html, /nadia\.haddad@desk\.example/);
    assert.match(html, /name="confirmation"/);
    assert.equal((await welcome('made-up-token-made-up-token-made-up-token-xx')).status, 404);
  });

  it('the welcome page refuses a short, breached, too long or unconfirmed password with its reason, and keeps nothing', async () => {
    const token = linkToken(cli.relinked!.stdout);
    const cases: [string, string, RegExp][] = [
      ['elevenchars', 'elevenchars', /The password must be at least 12 characters long\./],
      ['Qwerty123456', 'Qwerty123456', /This password is on a list of passwords found in data breaches/],
      ['1QAZ2WSX3EDC', '1QAZ2WSX3EDC', /This password is on a list of passwords found in data breaches/],
      ['w'.repeat(257), 'w'.repeat(257), /The password must be at most 256 characters long\./],
      [NADIA_PASSWORD, `${NADIA_PASSWORD}!`, /The two passwords are not the same\./],
    ];
    for (const [password, confirmation, message] of cases) {
      const response = await postForm(url(`/console/welcome/${token}`), undefined, { password, confirmation });
      assert.equal(response.status, 400, password);
      const html = await response.text();
      assert.match(alertText(html), message);
      assert.match(html, /aria-invalid="true"/);
      assert.doesNotMatch(html, new RegExp(password.slice(0, 12)), 'the password is never sent back');
    }
    const spanish = await postForm(url(`/console/welcome/${token}`), undefined, { password: 'corta', confirmation: 'corta' }, { headers: { 'accept-language': 'es' } });
    assert.equal(spanish.status, 400);
    assert.match(await spanish.text(), /La contraseña debe tener al menos 12 caracteres\./);

    const crossSite = await postForm(url(`/console/welcome/${token}`), undefined, { password: NADIA_PASSWORD, confirmation: NADIA_PASSWORD }, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);

    const after = await (await welcome(token)).text();
    assert.match(after, /name="confirmation"/, 'still asks for a password: none was stored');
    assert.doesNotMatch(after, /class="ltr secret"/);
  });

  it('enrols the authenticator app: a wrong code is refused, the right one activates the account and signs in', async () => {
    const token = linkToken(cli.relinked!.stdout);
    const saved = await postForm(url(`/console/welcome/${token}`), undefined, { password: NADIA_PASSWORD, confirmation: NADIA_PASSWORD });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/console/welcome/${token}`);

    const page = await welcome(token);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    const secret = shownSecret(html);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const uri = /<code class="ltr uri">([^<]+)<\/code>/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(uri, 'the otpauth URI is shown');
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('secret'), secret);
    assert.equal(decodeURIComponent(parsed.pathname), `/Candor:${NADIA}`);
    assert.match(html, /<svg class="qr"[^>]*role="img"[^>]*aria-label="QR code with the key for your authenticator app"/);
    nadiaApp = new TestAuthenticator(secret);

    const tenMinutesAgo = currentTotp(secret, new Date(Date.now() - 10 * 60_000));
    const wrong = await postForm(url(`/console/welcome/${token}/totp`), undefined, { code: tenMinutesAgo });
    assert.equal(wrong.status, 400);
    assert.match(alertText(await wrong.text()), /This is not the current code of your authenticator app/);
    assert.equal(sessionCookie(wrong), undefined);

    const right = await postForm(url(`/console/welcome/${token}/totp`), undefined, { code: await nadiaApp.code() });
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), '/console/');
    const cookie = sessionCookie(right);
    assert.ok(cookie, 'a session cookie is set');
    const sessions = await getPage(url('/console/sessions'), { ...admin, cookie: cookie.header });
    assert.equal(sessions.status, 200);
    assert.match(await sessions.text(), /this browser/);

    const used = await welcome(token);
    assert.equal(used.status, 404, 'the link works once');
  });

  it('signs in with e-mail, password and code: a __Host- cookie, Secure, HttpOnly, SameSite, Path=/, no Domain; then the console opens', async () => {
    const form = await getPage(url('/console/login?next=%2Fconsole%2Fsessions'), undefined);
    assert.equal(form.status, 200);
    const html = await form.text();
    for (const field of ['email', 'password', 'code']) assert.match(html, new RegExp(`name="${field}"`));
    assert.match(html, /name="next" value="\/console\/sessions"/);
    assert.deepEqual(form.headers.getSetCookie(), [], 'the sign-in form sets no cookie');

    // What Chromium sends for a form of this page under Referrer-Policy: no-referrer.
    const sameOrigin = { 'sec-fetch-site': 'same-origin', origin: 'null' };
    const response = await signIn(' Nadia.Haddad@desk.example ', NADIA_PASSWORD, await nadiaApp.code(), { next: '/console/sessions' }, sameOrigin);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/console/sessions');
    const cookie = sessionCookie(response);
    assert.ok(cookie);
    assert.ok(cookie.header.startsWith('__Host-candor-session='));
    assert.match(cookie.header, /^__Host-candor-session=[A-Za-z0-9_-]{43}$/);
    assert.ok(cookie.attributes.has('secure'), cookie.raw);
    assert.ok(cookie.attributes.has('httponly'), cookie.raw);
    assert.equal(cookie.attributes.get('samesite'), 'Lax');
    assert.equal(cookie.attributes.get('path'), '/');
    assert.equal(cookie.attributes.has('domain'), false);
    assert.equal(cookie.attributes.get('max-age'), String(12 * 60 * 60));
    nadiaA = await asLogin(server.url, cookie.header, { ...admin, userId: nadiaId, email: NADIA, role: 'counsel' });

    const again = await getPage(url('/console/login?next=%2Fconsole%2Fsessions'), nadiaA);
    assert.equal(again.status, 303, 'signed in already: straight on');
    assert.equal(again.headers.get('location'), '/console/sessions');
  });

  it('refuses a replayed code, a wrong password, a wrong code and an unknown account with one message and status', async () => {
    const replayed = await signIn(NADIA, NADIA_PASSWORD, nadiaApp.replay());
    const wrongPassword = await signIn(NADIA, 'tamarind ferry lighthouse 43', nadiaApp.replay());
    const wrongCode = await signIn(NADIA, NADIA_PASSWORD, currentTotp(nadiaApp.secret, new Date(Date.now() - 10 * 60_000)));
    const unknown = await signIn('nobody@desk.example', NADIA_PASSWORD, nadiaApp.replay());
    for (const response of [replayed, wrongPassword, wrongCode, unknown]) {
      assert.equal(response.status, 400);
      assert.equal(sessionCookie(response), undefined);
      const html = await response.text();
      assert.equal(alertText(html), REFUSED);
      assert.doesNotMatch(html, /tamarind/);
    }

    // No timing tells an unknown account apart: each spends one Argon2id verification. The two are
    // timed in turns, so that whatever else the machine is doing slows both alike.
    const timed = async (email: string) => {
      const started = performance.now();
      await (await signIn(email, 'not the password at all', '123456')).arrayBuffer();
      return performance.now() - started;
    };
    const knownTimes: number[] = [];
    const strangerTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      knownTimes.push(await timed(NADIA));
      strangerTimes.push(await timed('stranger@desk.example'));
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[3]!;
    const known = median(knownTimes);
    const stranger = median(strangerTimes);
    assert.ok(stranger > known * 0.5, `unknown account ${stranger.toFixed(1)} ms, known ${known.toFixed(1)} ms`);

    const crossSite = await signIn(NADIA, NADIA_PASSWORD, '123456', {}, { 'sec-fetch-site': 'cross-site' });
    assert.equal(crossSite.status, 403);
    const otherOrigin = await signIn(NADIA, NADIA_PASSWORD, '123456', {}, { origin: 'https://attacker.example' });
    assert.equal(otherOrigin.status, 403);
  });

  it('a sensitive action sends a stale session to /console/step-up, and goes through after a fresh code', async () => {
    const guarded = await postForm(url('/console/users'), admin, { email: 'omar@desk.example', role: 'reviewer' }, { headers: { referer: url('/console/users') } });
    assert.equal(guarded.status, 303);
    assert.equal(guarded.headers.get('location'), '/console/step-up?next=%2Fconsole%2Fusers');
    assert.doesNotMatch(await (await getPage(url('/console/users'), admin)).text(), /omar@desk\.example/, 'nothing was added');

    const form = await getPage(url('/console/step-up?next=%2Fconsole%2Fusers'), admin);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /name="code"/);
    const wrong = await postForm(url('/console/step-up'), admin, { code: currentTotp(adminApp.secret, new Date(Date.now() - 10 * 60_000)), next: '/console/users' });
    assert.equal(wrong.status, 400);
    assert.match(alertText(await wrong.text()), /This is not the current code/);
    const noToken = await postForm(url('/console/step-up'), admin, { code: '123456', next: '/console/users' }, { csrf: null });
    assert.equal(noToken.status, 403);
    const right = await postForm(url('/console/step-up'), admin, { code: await adminApp.code(), next: '/console/users' });
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), '/console/users');
    const replay = await postForm(url('/console/step-up'), admin, { code: adminApp.replay(), next: '/console/users' });
    assert.equal(replay.status, 400, 'the same code twice');

    const added = await postForm(url('/console/users'), admin, { email: 'Omar@Desk.Example', role: 'reviewer' });
    assert.equal(added.status, 200);
    const html = await added.text();
    assert.match(html, /One-time set-up link/);
    const link = /<code class="ltr sign-in-link">([^<]+)<\/code>/.exec(html)?.[1];
    assert.ok(link);
    assert.equal((await welcome(linkToken(link))).status, 200, 'the link shown opens the welcome page');
    assert.match(html, /data-account="omar@desk\.example"/);
  });

  it('the accounts page explains refusals and changes roles, never leaving the desk without an administrator', async () => {
    const exists = await postForm(url('/console/users'), admin, { email: 'omar@desk.example', role: 'auditor' });
    assert.equal(exists.status, 409);
    assert.match(alertText(await exists.text()), /An account for omar@desk\.example exists already\./);
    const invalid = await postForm(url('/console/users'), admin, { email: 'omar(at)desk', role: 'auditor' });
    assert.equal(invalid.status, 400);
    assert.match(alertText(await invalid.text()), /“omar\(at\)desk” is not an e-mail address\./);
    const badRole = await postForm(url('/console/users'), admin, { email: 'zainab@desk.example', role: 'root' });
    assert.equal(badRole.status, 400);
    assert.match(alertText(await badRole.text()), /“root” is not a role/);

    const page = await (await getPage(url('/console/users'), admin)).text();
    const omarId = new RegExp(`data-account="omar@desk.example">[\\s\\S]*?action="/console/users/(\\d+)/role"`).exec(page)?.[1];
    assert.ok(omarId);
    const changed = await postForm(url(`/console/users/${omarId}/role`), admin, { role: 'counsel' });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /The role of omar@desk\.example is now: legal counsel\./);

    const demoteSelf = await postForm(url(`/console/users/${admin.userId}/role`), admin, { role: 'reviewer' });
    assert.equal(demoteSelf.status, 409);
    assert.match(alertText(await demoteSelf.text()), /without an active administrator/);
    const reviewerPage = await getPage(url('/console/users'), nadiaA);
    assert.equal(reviewerPage.status, 403, 'counsel does not manage accounts');
  });

  it('refuses a change without the CSRF token, with a wrong one, or from another site, and changes nothing', async () => {
    const revoke = url(`/console/sessions/${adminB.sessionId}/revoke`);
    const attempts = [
      await postForm(revoke, admin, {}, { csrf: null }),
      await postForm(revoke, admin, {}, { csrf: `${admin.csrf.slice(0, -2)}xx` }),
      await postForm(revoke, admin, {}, { headers: { 'sec-fetch-site': 'cross-site' } }),
      await postForm(revoke, admin, {}, { csrf: adminB.csrf }),
    ];
    for (const response of attempts) {
      assert.equal(response.status, 403);
      assert.match(await response.text(), /did not come from this console/);
    }
    assert.equal((await getPage(url('/console/sessions'), adminB)).status, 200, 'the session is still live');

    const sessions = await (await getPage(url('/console/sessions'), admin)).text();
    assert.match(sessions, /Firefox on Android/);
    assert.match(sessions, /Safari on macOS/);
    assert.match(new RegExp(`data-session="${admin.sessionId}"[\\s\\S]*?</tr>`).exec(sessions)?.[0] ?? '', /this browser/);

    const done = await postForm(revoke, admin, {});
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/console/sessions?done=revoked');
    const dead = await getPage(url('/console/sessions'), adminB);
    assert.equal(dead.status, 303);
    assert.equal(dead.headers.get('location'), '/console/login?next=%2Fconsole%2Fsessions');
    assert.doesNotMatch(await (await getPage(url('/console/sessions'), admin)).text(), /Firefox on Android/);
    const notMine = await postForm(url(`/console/sessions/${nadiaA.sessionId}/revoke`), admin, {});
    assert.equal(notMine.status, 404, "another person's session cannot be revoked from one's own page");
  });

  it('signs out everywhere else, keeping this session', async () => {
    const response = await postForm(url('/console/sessions/revoke-others'), admin, {});
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/console/sessions?done=others&count=1');
    assert.equal((await getPage(url('/console/sessions'), adminC)).status, 303);
    const page = await getPage(url('/console/sessions?done=others&count=1'), admin);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /One other session has ended\./);
  });

  it('signing out ends the session on the server: the old cookie no longer works', async () => {
    const response = await postForm(url('/console/logout'), nadiaA, {});
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/console/login?signed_out=1');
    const cleared = sessionCookie(response);
    assert.ok(cleared);
    assert.equal(cleared.header, '__Host-candor-session=');
    assert.ok(cleared.attributes.has('secure') && cleared.attributes.get('path') === '/');
    const after = await getPage(url('/console/sessions'), nadiaA);
    assert.equal(after.status, 303);
    assert.match(after.headers.get('location')!, /^\/console\/login/);
    assert.match(await (await getPage(url('/console/login?signed_out=1'), undefined)).text(), /You are signed out\./);
  });

  it('disabling an account ends its sessions and refuses its sign-in like any other', async () => {
    const signedIn = await signIn(NADIA, NADIA_PASSWORD, await nadiaApp.code());
    assert.equal(signedIn.status, 303);
    const nadiaB = { ...nadiaA, cookie: sessionCookie(signedIn)!.header };
    assert.equal((await getPage(url('/console/sessions'), nadiaB)).status, 200);
    // Signing in again in the same browser replaces its session rather than leaving the old one running.
    const again = await signIn(NADIA, NADIA_PASSWORD, await nadiaApp.code(), {}, { cookie: nadiaB.cookie });
    assert.equal(again.status, 303);
    const nadiaC = { ...nadiaA, cookie: sessionCookie(again)!.header };
    assert.equal((await getPage(url('/console/sessions'), nadiaB)).status, 303, 'the replaced session has ended');
    assert.equal((await getPage(url('/console/sessions'), nadiaC)).status, 200);

    const disabled = await postForm(url(`/console/users/${nadiaId}/disable`), admin, {});
    assert.equal(disabled.status, 200);
    assert.match(await disabled.text(), /nadia\.haddad@desk\.example is disabled; every session of the account has ended\./);
    assert.equal((await getPage(url('/console/sessions'), nadiaC)).status, 303);
    const refused = await signIn(NADIA, NADIA_PASSWORD, await nadiaApp.code());
    assert.equal(refused.status, 400);
    assert.equal(alertText(await refused.text()), REFUSED);
    const self = await postForm(url(`/console/users/${admin.userId}/disable`), admin, {});
    assert.equal(self.status, 400);
    assert.match(alertText(await self.text()), /You cannot disable your own account/);
  });

  it('after 100 failed sign-ins in an hour, even the right credentials are refused with 429', async () => {
    const token = linkToken(cli.tariq!.stdout);
    assert.equal((await postForm(url(`/console/welcome/${token}`), undefined, { password: TARIQ_PASSWORD, confirmation: TARIQ_PASSWORD })).status, 303);
    const app = new TestAuthenticator(shownSecret(await (await welcome(token)).text()));
    assert.equal((await postForm(url(`/console/welcome/${token}/totp`), undefined, { code: await app.code() })).status, 303);

    // Over HTTP, one after another: each is a real Argon2id verification of a wrong password.
    for (let i = 0; i < 100; i++) {
      const response = await signIn(TARIQ, `wrong password number ${i}`, '000000');
      assert.equal(response.status, 400, `failure ${i + 1}`);
      await response.arrayBuffer();
    }
    const blocked = await signIn(TARIQ, TARIQ_PASSWORD, await app.code());
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '3600');
    assert.equal(sessionCookie(blocked), undefined);
    assert.match(alertText(await blocked.text()), /too many failed sign-ins for this account in the last hour/);
    const capitals = await signIn(TARIQ.toUpperCase(), TARIQ_PASSWORD, app.replay());
    assert.equal(capitals.status, 429, 'the limit follows the account, however its address is written');
  });

  it('sessions end after 30 idle minutes and 12 hours after sign-in (the clock moved back with the server stopped); the audit trail has every attempt', async () => {
    const firstLogs = server.logs;
    assert.equal(await server.stop(), 0);
    const handle = await database.open();
    let absolute: string;
    let fresh: string;
    try {
      const db = handle.db;
      await db.updateTable('staff_sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('id', '=', admin.sessionId).execute();
      absolute = `${SESSION_COOKIE}=${(await createSession(db, admin.userId, 'test', new Date(Date.now() - (12 * 60 + 1) * 60_000))).token}`;
      await db.updateTable('staff_sessions').set({ last_seen_at: new Date() }).where('user_id', '=', admin.userId).where('created_at', '<', new Date(Date.now() - 12 * 60 * 60_000)).execute();
      fresh = `${SESSION_COOKIE}=${(await createSession(db, admin.userId, 'test')).token}`;

      const events = await db.selectFrom('audit_events').select(['action', 'actor', 'subject_id', 'payload']).where('subject_type', '=', 'staff_user').orderBy('id').execute();
      const actions = events.map((event) => event.action);
      for (const action of ['staff.created', 'staff.sign_in_link_issued', 'staff.password_set', 'staff.totp_enrolment_failed', 'staff.activated', 'staff.signed_in', 'staff.sign_in_failed', 'staff.sign_in_throttled', 'staff.step_up_failed', 'staff.stepped_up', 'staff.role_changed', 'staff.session_revoked', 'staff.other_sessions_revoked', 'staff.signed_out', 'staff.disabled']) {
        assert.ok(actions.includes(action), `an event ${action}`);
      }
      const created = events.find((event) => event.action === 'staff.created' && event.subject_id === nadiaId)!;
      assert.equal(created.actor, 'cli');
      assert.deepEqual((created.payload as { email: string; role: string }).role, 'counsel');
      const failures = events.filter((event) => event.action === 'staff.sign_in_failed');
      assert.ok(failures.length >= 100);
      const reasons = new Set(failures.map((event) => (event.payload as { reason: string }).reason));
      for (const reason of ['password', 'code', 'unknown_account', 'disabled']) assert.ok(reasons.has(reason), `a failure for ${reason}`);
      const stranger = failures.find((event) => (event.payload as { reason: string }).reason === 'unknown_account')!;
      assert.equal(stranger.subject_id, null);
      assert.match((stranger.payload as { account_key: string }).account_key, /^account:[A-Za-z0-9_-]{32}$/);
      const everything = JSON.stringify(events);
      for (const secret of [NADIA_PASSWORD, TARIQ_PASSWORD, 'nobody@desk.example', 'stranger@desk.example', 'wrong password number', nadiaApp.secret]) {
        assert.ok(!everything.includes(secret), `the audit trail never holds ${secret}`);
      }
      const stored = await db.selectFrom('staff_users').select(['password_hash', 'totp_secret', 'email']).where('id', '=', nadiaId).executeTakeFirstOrThrow();
      assert.match(stored.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!stored.totp_secret!.includes(nadiaApp.secret), 'the TOTP secret is stored encrypted');
      const links = await db.selectFrom('staff_sign_in_links').select(['token_hash']).execute();
      for (const printed of [cli.added!.stdout, cli.relinked!.stdout]) assert.ok(!links.some((link) => link.token_hash === linkToken(printed)), 'only hashes of links are kept');
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
    const idle = await getPage(url('/console/sessions'), admin);
    assert.equal(idle.status, 303, 'idle for 31 minutes');
    assert.equal((await getPage(url('/console/sessions'), { ...admin, cookie: absolute })).status, 303, 'signed in 12 hours and a minute ago, used just now');
    assert.equal((await getPage(url('/console/sessions'), { ...admin, cookie: fresh })).status, 200);
    const logged = JSON.stringify(firstLogs);
    assert.match(logged, /\/console\/welcome\/…/, 'requests to set-up pages are logged');
    for (const printed of [cli.added!.stdout, cli.relinked!.stdout, cli.tariq!.stdout]) assert.ok(!logged.includes(linkToken(printed)), 'no set-up token in the log');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HelpRequest } from '../../src/assistance/help-form.ts';
import { openCase } from '../../src/assistance/open-case.ts';
import { ROLES, type Role } from '../../src/auth/permissions.ts';
import { createRequests } from '../../src/requests/create-requests.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const help = (changes: Partial<HelpRequest>): HelpRequest => ({
  language: 'en',
  threatKind: 'lawsuit',
  description: 'A developer of a holiday resort sued me over the photographs of the beach I uploaded.',
  country: 'GR',
  authority: 'Court of First Instance of Chania',
  project: 'commons.wikimedia.org',
  role: 'photographer',
  courtCase: true,
  courtDeadline: null,
  relatedUrls: ['https://commons.wikimedia.org/wiki/File:Beach.jpg'],
  relatedReference: null,
  name: 'Eleni P.',
  email: 'eleni.private@example.org',
  phone: '+30 210 000 0000',
  messenger: null,
  ...changes,
});

describe('the legal-help cases in the console', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const logins = {} as Record<Role, StaffLogin>;
  let soon: string; // deadline in 5 days, a request reference given
  let later: string; // deadline in 40 days
  let none: string; // no deadline
  let closed: string; // closed, deadline tomorrow
  let request: string;
  let other: string;
  /** Views of `soon` the tests made, by actor: each must be an audit event. */
  const views: string[] = [];

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    try {
      for (const role of ROLES) logins[role] = await createStaffLogin(handle.db, role);
      const created = await handle.db.transaction().execute((trx) =>
        createRequests(
          trx,
          [
            { kind: 'content_alteration', category: 'defamation', channel: 'web', receivedAt: new Date(), requester: { type: 'company', country: 'GR' } },
            { kind: 'copyright', category: null, channel: 'email', receivedAt: new Date(), requester: { type: 'lawyer', country: 'GR' } },
          ],
          'test',
        ),
      );
      [request, other] = created.map((row) => row.reference) as [string, string];
      later = (await openCase(handle.db, help({ courtDeadline: day(40), email: 'later@example.org' }), 'web-form')).reference;
      none = (await openCase(handle.db, help({ courtCase: false, threatKind: 'harassment', email: 'none@example.org' }), 'web-form')).reference;
      soon = (await openCase(handle.db, help({ courtDeadline: day(5), relatedReference: request }), 'web-form')).reference;
      closed = (await openCase(handle.db, help({ courtDeadline: day(1), email: 'closed@example.org' }), 'web-form')).reference;
      await handle.db.updateTable('assistance_cases').set({ state: 'closed' }).where('reference', '=', closed).execute();
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const url = (path: string) => `${server.url}${path}`;
  const listed = (html: string) => [...html.matchAll(/href="\/console\/assistance\/(LA-\d{4}-\d{6})"/g)].map((match) => match[1]);
  const viewSoon = async (login: StaffLogin) => {
    const response = await getPage(url(`/console/assistance/${soon}`), login);
    if (response.status === 200) views.push(login.email);
    return response;
  };
  const work = async (form: string, fields: Record<string, string>, login = logins.counsel, reference = soon) => {
    const response = await postForm(url(`/console/assistance/${reference}/${form}`), login, fields);
    if (response.status === 400 && reference === soon) views.push(login.email); // a form sent back shows the case again
    return response;
  };

  it('sends a visitor without a session to sign in', async () => {
    for (const path of ['/console/assistance', `/console/assistance/${soon}`]) {
      const response = await getPage(url(path), undefined);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `/console/login?next=${encodeURIComponent(path)}`);
    }
    const post = await postForm(url(`/console/assistance/${soon}/outcome`), undefined, { outcome: 'x' });
    assert.equal(post.status, 303);
    assert.match(post.headers.get('location') ?? '', /^\/console\/login/);
  });

  it('refuses reviewers, editors and auditors (403), on every page and form', async () => {
    for (const role of ['reviewer', 'editor', 'auditor'] as const) {
      for (const path of ['/console/assistance', `/console/assistance/${soon}`]) {
        const response = await getPage(url(path), logins[role]);
        assert.equal(response.status, 403, `${role} ${path}`);
        const html = await response.text();
        assert.ok(html.includes('Your role does not allow this.'));
        assert.ok(!html.includes('eleni.private@example.org'));
      }
      assert.equal((await postForm(url(`/console/assistance/${soon}/outcome`), logins[role], { outcome: 'x' })).status, 403);
    }
  });

  it('lists cases to counsel and admins, soonest court deadline first, open ones by default, without contact data', async () => {
    for (const role of ['counsel', 'admin'] as const) {
      const response = await getPage(url('/console/assistance'), logins[role]);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.deepEqual(listed(html), [soon, later, none]);
      assert.ok(!html.includes('@example.org') && !html.includes('Eleni'), 'no contact data in the list');
      assert.ok(html.includes('in 5 days'));
    }
    const all = await (await getPage(url('/console/assistance?state=all'), logins.counsel)).text();
    assert.deepEqual(listed(all), [closed, soon, later, none]);
    assert.deepEqual(listed(await (await getPage(url('/console/assistance?state=closed'), logins.counsel)).text()), [closed]);
    assert.deepEqual(listed(await (await getPage(url('/console/assistance?deadline=week'), logins.counsel)).text()), [soon]);
    assert.deepEqual(listed(await (await getPage(url('/console/assistance?deadline=none'), logins.counsel)).text()), [none]);
    const bad = await getPage(url('/console/assistance?state=lost&deadline=soonish'), logins.counsel);
    assert.equal(bad.status, 400);
    const text = await bad.text();
    assert.ok(text.includes('&quot;lost&quot; is not one of the states offered'));
    assert.ok(text.includes('&quot;soonish&quot; is not one of the deadline filters offered'));
  });

  it('shows a case with its contact data, and answers an unknown reference with 404', async () => {
    const response = await viewSoon(logins.counsel);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes('eleni.private@example.org'));
    assert.ok(html.includes('+30 210 000 0000'));
    assert.ok(html.includes('Court of First Instance of Chania'));
    assert.ok(html.includes(`The contributor gave the request reference ${request}.`));
    assert.ok(html.includes('Viewed once, this time included'));
    assert.equal((await viewSoon(logins.admin)).status, 200);
    assert.equal((await getPage(url('/console/assistance/LA-2026-999999'), logins.counsel)).status, 404);
    assert.equal((await getPage(url('/console/assistance/nonsense'), logins.counsel)).status, 404);
  });

  it('records eligibility, counsel, funding, the outcome and states, and links and unlinks requests', async () => {
    const saved = async (response: Response, form: string) => {
      assert.equal(response.status, 303, form);
      assert.equal(response.headers.get('location'), `/console/assistance/${soon}?saved=${form}#${form}`);
    };
    await saved(await work('eligibility', { eligibility: 'eligible', reasons: 'Sued over uploads made in good faith; within the programme.' }), 'eligibility');
    await saved(await work('counsel', { counsel_name: 'Maria K.', counsel_firm: 'Law Office K. & Partners', referred_on: day(0) }), 'counsel');
    await saved(await work('state', { state: 'referred' }), 'state');
    await saved(await work('funding', { amount: '2500.50', currency: 'eur', approved_on: day(0) }), 'funding');
    await saved(await work('state', { state: 'funded' }, logins.admin), 'state');
    await saved(await work('link', { request_reference: request.toLowerCase() }), 'link');
    await saved(await work('link', { request_reference: other }), 'link');
    await saved(await work('unlink', { request_reference: other }), 'unlink');
    await saved(await work('outcome', { outcome: 'The claim was withdrawn after our counsel answered.' }), 'outcome');
    const again = await work('outcome', { outcome: 'The claim was withdrawn after our counsel answered.' });
    assert.equal(again.headers.get('location'), `/console/assistance/${soon}?unchanged=outcome#outcome`);

    const page = await viewSoon(logins.counsel);
    const html = await page.text();
    assert.ok(!html.includes('class="done"'), 'no notice without the query');
    assert.ok(html.includes('€2,500.50'), 'the amount in its currency');
    assert.ok(html.includes('Maria K. (Law Office K. &amp; Partners)'));
    assert.ok(html.includes(request) && !html.includes(`<td class="ltr">${other}</td>`), 'one request linked, the other unlinked');
    assert.ok(html.includes('Funding approved: <span class="ltr">—</span> → <span class="ltr">2500.5</span>'));
  });

  it('refuses bad amounts, currencies, dates, states and references with a message on the form, changing nothing', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['funding', { amount: '-5', currency: 'EUR', approved_on: day(0) }, '&quot;-5&quot; is not an amount'],
      ['funding', { amount: '0.00', currency: 'EUR', approved_on: day(0) }, 'The amount must be more than zero.'],
      ['funding', { amount: 'lots', currency: 'EUR', approved_on: day(0) }, '&quot;lots&quot; is not an amount'],
      ['funding', { amount: '1000', currency: 'XYZ', approved_on: day(0) }, '&quot;XYZ&quot; is not an ISO 4217 currency code'],
      ['funding', { amount: '1000', currency: 'EURO', approved_on: day(0) }, '&quot;EURO&quot; is not an ISO 4217 currency code'],
      ['funding', { amount: '1000.5', currency: 'JPY', approved_on: day(0) }, 'Amounts in JPY are whole numbers.'],
      ['funding', { amount: '1000', currency: 'USD', approved_on: day(30) }, 'is in the future'],
      ['funding', { amount: '', currency: '', approved_on: '' }, 'Give the amount approved.'],
      ['counsel', { counsel_name: '', referred_on: '2026-02-30' }, '&quot;2026-02-30&quot; is not a date'],
      ['eligibility', { eligibility: 'ineligible', reasons: ' ' }, 'Give the reasons for this eligibility decision.'],
      ['eligibility', { eligibility: 'maybe', reasons: 'x' }, 'Choose pending, eligible or ineligible.'],
      ['state', { state: 'declined' }, 'A case is declined when it is found ineligible'],
      ['state', { state: 'lost' }, 'Choose one of the states offered.'],
      ['outcome', { outcome: '' }, 'Describe the outcome.'],
      ['link', { request_reference: 'CR-1999-999999' }, 'No request has the reference CR-1999-999999.'],
      ['link', { request_reference: 'LA-2026-000001' }, '&quot;LA-2026-000001&quot; is not a request reference'],
      ['link', { request_reference: request }, `${request} is already linked to this case.`],
      ['unlink', { request_reference: other }, `${other} is not linked to this case.`],
    ];
    for (const [form, fields, message] of cases) {
      const response = await work(form, fields);
      assert.equal(response.status, 400, `${form} ${JSON.stringify(fields)}`);
      const html = await response.text();
      assert.ok(html.includes(message), `${form}: ${message}`);
      assert.ok(html.includes('role="alert"'));
    }
    const fresh = await work('funding', { amount: '100', currency: 'EUR', approved_on: day(0) }, logins.counsel, later);
    assert.equal(fresh.status, 400);
    assert.ok((await fresh.text()).includes('Funding can be approved only for a case found eligible'));
    const referred = await work('state', { state: 'referred' }, logins.counsel, none);
    assert.ok((await referred.text()).includes('record the referral first'));
    assert.equal((await work('bogus', { x: '1' })).status, 404);
  });

  it('refuses a change without the CSRF token (403), or from another site, changing nothing', async () => {
    const missing = await postForm(url(`/console/assistance/${later}/eligibility`), logins.counsel, { eligibility: 'ineligible', reasons: 'x' }, { csrf: null });
    assert.equal(missing.status, 403);
    const wrong = await postForm(url(`/console/assistance/${later}/eligibility`), logins.counsel, { eligibility: 'ineligible', reasons: 'x' }, { csrf: 'forged' });
    assert.equal(wrong.status, 403);
    const crossSite = await postForm(url(`/console/assistance/${later}/eligibility`), logins.counsel, { eligibility: 'ineligible', reasons: 'x' }, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    // A browser posting one of our own forms under Referrer-Policy: no-referrer says Origin: null.
    const ownPage = await postForm(url(`/console/assistance/${later}/eligibility`), logins.counsel, { eligibility: 'pending', reasons: '' }, { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    assert.equal(ownPage.status, 303);
    assert.equal(ownPage.headers.get('location'), `/console/assistance/${later}?unchanged=eligibility#eligibility`);
  });

  it('kept every change with its audit event, every view as an event, and no personal value in the trail', async () => {
    await server.stop();
    const handle = await database.open();
    try {
      const row = await handle.db.selectFrom('assistance_cases').selectAll().where('reference', '=', soon).executeTakeFirstOrThrow();
      assert.equal(row.state, 'funded');
      assert.equal(row.eligibility, 'eligible');
      assert.equal(row.counsel_name, 'Maria K.');
      assert.equal(row.funding_amount, '2500.5000');
      assert.equal(row.funding_currency, 'EUR');
      assert.equal(row.outcome, 'The claim was withdrawn after our counsel answered.');
      const links = await handle.db.selectFrom('assistance_case_requests').innerJoin('requests', 'requests.id', 'assistance_case_requests.request_id').select(['requests.reference', 'linked_by']).where('case_id', '=', row.id).execute();
      assert.deepEqual(links, [{ reference: request, linked_by: logins.counsel.email }]);
      for (const untouched of [later, none]) {
        const other = await handle.db.selectFrom('assistance_cases').select(['state', 'eligibility', 'eligibility_reasons', 'funding_amount', 'counsel_name']).where('reference', '=', untouched).executeTakeFirstOrThrow();
        assert.deepEqual(other, { state: 'received', eligibility: 'pending', eligibility_reasons: null, funding_amount: null, counsel_name: null }, untouched);
      }

      const events = await handle.db.selectFrom('audit_events').select(['action', 'actor', 'payload']).where('subject_type', '=', 'assistance_case').where('subject_id', '=', row.id).orderBy('id').execute();
      const viewed = events.filter((event) => event.action === 'assistance_case.viewed');
      assert.deepEqual(viewed.map((event) => event.actor), views, 'one event per view, by the staff e-mail');
      assert.ok(viewed.every((event) => (event.payload as { reference: string }).reference === soon));
      const changes = events.filter((event) => event.action !== 'assistance_case.viewed').map((event) => [event.action, event.actor]);
      assert.deepEqual(changes, [
        ['assistance_case.opened', 'web-form'],
        ['assistance_case.eligibility_recorded', logins.counsel.email],
        ['assistance_case.counsel_referred', logins.counsel.email],
        ['assistance_case.state_changed', logins.counsel.email],
        ['assistance_case.funding_approved', logins.counsel.email],
        ['assistance_case.state_changed', logins.admin.email],
        ['assistance_case.request_linked', logins.counsel.email],
        ['assistance_case.request_linked', logins.counsel.email],
        ['assistance_case.request_unlinked', logins.counsel.email],
        ['assistance_case.outcome_recorded', logins.counsel.email],
      ]);
      const payload = (action: string) => events.find((event) => event.action === action)!.payload as { changes: Record<string, unknown>; personal_fields_changed: string[] };
      assert.deepEqual(payload('assistance_case.funding_approved').changes, {
        funding_amount: { from: null, to: '2500.5' },
        funding_currency: { from: null, to: 'EUR' },
        funding_approved_on: { from: null, to: day(0) },
      });
      assert.deepEqual(payload('assistance_case.eligibility_recorded'), {
        reference: soon,
        changes: { eligibility: { from: 'pending', to: 'eligible' } },
        personal_fields_changed: ['eligibility_reasons'],
      } as never);
      assert.deepEqual(payload('assistance_case.counsel_referred').personal_fields_changed, ['counsel_name']);
      assert.deepEqual(payload('assistance_case.outcome_recorded').personal_fields_changed, ['outcome']);
      const trail = JSON.stringify(await handle.db.selectFrom('audit_events').select('payload').execute());
      for (const secret of ['eleni', 'Eleni', 'good faith', 'Maria K.', 'withdrawn', 'Chania', '+30']) assert.ok(!trail.includes(secret), `the trail does not copy ${secret}`);
      const refused = events.filter((event) => event.action !== 'assistance_case.viewed' && event.actor === logins.counsel.email).length;
      assert.equal(refused, 8, 'no refused change left an event');
    } finally {
      await handle.close();
    }
    server = await startServer(database.env);
  });
});

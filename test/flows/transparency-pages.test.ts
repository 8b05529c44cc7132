import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import { changeRequest } from '../../src/requests/change-request.ts';
import { createRequests, type NewRequest } from '../../src/requests/create-requests.ts';
import type { Kind, Outcome, RequesterType } from '../../src/requests/model.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

// The public transparency report and publishing it. Every figure the pages show is checked
// against counts written out here by hand from the requests this file creates, not from Candor's code.

const Y = new Date().getUTCFullYear() - 1; // the last full year: the headline's year
const P = `${Y}-H1`; // the period most checks look at
const BEFORE = `${Y - 1}-H2`; // the period before it, of the same length

interface Spec {
  kind: Kind;
  category?: string | null;
  country?: string | null;
  type?: RequesterType | null;
  outcome?: Outcome | null;
  at: string;
  projects?: string[];
  accounts?: [number, number, number];
}

let serial = 0;
function request(spec: Spec): NewRequest {
  serial += 1;
  return {
    kind: spec.kind,
    category: spec.category ?? null,
    channel: 'post',
    receivedAt: new Date(spec.at),
    outcome: spec.outcome ?? null,
    requester: { name: `Requester ${serial}`, type: spec.type ?? null, country: spec.country ?? null },
    targets: (spec.projects ?? []).map((project) => ({ type: 'page' as const, url: `https://${project}/wiki/Page_${serial}`, project })),
    accounts: spec.accounts ? { potentiallyAffected: spec.accounts[0], actuallyAffected: spec.accounts[1], notified: spec.accounts[2] } : undefined,
  };
}

const inP = `${Y}-03-10T12:00:00Z`;
const inBefore = `${Y - 1}-09-01T12:00:00Z`;
const inH2 = `${Y}-10-05T12:00:00Z`;
const EN = ['en.wikipedia.org'];
const DE = ['de.wikipedia.org'];
const COMMONS = ['commons.wikimedia.org'];

/** The requests of P. Comments give what each one adds to the counts below. */
const REQUESTS_P: Spec[] = [
  // content alteration: 8 counted (+1 duplicate of c2, not counted)
  { kind: 'content_alteration', category: 'defamation', country: 'US', type: 'court', outcome: 'granted', at: inP, projects: EN }, // c1
  { kind: 'content_alteration', category: 'defamation', country: 'US', type: 'lawyer', outcome: 'denied', at: inP, projects: EN }, // c2
  { kind: 'content_alteration', category: 'privacy', country: 'US', type: 'individual', outcome: 'denied', at: inP, projects: [...EN, ...DE] }, // c3
  { kind: 'content_alteration', category: 'privacy', country: 'DE', type: 'individual', outcome: 'partially_granted', at: inP, projects: DE }, // c4
  { kind: 'content_alteration', category: 'erasure', country: 'DE', type: 'company', outcome: 'denied', at: inP, projects: DE }, // c5
  { kind: 'content_alteration', category: 'trademark', country: 'FR', type: 'company', outcome: 'denied', at: inP }, // c6
  { kind: 'content_alteration', category: 'other', country: null, type: null, outcome: 'not_actionable', at: inP }, // c7
  { kind: 'content_alteration', category: 'unlawful', country: null, type: 'executive', outcome: 'denied', at: `${Y}-06-30T23:59:59Z`, projects: EN }, // c8, last second of P
  // copyright: 16 notices (US 10 on Commons: 1 granted, 3 in part, 6 denied; GB 6 on en.wikipedia.org, denied) and 2 counter-notices
  { kind: 'copyright', country: 'US', type: 'company', outcome: 'granted', at: inP, projects: COMMONS },
  ...Array.from({ length: 3 }, () => ({ kind: 'copyright' as const, country: 'US', type: 'company' as const, outcome: 'partially_granted' as const, at: inP, projects: COMMONS })),
  ...Array.from({ length: 6 }, () => ({ kind: 'copyright' as const, country: 'US', type: 'lawyer' as const, outcome: 'denied' as const, at: inP, projects: COMMONS })),
  ...Array.from({ length: 6 }, () => ({ kind: 'copyright' as const, country: 'GB', type: 'lawyer' as const, outcome: 'denied' as const, at: inP, projects: EN })),
  { kind: 'copyright', category: 'counter_notice', country: 'US', type: 'individual', outcome: 'granted', at: inP, projects: COMMONS },
  { kind: 'copyright', category: 'counter_notice', country: 'US', type: 'individual', outcome: 'denied', at: inP, projects: COMMONS },
  // user data: 3
  { kind: 'user_data', category: 'civil_subpoena', country: 'US', type: 'law_enforcement', outcome: 'partially_granted', at: inP, accounts: [5, 2, 1] },
  { kind: 'user_data', category: 'court_order', country: 'BR', type: 'court', outcome: 'granted', at: inP, accounts: [3, 3, 3] },
  { kind: 'user_data', category: 'informal_private', country: null, type: 'individual', outcome: 'denied', at: inP, accounts: [1, 0, 0] },
  // preservation: 1; emergency: 2
  { kind: 'preservation', country: 'US', type: 'law_enforcement', at: inP },
  { kind: 'emergency', category: 'self_harm', country: 'US', type: 'individual', outcome: 'granted', at: inP },
  { kind: 'emergency', category: 'violence', country: 'GB', type: 'individual', outcome: 'denied', at: inP },
];

/** The period before P: content 4 (US 2, DE 1, unknown 1), copyright 10 (US). */
const REQUESTS_BEFORE: Spec[] = [
  { kind: 'content_alteration', category: 'defamation', country: 'US', type: 'court', outcome: 'granted', at: inBefore },
  { kind: 'content_alteration', category: 'defamation', country: 'US', type: 'court', outcome: 'denied', at: inBefore },
  { kind: 'content_alteration', category: 'privacy', country: 'DE', type: 'individual', outcome: 'denied', at: inBefore },
  { kind: 'content_alteration', category: 'other', country: null, type: null, outcome: 'denied', at: `${Y - 1}-12-31T23:59:59Z` },
  ...Array.from({ length: 10 }, () => ({ kind: 'copyright' as const, country: 'US', type: 'company' as const, outcome: 'denied' as const, at: inBefore, projects: COMMONS })),
];

/** The second half of Y: content 2 (1 granted), copyright 1 (granted). */
const REQUESTS_H2: Spec[] = [
  { kind: 'content_alteration', category: 'defamation', country: 'US', type: 'court', outcome: 'granted', at: `${Y}-07-01T00:00:00Z` },
  { kind: 'content_alteration', category: 'privacy', country: 'US', type: 'individual', outcome: 'denied', at: inH2 },
  { kind: 'copyright', country: 'US', type: 'company', outcome: 'granted', at: inH2, projects: COMMONS },
];

const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The count a figure cell shows, and where it links. */
function figure(html: string, id: string): { text: string; href: string } | undefined {
  const match = new RegExp(`data-figure="${escapeRegExp(id)}"><a href="([^"]+)">([^<]+)</a>`).exec(html);
  return match ? { href: decode(match[1]!), text: match[2]! } : undefined;
}
function cell(html: string, attribute: string, id: string): string | undefined {
  return new RegExp(`${attribute}="${escapeRegExp(id)}">([^<]*)<`).exec(html)?.[1];
}

/** Checks every cell of a table row: counts, shares (rounded half up, written by hand), previous and change. */
function checkRow(html: string, table: string, key: string, expected: { received: number; full?: number; fullShare?: string; partial?: number; partialShare?: string; previous: number; change: string }) {
  const where = `${table} ${key || '(unknown)'}`;
  assert.equal(figure(html, `${table}:${key}:received`)?.text, String(expected.received), `${where} received`);
  if (expected.full !== undefined) {
    assert.equal(figure(html, `${table}:${key}:full`)?.text, String(expected.full), `${where} in full`);
    assert.equal(cell(html, 'data-share', `${table}:${key}:full`), expected.fullShare, `${where} share in full`);
    assert.equal(figure(html, `${table}:${key}:partial`)?.text, String(expected.partial), `${where} in part`);
    assert.equal(cell(html, 'data-share', `${table}:${key}:partial`), expected.partialShare, `${where} share in part`);
  }
  assert.equal(cell(html, 'data-previous', `${table}:${key}`), String(expected.previous), `${where} previous`);
  assert.equal(cell(html, 'data-change', `${table}:${key}`), expected.change, `${where} change`);
}

/** The keys of a table's rows, in the order the page shows them. */
function rowKeys(html: string, table: string): string[] {
  return [...html.matchAll(new RegExp(`data-figure="${escapeRegExp(table)}:([^:"]*):received"`, 'g'))].map((match) => match[1]!);
}

describe('the transparency report pages and publishing a period', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const logins = {} as Record<'admin' | 'counsel' | 'counselStepped' | 'reviewer' | 'editor' | 'auditor', StaffLogin>;
  let c2Id = 0;
  let publishedHash = '';

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    await handle.db.transaction().execute(async (trx) => {
      const created = await createRequests(trx, [...REQUESTS_P, ...REQUESTS_BEFORE, ...REQUESTS_H2].map(request), 'test');
      c2Id = created[1]!.id;
      // A repeat of c2 linked as its duplicate: counts once, so not at all here.
      await createRequests(trx, [{ ...request({ kind: 'content_alteration', category: 'defamation', country: 'US', type: 'lawyer', outcome: 'denied', at: inP, projects: EN }), duplicateOfId: c2Id }], 'test');
    });
    logins.admin = await createStaffLogin(handle.db, 'admin');
    logins.counsel = await createStaffLogin(handle.db, 'counsel');
    logins.counselStepped = await createStaffLogin(handle.db, 'counsel');
    logins.reviewer = await createStaffLogin(handle.db, 'reviewer');
    logins.editor = await createStaffLogin(handle.db, 'editor');
    logins.auditor = await createStaffLogin(handle.db, 'auditor');
    // Both factors entered just now for these two, as /console/step-up records it; ten minutes ago for the other counsel.
    await handle.db.updateTable('staff_sessions').set({ stepped_up_at: new Date() }).where('id', 'in', [logins.admin.sessionId, logins.counselStepped.sessionId]).execute();
    await handle.db.updateTable('staff_sessions').set({ stepped_up_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', logins.counsel.sessionId).execute();
    await handle.close();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', headers });
  const page = async (path: string) => {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('set-cookie'), null, `${path} sets no cookie`);
    return response.text();
  };

  it('lists every period with figures, newest first, with the headline for last year computed from the requests', async () => {
    const html = await page('/en/transparency');
    // 10 + 17 takedown requests in Y (counter-notices aside); granted in full or in part: content 2 + 1, copyright 2 + 3.
    assert.ok(html.includes(`Last year (${Y}) we received 27 takedown requests and granted 8 of them.`), 'headline');
    assert.ok(html.includes('Counter-notices, which ask for content to be restored, are not counted.'), 'the definition is stated');
    const now = new Date();
    const current = now.getUTCFullYear();
    const expected = [String(current), ...(now.getUTCMonth() >= 6 ? [`${current}-H2`] : []), `${current}-H1`, String(Y), `${Y}-H2`, `${Y}-H1`, String(Y - 1), `${Y - 1}-H2`];
    const listed = [...html.matchAll(/data-period="([^"]+)">([^<]+)</g)].map((match) => [match[1], match[2]]);
    assert.deepEqual(listed.map(([id]) => id), expected);
    const counts = Object.fromEntries(listed);
    // P: 8 + 16 + 2 + 3 + 1 + 2; the half before: 4 + 10; Y-H2: 3.
    assert.equal(counts[P], '32');
    assert.equal(counts[`${Y}-H2`], '3');
    assert.equal(counts[String(Y)], '35');
    assert.equal(counts[BEFORE], '14');
    assert.equal(counts[String(Y - 1)], '14');
    assert.equal(counts[String(current)], '0');
    assert.ok(html.includes('Provisional, not yet published'));
  });

  it("shows every figure of a period, its shares rounded half up, the change against the period before and links to the notices it counts", async () => {
    const html = await page(`/en/transparency/${P}`);
    assert.ok(html.includes('Provisional figures.'), 'unpublished figures are labelled provisional');
    assert.ok(html.includes('rounded half up'), 'the rounding rule is stated');
    assert.ok(!html.includes('<script'), 'no script');
    // Totals: 1 of 8 is 12.5 %; 1 of 16 is 6.25 % → 6.3 %; 3 of 16 is 18.75 % → 18.8 %; 1 of 3 is 33.3 %.
    checkRow(html, 'totals', 'content_alteration', { received: 8, full: 1, fullShare: '12.5%', partial: 1, partialShare: '12.5%', previous: 4, change: '+4' });
    checkRow(html, 'totals', 'copyright', { received: 16, full: 1, fullShare: '6.3%', partial: 3, partialShare: '18.8%', previous: 10, change: '+6' });
    checkRow(html, 'totals', 'counter_notice', { received: 2, previous: 0, change: '+2' });
    checkRow(html, 'totals', 'user_data', { received: 3, full: 1, fullShare: '33.3%', partial: 1, partialShare: '33.3%', previous: 0, change: '+3' });
    checkRow(html, 'totals', 'preservation', { received: 1, previous: 0, change: '+1' });
    checkRow(html, 'totals', 'emergency', { received: 2, full: 1, fullShare: '50.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+2' });
    // Content by country, ground, project, requester type.
    assert.deepEqual(rowKeys(html, 'content_alteration-country'), ['US', 'DE', '', 'FR']);
    checkRow(html, 'content_alteration-country', 'US', { received: 3, full: 1, fullShare: '33.3%', partial: 0, partialShare: '0.0%', previous: 2, change: '+1' });
    checkRow(html, 'content_alteration-country', 'DE', { received: 2, full: 0, fullShare: '0.0%', partial: 1, partialShare: '50.0%', previous: 1, change: '+1' });
    checkRow(html, 'content_alteration-country', '', { received: 2, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 1, change: '+1' });
    checkRow(html, 'content_alteration-country', 'FR', { received: 1, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+1' });
    assert.deepEqual(rowKeys(html, 'content_alteration-category'), ['defamation', 'privacy', 'erasure', 'other', 'trademark', 'unlawful']);
    checkRow(html, 'content_alteration-category', 'defamation', { received: 2, full: 1, fullShare: '50.0%', partial: 0, partialShare: '0.0%', previous: 2, change: '0' });
    checkRow(html, 'content_alteration-category', 'privacy', { received: 2, full: 0, fullShare: '0.0%', partial: 1, partialShare: '50.0%', previous: 1, change: '+1' });
    checkRow(html, 'content_alteration-category', 'other', { received: 1, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 1, change: '0' });
    assert.deepEqual(rowKeys(html, 'content_alteration-project'), ['en.wikipedia.org', 'de.wikipedia.org', '']);
    checkRow(html, 'content_alteration-project', 'en.wikipedia.org', { received: 4, full: 1, fullShare: '25.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+4' });
    checkRow(html, 'content_alteration-project', 'de.wikipedia.org', { received: 3, full: 0, fullShare: '0.0%', partial: 1, partialShare: '33.3%', previous: 0, change: '+3' });
    checkRow(html, 'content_alteration-project', '', { received: 2, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 4, change: '-2' });
    assert.deepEqual(rowKeys(html, 'content_alteration-requester_type'), ['company', 'individual', 'court', 'executive', 'lawyer', '']);
    checkRow(html, 'content_alteration-requester_type', 'individual', { received: 2, full: 0, fullShare: '0.0%', partial: 1, partialShare: '50.0%', previous: 1, change: '+1' });
    checkRow(html, 'content_alteration-requester_type', 'court', { received: 1, full: 1, fullShare: '100.0%', partial: 0, partialShare: '0.0%', previous: 2, change: '-1' });
    // Copyright by country and project.
    assert.deepEqual(rowKeys(html, 'copyright-country'), ['US', 'GB']);
    checkRow(html, 'copyright-country', 'US', { received: 10, full: 1, fullShare: '10.0%', partial: 3, partialShare: '30.0%', previous: 10, change: '0' });
    checkRow(html, 'copyright-country', 'GB', { received: 6, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+6' });
    checkRow(html, 'copyright-project', 'commons.wikimedia.org', { received: 10, full: 1, fullShare: '10.0%', partial: 3, partialShare: '30.0%', previous: 10, change: '0' });
    checkRow(html, 'copyright-project', 'en.wikipedia.org', { received: 6, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+6' });
    assert.ok(html.includes('2 counter-notices asked for content removed on copyright grounds to be restored'));
    // User data by instrument and country, and the accounts.
    assert.deepEqual(rowKeys(html, 'user_data-instrument'), ['civil_subpoena', 'court_order', 'informal_private']);
    checkRow(html, 'user_data-instrument', 'civil_subpoena', { received: 1, full: 0, fullShare: '0.0%', partial: 1, partialShare: '100.0%', previous: 0, change: '+1' });
    checkRow(html, 'user_data-instrument', 'court_order', { received: 1, full: 1, fullShare: '100.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+1' });
    checkRow(html, 'user_data-country', 'BR', { received: 1, full: 1, fullShare: '100.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+1' });
    checkRow(html, 'user_data-accounts', 'potentially_affected', { received: 9, previous: 0, change: '+9' });
    checkRow(html, 'user_data-accounts', 'actually_affected', { received: 5, previous: 0, change: '+5' });
    checkRow(html, 'user_data-accounts', 'notified', { received: 4, previous: 0, change: '+4' });
    assert.ok(html.includes('Produced in full') && html.includes('Produced in part'));
    // Emergency by threat; every request by country (the map's table: content, copyright and user data).
    checkRow(html, 'emergency-threat', 'self_harm', { received: 1, full: 1, fullShare: '100.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+1' });
    checkRow(html, 'emergency-threat', 'violence', { received: 1, full: 0, fullShare: '0.0%', partial: 0, partialShare: '0.0%', previous: 0, change: '+1' });
    assert.deepEqual(rowKeys(html, 'all-country'), ['US', 'GB', '', 'DE', 'BR', 'FR']);
    checkRow(html, 'all-country', 'US', { received: 14, previous: 12, change: '+2' });
    checkRow(html, 'all-country', '', { received: 3, previous: 1, change: '+2' });
    // Links to the notices each figure counts, in the notice database's facets.
    assert.equal(figure(html, 'copyright-country:US:full')!.href, `/en/notices?period=${P}&kind=copyright&country=US&outcome=granted`);
    assert.equal(figure(html, 'content_alteration-country::received')!.href, `/en/notices?period=${P}&kind=content_alteration&country=unknown`);
    assert.equal(figure(html, 'content_alteration-project:de.wikipedia.org:partial')!.href, `/en/notices?period=${P}&kind=content_alteration&project=de.wikipedia.org&outcome=partially_granted`);
    assert.equal(figure(html, 'content_alteration-requester_type:court:received')!.href, `/en/notices?period=${P}&kind=content_alteration&requester_type=court`);
    assert.equal(figure(html, 'user_data-instrument:civil_subpoena:partial')!.href, `/en/notices?period=${P}&kind=user_data&category=civil_subpoena&outcome=partially_granted`);
    assert.equal(figure(html, 'totals:counter_notice:received')!.href, `/en/notices?period=${P}&kind=copyright&category=counter_notice`);
    assert.equal(figure(html, 'totals:user_data:full')!.href, `/en/notices?period=${P}&kind=user_data&outcome=granted`);
    assert.equal(figure(html, 'all-country:GB:received')!.href, `/en/notices?period=${P}&country=GB`);
    // Charts drawn on the server, each labelled; the map with its grey base layer.
    assert.ok((html.match(/<svg [^>]*role="img"/g) ?? []).length >= 10, 'the charts');
    assert.ok(html.includes('<title id="chart-totals-title">Chart: Requests received and granted, by kind, First half of'), 'chart titles');
    assert.match(html, /<g fill="#d9d9d9"/);
    assert.match(html, /<title>United States: 14<\/title>/);
    assert.ok(!/ style="/.test(html) && !html.includes('<style'), 'no inline style (the policy allows the stylesheet only)');
  });

  it('writes figures in the language of the page', async () => {
    const es = await page(`/es/transparency/${P}`);
    assert.equal(cell(es, 'data-share', 'totals:content_alteration:full'), '12,5\u00a0%');
    assert.equal(cell(es, 'data-share', 'totals:copyright:partial'), '18,8\u00a0%');
    assert.ok(es.includes('Cifras provisionales.'));
    assert.equal(figure(es, 'copyright-country:GB:received')!.href, `/es/notices?period=${P}&kind=copyright&country=GB`);
    const ar = await page(`/ar/transparency/${P}`);
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.equal(cell(ar, 'data-share', 'totals:copyright:full'), new Intl.NumberFormat('ar', { style: 'percent', minimumFractionDigits: 1 }).format(0.063));
    assert.ok(ar.includes('أرقام مؤقتة.'));
    const index = await page('/ar/transparency');
    assert.ok(index.includes(`في العام الماضي (${Y}) تلقّينا 27 طلبًا للإزالة، وقبلنا 8 طلبات منها.`), 'Arabic headline: 27 is "many", 8 is "few"');
    const esIndex = await page('/es/transparency');
    assert.ok(esIndex.includes(`El año pasado (${Y}) recibimos 27 solicitudes de retirada y aceptamos 8 de ellas.`));
  });

  it('offers every table, and the whole report, as CSV and JSON', async () => {
    const totals = await get(`/en/transparency/${P}/totals.csv`);
    assert.equal(totals.status, 200);
    assert.match(totals.headers.get('content-type')!, /^text\/csv/);
    assert.match(totals.headers.get('content-disposition')!, new RegExp(`attachment; filename="transparency-${P}-live-totals.csv"`));
    assert.equal(
      await totals.text(),
      [
        'kind,received,granted,partially_granted,previous_period',
        'content_alteration,8,1,1,4',
        'copyright,16,1,3,10',
        'counter_notice,2,,,0',
        'user_data,3,1,1,0',
        'preservation,1,,,0',
        'emergency,2,1,0,0',
        '',
      ].join('\n'),
    );
    const accounts = await (await get(`/en/transparency/${P}/user_data-accounts.csv`)).text();
    assert.equal(accounts, 'measure,count,previous_period\npotentially_affected,9,0\nactually_affected,5,0\nnotified,4,0\n');
    const instruments = await (await get(`/en/transparency/${P}/user_data-instrument.csv`)).text();
    assert.equal(instruments, 'instrument,received,produced_full,produced_partial,previous_period\ncivil_subpoena,1,0,1,0\ncourt_order,1,1,0,0\ninformal_private,1,0,0,0\n');
    const byCountry = (await (await get(`/en/transparency/${P}/content_alteration-country.json`)).json()) as { period: { id: string }; table: string; source: unknown; rows: unknown[] };
    assert.equal(byCountry.period.id, P);
    assert.equal(byCountry.table, 'content_alteration-country');
    assert.deepEqual(byCountry.source, { kind: 'live' });
    assert.deepEqual(byCountry.rows, [
      { country: 'US', received: 3, granted: 1, partially_granted: 0, previous_period: 2 },
      { country: 'DE', received: 2, granted: 0, partially_granted: 1, previous_period: 1 },
      { country: null, received: 2, granted: 0, partially_granted: 0, previous_period: 1 },
      { country: 'FR', received: 1, granted: 0, partially_granted: 0, previous_period: 0 },
    ]);
    const map = await (await get(`/en/transparency/${P}/all-country.csv`)).text();
    assert.equal(map, 'country,received,previous_period\nUS,14,12\nGB,6,0\n,3,1\nDE,2,1\nBR,1,0\nFR,1,0\n');
    const report = await (await get(`/en/transparency/${P}/report.csv`)).text();
    const lines = report.trimEnd().split('\n');
    assert.equal(lines[0], 'period,kind,breakdown,key,measure,count');
    for (const line of [`${P},copyright,total,,granted,1`, `${P},copyright,total,,counter_notices,2`, `${P},content_alteration,country,,received,2`, `${P},user_data,accounts,,notified,4`, `${P},emergency,threat,self_harm,granted,1`]) {
      assert.ok(lines.includes(line), line);
    }
    const json = await (await get(`/en/transparency/${P}/report.json`)).text();
    const api = await (await get(`/api/v1/transparency/${P}`)).json();
    assert.equal(json, canonicalJson(api), 'the live report as canonical JSON, the same as the API');
  });

  it('answers a bad address with a page in the reader\'s language, never a 500', async () => {
    const cases: [string, number, string, Record<string, string>?][] = [
      ['/en/transparency/2025-H3', 400, '“2025-H3” is not a reporting period.'],
      ['/es/transparency/abc', 400, '«abc» no es un periodo del informe.'],
      ['/ar/transparency/2025-h1', 400, '«2025-h1» ليست فترة من فترات التقرير.'],
      ['/en/transparency/1969', 400, '“1969” is not a reporting period.'],
      ['/en/transparency/2026-H1%20', 400, 'is not a reporting period.'],
      ['/en/transparency/2999', 404, '2999 has not begun yet, so it has no figures.'],
      ['/es/transparency/2999-H2/totals.csv', 404, '2999-H2 todavía no ha empezado'],
      ['/xx/transparency', 404, 'No hay ninguna página en /xx/transparency.', { 'accept-language': 'es' }],
      ['/xx/transparency/2025', 404, 'There is no page at /xx/transparency/2025.'],
      [`/en/transparency/${P}/nope.csv`, 404, 'There is no download named “nope.csv” for this period.'],
      [`/en/transparency/${P}/totals.xml`, 404, 'There is no download named “totals.xml”'],
      [`/en/transparency/${P}/snapshot-v1.json`, 404, 'There is no download named “snapshot-v1.json”'],
      [`/en/transparency/${P}/snapshot-v1.csv`, 404, 'There is no download named'],
      [`/en/transparency/bad/totals.csv`, 400, '“bad” is not a reporting period.'],
    ];
    for (const [path, status, message, headers] of cases) {
      const response = await get(path, headers);
      const body = await response.text();
      assert.equal(response.status, status, path);
      assert.match(response.headers.get('content-type')!, /^text\/html/, path);
      assert.ok(body.includes(message), `${path}: ${message}`);
    }
  });

  it('lets only admin and counsel publish, after stepping up, and only a period that has ended', async () => {
    for (const role of ['reviewer', 'editor', 'auditor'] as const) {
      assert.equal((await getPage(`${server.url}/console/transparency`, logins[role])).status, 403, `${role} sees no publishing page`);
      assert.equal((await postForm(`${server.url}/console/transparency/${P}/publish`, logins[role], {})).status, 403, `${role} may not publish`);
    }
    const console = await getPage(`${server.url}/console/transparency`, logins.counsel);
    assert.equal(console.status, 200);
    const consoleHtml = await console.text();
    assert.ok(consoleHtml.includes(`Publish ${P}</button>`));
    // Counsel without a recent second factor is sent to step up, and nothing is published.
    const unstepped = await postForm(`${server.url}/console/transparency/${P}/publish`, logins.counsel, {}, { headers: { referer: `${server.url}/console/transparency` } });
    assert.equal(unstepped.status, 303);
    assert.equal(unstepped.headers.get('location'), '/console/step-up?next=%2Fconsole%2Ftransparency');
    assert.ok((await page(`/en/transparency/${P}`)).includes('Provisional figures.'));
    // A period still running, or no period at all, cannot be published.
    const running = `${new Date().getUTCFullYear()}`;
    const refused = await postForm(`${server.url}/console/transparency/${running}/publish`, logins.admin, {});
    assert.equal(refused.status, 400);
    assert.ok((await refused.text()).includes(`${running} runs until ${running}-12-31: only a period that has ended can be published.`));
    const malformed = await postForm(`${server.url}/console/transparency/2025-H9/publish`, logins.admin, {});
    assert.equal(malformed.status, 400);
    assert.ok((await malformed.text()).includes('is not a reporting period'));
    // Without the CSRF token, nothing either.
    assert.equal((await postForm(`${server.url}/console/transparency/${P}/publish`, logins.admin, {}, { csrf: null })).status, 403);
    assert.ok((await page(`/en/transparency/${P}`)).includes('Provisional figures.'));

    const published = await postForm(`${server.url}/console/transparency/${P}/publish`, logins.counselStepped, {});
    assert.equal(published.status, 303);
    assert.equal(published.headers.get('location'), `/console/transparency?done=${encodeURIComponent(`${P} v1`)}`);
    const after = await (await getPage(`${server.url}${published.headers.get('location')}`, logins.admin)).text();
    assert.ok(after.includes(`Published ${P} v1.`));
    assert.ok(after.includes(`Publish ${P} again (version 2)`));
    assert.ok(after.includes(logins.counselStepped.email), 'who published');
  });

  it('shows the published snapshot with its hash, and the snapshot JSON hashes to it', async () => {
    const html = await page(`/en/transparency/${P}`);
    assert.ok(html.includes('Published report, version 1, of '));
    assert.ok(!html.includes('Provisional figures.'));
    const hash = /<code class="hash" dir="ltr">([0-9a-f]{64})<\/code>/.exec(html)?.[1];
    assert.ok(hash, 'the hash is on the page');
    const snapshot = await get(`/en/transparency/${P}/snapshot-v1.json`);
    assert.equal(snapshot.status, 200);
    const bytes = Buffer.from(await snapshot.arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), hash, 'SHA-256 of the download is the hash shown');
    const report = JSON.parse(bytes.toString('utf8'));
    assert.equal(canonicalJson(report), bytes.toString('utf8'), 'the download is canonical JSON');
    assert.deepEqual(report, await (await get(`/api/v1/transparency/${P}`)).json(), 'it holds the report as computed');
    assert.equal(report.copyright.granted, 1);
    assert.equal(await (await get(`/en/transparency/${P}/report.json`)).text(), bytes.toString('utf8'));
    assert.ok(!html.includes('id="live-differs"'), 'nothing differs yet');
    const totals = await (await get(`/en/transparency/${P}/totals.json`)).json();
    assert.deepEqual(totals.source, { kind: 'snapshot', version: 1, sha256: hash });
    assert.ok((await page('/en/transparency')).includes('Published (version 1)'));
    publishedHash = hash!;
  });

  it('keeps the published figures after a request changes, says the live ones differ, and publishes a new version beside the old', async () => {
    await server.stop();
    const handle = await database.open();
    // c2, denied, is now granted: the live figures of P gain a grant.
    await handle.db.transaction().execute((trx) => changeRequest(trx, c2Id, { outcome: 'granted', state: 'decided' }, 'test'));
    await handle.close();
    server = await startServer(database.env);

    const html = await page(`/en/transparency/${P}`);
    assert.ok(html.includes('Published report, version 1, of '));
    assert.ok(html.includes('id="live-differs"'), 'says the live figures differ');
    assert.ok(html.includes('The figures counted today differ from the published ones'));
    assert.equal(figure(html, 'totals:content_alteration:full')!.text, '1', 'the published figure stays');
    assert.ok(html.includes(publishedHash));
    const live = await page(`/en/transparency/${P}?figures=live`);
    assert.ok(live.includes('Figures counted today, not the published ones.'), 'live figures are labelled');
    assert.equal(figure(live, 'totals:content_alteration:full')!.text, '2');
    assert.equal(cell(live, 'data-share', 'totals:content_alteration:full'), '25.0%');
    assert.ok((await (await get(`/en/transparency/${P}/totals.csv`)).text()).includes('content_alteration,8,1,1,4'));
    assert.ok((await (await get(`/en/transparency/${P}/totals.csv?figures=live`)).text()).includes('content_alteration,8,2,1,4'));

    // The API answers with the published snapshot, byte for byte, and names it; live=true gives today's figures.
    const published = await get(`/api/v1/transparency/${P}`);
    assert.equal(published.headers.get('candor-figures'), 'snapshot');
    assert.equal(published.headers.get('candor-snapshot-version'), '1');
    assert.equal(published.headers.get('candor-snapshot-sha256'), publishedHash);
    const publishedBytes = Buffer.from(await published.arrayBuffer());
    assert.equal(createHash('sha256').update(publishedBytes).digest('hex'), publishedHash);
    assert.equal(JSON.parse(publishedBytes.toString('utf8')).content_alteration.granted, 1, 'the published grant count');
    assert.equal(published.headers.get('etag'), `"${publishedHash}"`);
    assert.equal((await get(`/api/v1/transparency/${P}`, { 'if-none-match': `"${publishedHash}"` })).status, 304, 'a client that has the snapshot gets nothing again');
    const liveApi = await get(`/api/v1/transparency/${P}?live=true`);
    assert.equal(liveApi.headers.get('candor-figures'), 'live');
    assert.equal(liveApi.headers.get('candor-snapshot-version'), null);
    assert.equal(((await liveApi.json()) as { content_alteration: { granted: number } }).content_alteration.granted, 2, "today's grant count");
    assert.equal((await get(`/api/v1/transparency/${P}?live=perhaps`)).status, 400);

    const again = await postForm(`${server.url}/console/transparency/${P}/publish`, logins.admin, {});
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), `/console/transparency?done=${encodeURIComponent(`${P} v2`)}`);
    const now = await page(`/en/transparency/${P}`);
    assert.ok(now.includes('Published report, version 2, of '));
    assert.ok(!now.includes('id="live-differs"'));
    assert.equal(figure(now, 'totals:content_alteration:full')!.text, '2');
    const second = /<code class="hash" dir="ltr">([0-9a-f]{64})<\/code>/.exec(now)![1]!;
    assert.notEqual(second, publishedHash);
    // The first version is kept, byte for byte.
    const first = Buffer.from(await (await get(`/en/transparency/${P}/snapshot-v1.json`)).arrayBuffer());
    assert.equal(createHash('sha256').update(first).digest('hex'), publishedHash);
    const v2 = Buffer.from(await (await get(`/en/transparency/${P}/snapshot-v2.json`)).arrayBuffer());
    assert.equal(createHash('sha256').update(v2).digest('hex'), second);
    const history = await (await getPage(`${server.url}/console/transparency`, logins.counsel)).text();
    assert.ok(history.includes(publishedHash) && history.includes(second), 'both versions in the history');
    assert.ok(history.includes(`Publish ${P} again (version 3)`));
  });

  it('recorded each publication in the audit trail', async () => {
    await server.stop();
    const handle = await database.open();
    try {
      const events = await handle.db.selectFrom('audit_events').select(['actor', 'payload', 'subject_type']).where('action', '=', 'transparency.published').orderBy('id').execute();
      assert.deepEqual(
        events.map((event) => ({ actor: event.actor, subject: event.subject_type, period: (event.payload as { period: string }).period, version: (event.payload as { version: number }).version })),
        [
          { actor: `staff:${logins.counselStepped.userId}`, subject: 'transparency_snapshot', period: P, version: 1 },
          { actor: `staff:${logins.admin.userId}`, subject: 'transparency_snapshot', period: P, version: 2 },
        ],
      );
      assert.equal((events[0]!.payload as { sha256: string }).sha256, publishedHash);
      const rows = await handle.db.selectFrom('transparency_snapshots').select(['period_id', 'version']).orderBy('version').execute();
      assert.deepEqual(rows, [
        { period_id: P, version: 1 },
        { period_id: P, version: 2 },
      ]);
    } finally {
      await handle.close();
    }
  });
});

import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportStatementsOnce } from '../../src/exports/dsa/post-statements.ts';
import { validateStatement } from '../../src/exports/dsa/validate-statement.ts';
import type { NewRequest } from '../../src/requests/create-requests.ts';
import { createRequests } from '../../src/requests/create-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

// Statements of reasons for the EU DSA Transparency Database: built from decisions in a real
// database, checked against the database's rules, printed by the command as its contract says,
// and sent to a real HTTP server started here that behaves as the database's API does.

const PERSONAL = ['Alice Secretname', 'alice@secret.example', 'Bob Partyname', 'bob@party.example', 'SECRETWORDS', 'Rue Secrète 9'];

const decided = (over: Partial<NewRequest> & Pick<NewRequest, 'kind' | 'category' | 'outcome'>, received: string, decidedAt: string): NewRequest => ({
  channel: 'web',
  receivedAt: new Date(received),
  decidedAt: new Date(decidedAt),
  state: 'decided',
  rationale: 'SECRETWORDS in the rationale too',
  requester: { name: 'Alice Secretname', email: 'alice@secret.example', type: 'individual', country: 'DE' },
  originalText: 'Please remove this. SECRETWORDS about my neighbour.',
  parties: [{ role: 'sender', name: 'Bob Partyname', email: 'bob@party.example', address: 'Rue Secrète 9', country: 'FR' }],
  ...over,
});

async function seed(database: TestDatabase, requests: NewRequest[]): Promise<{ id: number; reference: string }[]> {
  const handle = await database.open();
  try {
    return await handle.db.transaction().execute((trx) => createRequests(trx, requests, 'test'));
  } finally {
    await handle.close();
  }
}

describe('export dsa-sor --since DATE', () => {
  let database: TestDatabase;
  let refs: { id: number; reference: string }[];
  before(async () => {
    database = await createTestDatabase();
    refs = await seed(database, [
      // 0: a copyright notice from a private individual, granted: a file and a page.
      decided({ kind: 'copyright', category: null, outcome: 'granted', targets: [{ type: 'file', url: 'https://commons.wikimedia.org/wiki/File:Alice_Secretname.jpg', project: 'commons.wikimedia.org' }, { type: 'page', url: 'https://en.wikipedia.org/wiki/Bob_Partyname', project: 'en.wikipedia.org' }] }, '2026-02-01T08:00:00Z', '2026-02-10T12:00:00Z'),
      // 1: a French court's defamation order, granted in part for France only.
      decided({ kind: 'content_alteration', category: 'defamation', outcome: 'partially_granted', jurisdiction: 'FR', lawsCited: ['Loi du 29 juillet 1881, art. 29'], requester: { organization: 'Tribunal judiciaire', type: 'court', country: 'FR' }, targets: [{ type: 'page', url: 'https://fr.wikipedia.org/wiki/X', project: 'fr.wikipedia.org' }] }, '2026-03-01T08:00:00Z', '2026-03-05T09:00:00Z'),
      // 2–4: decisions that restrict nothing: a denial, a granted counter-notice, produced user data.
      decided({ kind: 'content_alteration', category: 'privacy', outcome: 'denied' }, '2026-02-01T08:00:00Z', '2026-02-02T08:00:00Z'),
      decided({ kind: 'copyright', category: 'counter_notice', outcome: 'granted' }, '2026-02-01T08:00:00Z', '2026-02-02T08:00:00Z'),
      decided({ kind: 'user_data', category: 'search_warrant', outcome: 'granted' }, '2026-02-01T08:00:00Z', '2026-02-02T08:00:00Z'),
      // 5: an erasure granted in December 2025.
      decided({ kind: 'content_alteration', category: 'erasure', outcome: 'granted' }, '2025-11-20T08:00:00Z', '2025-12-01T08:00:00Z'),
      // 6: a decision whose statement cannot be valid: the laws cited make a legal ground over 500 characters.
      decided({ kind: 'content_alteration', category: 'unlawful', outcome: 'granted', lawsCited: Array.from({ length: 30 }, (_, i) => `Statute number ${i + 1} of the code`) }, '2025-05-20T08:00:00Z', '2025-06-01T08:00:00Z'),
    ]);
  });
  after(async () => database?.drop());

  it('prints one valid statement a line for each decision that restricts content since the date, without personal data', async () => {
    const result = await runCli(['export', 'dsa-sor', '--since', '2026-01-01'], database.env);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    const [copyright, defamation] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const statement of [copyright!, defamation!]) assert.deepEqual(validateStatement(statement), []);
    for (const secret of PERSONAL) assert.ok(!result.stdout.includes(secret), `no "${secret}" in the statements`);

    assert.equal(copyright!.puid, `candor-${refs[0]!.reference}`);
    assert.equal(copyright!.category, 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS');
    assert.deepEqual(copyright!.decision_visibility, ['DECISION_VISIBILITY_CONTENT_REMOVED']);
    assert.deepEqual(copyright!.content_type, ['CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_TEXT']);
    assert.equal(copyright!.source_type, 'SOURCE_ARTICLE_16');
    assert.equal(copyright!.decision_ground, 'DECISION_GROUND_ILLEGAL_CONTENT');
    assert.equal(copyright!.application_date, '2026-02-10');
    assert.equal(copyright!.content_date, '2026-02-01');
    assert.equal(copyright!.territorial_scope, undefined);
    assert.equal(copyright!.automated_decision, 'AUTOMATED_DECISION_NOT_AUTOMATED');
    assert.equal(copyright!.automated_detection, 'No');

    assert.equal(defamation!.category, 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
    assert.equal(defamation!.source_type, 'SOURCE_TYPE_OTHER_NOTIFICATION');
    assert.deepEqual(defamation!.decision_visibility, ['DECISION_VISIBILITY_CONTENT_DISABLED']);
    assert.deepEqual(defamation!.territorial_scope, ['FR']);
    assert.equal(defamation!.illegal_content_legal_ground, 'Loi du 29 juillet 1881, art. 29');
    assert.match(String(defamation!.decision_facts), /court in FR/);
  });

  it('exits 1 naming a decision that cannot be made into a valid statement, still printing the valid ones', async () => {
    const result = await runCli(['export', 'dsa-sor', '--since', '2025-01-01'], database.env);
    assert.equal(result.status, 1);
    assert.equal(result.stdout.trim().split('\n').length, 3);
    assert.match(result.stderr, new RegExp(`${refs[6]!.reference}: illegal_content_legal_ground: must be at most 500 characters`));
    const erasure = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((s) => s.puid === `candor-${refs[5]!.reference}`);
    assert.equal(erasure!.category, 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS');
  });

  it('exits 2 for a date that is not one, or no date at all', async () => {
    for (const args of [['--since', '2026-13-01'], ['--since', 'yesterday'], []]) {
      const result = await runCli(['export', 'dsa-sor', ...args], database.env);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /since/);
    }
  });
});

/** A stand-in for the Transparency Database's batch endpoint, answering as its API documents. */
function fakeDatabaseApi(token: string) {
  const seen = new Set<string>();
  const calls: { authorization: string | undefined; size: number; status: number }[] = [];
  const script: number[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const statements = (JSON.parse(body) as { statements: { puid: string }[] }).statements;
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        calls.push({ authorization: request.headers.authorization, size: statements.length, status });
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      };
      if (request.url !== '/api/v1/statements' || request.method !== 'POST') return answer(404, { message: 'Not Found' });
      if (request.headers.authorization !== `Bearer ${token}`) return answer(401, { message: 'Unauthenticated.' });
      if (statements.length < 1 || statements.length > 100) return answer(422, { errors: { statements: ['between 1 and 100'] } });
      const scripted = script.shift();
      if (scripted === 429) return answer(429, { message: 'Too Many Attempts.' }, { 'retry-after': '1' });
      if (scripted === 500) return answer(500, { message: 'Server Error' });
      const existing = statements.map((s) => s.puid).filter((puid) => seen.has(puid));
      if (existing.length > 0) return answer(422, { message: 'The platform identifier(s) are not all unique within this call.', errors: { puid: ['not unique'], existing_puids: existing } });
      for (const statement of statements) seen.add(statement.puid);
      answer(201, { statements: statements.map((s) => ({ ...s, uuid: s.puid })) });
    });
  });
  return {
    seen,
    calls,
    script,
    async start(port = 0): Promise<string> {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('posting statements of reasons', () => {
  let database: TestDatabase;
  const retry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 2_000 };
  const TOKEN = 'X|test-token-123';
  before(async () => {
    database = await createTestDatabase();
    const requests = Array.from({ length: 230 }, (_, i) =>
      decided({ kind: i % 2 ? 'copyright' : 'content_alteration', category: i % 2 ? null : 'privacy', outcome: 'granted' }, `2026-01-${String((i % 28) + 1).padStart(2, '0')}T08:00:00Z`, '2026-02-01T08:00:00Z'),
    );
    await seed(database, requests);
  });
  after(async () => database?.drop());

  it('sends batches of at most 100 with the token, retries a 429 (after Retry-After) and a 500, and marks all accepted', async () => {
    const api = fakeDatabaseApi(TOKEN);
    const url = await api.start();
    api.script.push(429, 201, 500);
    const handle = await database.open();
    try {
      const started = Date.now();
      const report = await exportStatementsOnce(handle.db, { url, token: TOKEN }, { retry });
      assert.ok(Date.now() - started >= 950, 'waited as Retry-After asked');
      assert.deepEqual({ queued: report.queued, accepted: report.accepted, pending: report.pending, error: report.error, invalid: report.invalid.length }, { queued: 230, accepted: 230, pending: 0, error: null, invalid: 0 });
      assert.deepEqual(api.calls.map((call) => call.status), [429, 201, 500, 201, 201]);
      assert.deepEqual(api.calls.map((call) => call.size), [100, 100, 100, 100, 30]);
      assert.ok(api.calls.every((call) => call.authorization === `Bearer ${TOKEN}`));
      assert.equal(api.seen.size, 230);
      const states = await handle.db.selectFrom('dsa_statement_exports').select(['state']).execute();
      assert.equal(states.length, 230);
      assert.ok(states.every((row) => row.state === 'accepted'));
      const events = await handle.db.selectFrom('audit_events').select('action').where('action', 'like', 'dsa.statement.%').execute();
      assert.equal(events.filter((e) => e.action === 'dsa.statement.accepted').length, 230);

      // A second run has nothing new to send.
      const again = await exportStatementsOnce(handle.db, { url, token: TOKEN }, { retry });
      assert.deepEqual({ queued: again.queued, accepted: again.accepted, pending: again.pending }, { queued: 0, accepted: 0, pending: 0 });
      assert.equal(api.calls.length, 5);

      // An acknowledgement that never arrived: the database says the puids exist, which counts as done.
      await handle.db.updateTable('dsa_statement_exports').set({ state: 'pending', accepted_at: null }).where('puid', 'in', [...api.seen].slice(0, 3)).execute();
      const resent = await exportStatementsOnce(handle.db, { url, token: TOKEN }, { retry });
      assert.deepEqual({ alreadyThere: resent.alreadyThere, pending: resent.pending, error: resent.error }, { alreadyThere: 3, pending: 0, error: null });
      assert.equal(api.calls.at(-1)!.status, 422);
    } finally {
      await handle.close();
      await api.stop();
    }
  });

  it('loses nothing while the database is down, and sends it once it is back', async () => {
    const handle = await database.open();
    const api = fakeDatabaseApi(TOKEN);
    try {
      await handle.db.transaction().execute((trx) =>
        createRequests(trx, Array.from({ length: 5 }, () => decided({ kind: 'copyright', category: null, outcome: 'granted' }, '2026-03-01T08:00:00Z', '2026-03-02T08:00:00Z')), 'test'),
      );
      // A port that was just free, with nothing listening on it.
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const down = await exportStatementsOnce(handle.db, { url: `http://127.0.0.1:${port}/api/v1`, token: TOKEN }, { retry });
      assert.equal(down.queued, 5);
      assert.equal(down.accepted, 0);
      assert.equal(down.pending, 5);
      assert.match(down.error ?? '', /ECONNREFUSED/);
      const waiting = await handle.db.selectFrom('dsa_statement_exports').select(['attempts', 'last_error']).where('state', '=', 'pending').execute();
      assert.equal(waiting.length, 5);
      assert.ok(waiting.every((row) => row.attempts === 1 && /ECONNREFUSED/.test(row.last_error ?? '')));

      const url = await api.start(port);
      const back = await exportStatementsOnce(handle.db, { url, token: TOKEN }, { retry });
      assert.deepEqual({ queued: back.queued, accepted: back.accepted, pending: back.pending }, { queued: 0, accepted: 5, pending: 0 });
      assert.equal(api.seen.size, 5);
    } finally {
      await handle.close();
      await api.stop().catch(() => {});
    }
  });

  it('sends from the command line with DSA_SOR_URL and DSA_SOR_TOKEN, and refuses without them', async () => {
    const api = fakeDatabaseApi(TOKEN);
    const url = await api.start();
    try {
      const handle = await database.open();
      await handle.db.transaction().execute((trx) => createRequests(trx, [decided({ kind: 'copyright', category: null, outcome: 'granted' }, '2026-04-01T08:00:00Z', '2026-04-02T08:00:00Z')], 'test'));
      await handle.close();
      const missing = await runCli(['export', 'dsa-sor', '--post'], database.env);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /DSA_SOR_URL/);
      const sent = await runCli(['export', 'dsa-sor', '--post'], { ...database.env, DSA_SOR_URL: url, DSA_SOR_TOKEN: TOKEN });
      assert.equal(sent.status, 0, sent.stderr);
      assert.match(sent.stdout, /queued 1, accepted 1/);
      assert.equal(api.seen.size, 1);
      assert.ok(!sent.stdout.includes(TOKEN) && !sent.stderr.includes(TOKEN));
    } finally {
      await api.stop();
    }
  });
});

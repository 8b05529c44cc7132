import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyChain } from '../audit/verify-chain.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { transactionWithCopy } from '../db/copy-rows.ts';
import { createRequests, formatReference, type NewRequest } from './create-requests.ts';

/** A valid request as intake hands it over; a test names only what it is about. */
function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    kind: 'content_alteration',
    category: 'defamation',
    channel: 'web',
    receivedAt: new Date('2026-02-03T04:05:06.789Z'),
    requester: { name: 'Jane Roe', organization: 'Roe & Partners', email: 'jane@roe.example', type: 'lawyer', country: 'DE' },
    originalText: 'Please remove the article about my client, it is false.',
    targets: [{ type: 'page', url: 'https://de.wikipedia.org/wiki/Beispiel', project: 'de.wikipedia.org' }],
    parties: [{ role: 'sender', name: 'Jane Roe', email: 'jane@roe.example' }],
    ...overrides,
  };
}

describe('createRequests', () => {
  const suite = useTestDatabase();

  async function eventsOf(ids: number[]) {
    return suite.handle.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'request').where('subject_id', 'in', ids).orderBy('id').execute();
  }

  it('formats references as CR-YEAR-NNNNNN', () => {
    assert.equal(formatReference(2026, 123), 'CR-2026-000123');
    assert.equal(formatReference(2025, 1_234_567), 'CR-2025-1234567');
  });

  it('stores requests with their parties and targets, in input order, with the next references of their year', async () => {
    const created = await suite.handle.db.transaction().execute((trx) =>
      createRequests(
        trx,
        [
          newRequest(),
          newRequest({ reference: 'LEGACY-17', receivedAt: new Date('2019-05-01T00:00:00Z') }),
          newRequest({ kind: 'user_data', category: 'court_order', receivedAt: new Date('2025-12-31T23:59:59Z'), parties: [], targets: [] }),
        ],
        'user:7',
      ),
    );
    assert.equal(created.length, 3);
    const [first, legacy, third] = created;
    assert.match(first!.reference, /^CR-2026-\d{6}$/);
    assert.equal(legacy!.reference, 'LEGACY-17');
    assert.match(third!.reference, /^CR-2025-\d{6}$/);
    assert.ok(Number(third!.reference.slice(-6)) > Number(first!.reference.slice(-6)), 'serials follow the input order');

    const rows = await suite.handle.db.selectFrom('requests').selectAll().where('id', 'in', created.map((c) => c.id)).orderBy('id').execute();
    assert.deepEqual(rows.map((row) => [row.id, row.reference, row.kind, row.state, row.requester_name]), [
      [first!.id, first!.reference, 'content_alteration', 'received', 'Jane Roe'],
      [legacy!.id, 'LEGACY-17', 'content_alteration', 'received', 'Jane Roe'],
      [third!.id, third!.reference, 'user_data', 'received', 'Jane Roe'],
    ]);
    const targets = await suite.handle.db.selectFrom('request_targets').select(['request_id', 'project']).where('request_id', 'in', created.map((c) => c.id)).execute();
    assert.deepEqual(targets.map((t) => t.request_id).sort(), [first!.id, legacy!.id].sort());
    const parties = await suite.handle.db.selectFrom('request_parties').select(['request_id', 'role']).where('request_id', 'in', created.map((c) => c.id)).execute();
    assert.equal(parties.length, 2);
  });

  it('appends one request.created event per request with the actor and a payload free of personal data', async () => {
    const created = await suite.handle.db.transaction().execute((trx) =>
      createRequests(trx, [newRequest({ outcome: 'denied', rationale: 'Not defamatory.', decidedAt: new Date('2026-02-10T00:00:00Z') }), newRequest()], 'user:7'),
    );
    const events = await eventsOf(created.map((c) => c.id));
    assert.equal(events.length, 2);
    assert.equal(events[1]!.id, events[0]!.id + 1, 'ids follow one another');
    assert.deepEqual(
      events.map((event) => [event.actor, event.action, event.subject_id]),
      created.map((c) => ['user:7', 'request.created', c.id]),
    );
    assert.deepEqual(events[0]!.payload, {
      reference: created[0]!.reference,
      kind: 'content_alteration',
      category: 'defamation',
      channel: 'web',
      state: 'closed',
      outcome: 'denied',
      received_at: '2026-02-03T04:05:06.789Z',
      requester_type: 'lawyer',
      requester_country: 'DE',
      accounts: [0, 0, 0],
      targets: 1,
      parties: 1,
    });
    const stored = JSON.stringify(events.map((event) => event.payload));
    for (const personal of ['Jane Roe', 'Roe & Partners', 'jane@roe.example', 'Please remove', 'Not defamatory', 'de.wikipedia.org/wiki']) {
      assert.ok(!stored.includes(personal), `the audit log does not hold "${personal}"`);
    }
  });

  it('takes an action of the caller’s choice', async () => {
    const [created] = await suite.handle.db.transaction().execute((trx) => createRequests(trx, [newRequest({ channel: 'import' })], 'cli', 'request.imported'));
    const [event] = await eventsOf([created!.id]);
    assert.deepEqual([event!.actor, event!.action], ['cli', 'request.imported']);
  });

  it('leaves neither requests nor events behind when the transaction rolls back', async () => {
    const countOf = async () => ({
      requests: (await suite.handle.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      events: (await suite.handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      parties: (await suite.handle.db.selectFrom('request_parties').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    });
    const before = await countOf();
    await assert.rejects(
      suite.handle.db.transaction().execute(async (trx) => {
        await createRequests(trx, [newRequest(), newRequest()], 'user:7');
        throw new Error('the caller changed its mind');
      }),
      /changed its mind/,
    );
    assert.deepEqual(await countOf(), before);
    // A request the database refuses takes the whole batch with it, events included.
    await assert.rejects(
      suite.handle.db.transaction().execute((trx) => createRequests(trx, [newRequest(), newRequest({ requester: { type: null, country: 'de' } })], 'user:7')),
    );
    assert.deepEqual(await countOf(), before);
  });

  it('stores batches larger than one chunk, with many parties and targets each, and one event per request', async () => {
    const many = Array.from({ length: 1_203 }, (_, i) =>
      newRequest({
        externalId: `bulk-${i}`,
        parties: Array.from({ length: 10 }, () => ({ role: 'recipient' as const, name: 'A. Person', email: 'a@example.org' })),
        targets: Array.from({ length: 3 }, (_, t) => ({ type: 'page' as const, url: `https://en.wikipedia.org/wiki/P${i}_${t}`, project: 'en.wikipedia.org' })),
      }),
    );
    const created = await suite.handle.db.transaction().execute((trx) => createRequests(trx, many, 'cli'));
    assert.equal(created.length, many.length);
    assert.equal(new Set(created.map((c) => c.reference)).size, many.length, 'references are unique');
    const ids = created.map((c) => c.id);
    const byExternal = await suite.handle.db.selectFrom('requests').select(['id', 'external_id']).where('external_id', 'like', 'bulk-%').execute();
    const externalOf = new Map(byExternal.map((row) => [row.id, row.external_id]));
    assert.deepEqual(ids.map((id) => externalOf.get(id)), many.map((r) => r.externalId), 'ids come back in input order');
    const count = async (table: 'request_parties' | 'request_targets') =>
      (await suite.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('request_id', '>=', Math.min(...ids)).executeTakeFirstOrThrow()).n;
    assert.equal(await count('request_parties'), many.length * 10);
    assert.equal(await count('request_targets'), many.length * 3);
    const events = await suite.handle.db
      .selectFrom('audit_events')
      .select(['subject_id'])
      .where('action', '=', 'request.created')
      .where('subject_id', '>=', Math.min(...ids))
      .orderBy('id')
      .execute();
    assert.deepEqual(events.map((event) => event.subject_id), ids);
    const verdict = await verifyChain(suite.handle.db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
  });

  it('stores nothing and appends nothing for an empty list', async () => {
    const before = await verifyChain(suite.handle.db);
    assert.deepEqual(await suite.handle.db.transaction().execute((trx) => createRequests(trx, [], 'cli')), []);
    assert.deepEqual(await verifyChain(suite.handle.db), before);
  });

  it('keeps on each request the distinct projects of its targets, and stores slices larger than one statement in order', async () => {
    const requests = Array.from({ length: 10_050 }, (_, i) =>
      newRequest({
        parties: [],
        targets:
          i % 3 === 0
            ? []
            : [
                { type: 'page', url: `https://fr.wikipedia.org/wiki/P${i}`, project: 'fr.wikipedia.org' },
                { type: 'page', url: `https://fr.wikipedia.org/wiki/Q${i}`, project: 'fr.wikipedia.org' },
                ...(i % 3 === 2 ? [{ type: 'file' as const, url: `https://commons.wikimedia.org/wiki/File:${i}.jpg`, project: 'commons.wikimedia.org' }] : []),
                { type: 'account', account: `User${i}` },
              ],
      }),
    );
    const created = await suite.handle.db.transaction().execute((trx) => createRequests(trx, requests, 'test'));
    const ids = created.map((row) => row.id);
    assert.deepEqual([...ids].sort((a, b) => a - b), ids, 'ids follow the input order');
    const stored = await suite.handle.db.selectFrom('requests').select(['id', 'projects']).where('id', '>=', ids[0]!).orderBy('id').execute();
    assert.deepEqual(
      stored.map((row) => row.projects),
      requests.map((_, i) => (i % 3 === 0 ? [] : i % 3 === 2 ? ['commons.wikimedia.org', 'fr.wikipedia.org'] : ['fr.wikipedia.org'])),
    );
    const targets = await suite.handle.db.selectFrom('request_targets').select((eb) => eb.fn.countAll<number>().as('n')).where('request_id', 'in', [ids[1]!, ids[10_049]!]).executeTakeFirstOrThrow();
    assert.equal(Number(targets.n), 3 + 4);
    const verdict = await verifyChain(suite.handle.db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
    const events = await suite.handle.db.selectFrom('audit_events').select('subject_id').where('subject_type', '=', 'request').where('subject_id', '>=', ids[0]!).orderBy('id').execute();
    assert.deepEqual(events.map((event) => Number(event.subject_id)), ids, 'one event per request, in order');
  });

  it('stores nothing of a list whose requests cannot be stored, not even afterwards, and the next list goes in', async () => {
    const db = suite.handle.db;
    const count = async (table: 'requests' | 'request_targets' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { requests: await count('requests'), targets: await count('request_targets'), events: await count('audit_events') };
    // The second slice names a request that does not exist: its insert fails on the foreign key.
    const requests = Array.from({ length: 10_001 }, (_, i) => newRequest(i === 10_000 ? { duplicateOfId: 987_654_321 } : {}));
    await assert.rejects(db.transaction().execute((trx) => createRequests(trx, requests, 'test')), /foreign key|violates/);
    // Give anything still queued on the connection the time to run, had it been left there.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual({ requests: await count('requests'), targets: await count('request_targets'), events: await count('audit_events') }, before);
    const [created] = await db.transaction().execute((trx) => createRequests(trx, [newRequest()], 'test'));
    assert.ok(created);
    assert.equal(await count('audit_events'), before.events + 1);
    const verdict = await verifyChain(db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
  });
});

describe('createRequests through COPY', () => {
  const suite = useTestDatabase();
  const awkward = 'Tab\there, line\nbreak, back\\slash, \\N, "quotes", {braces}, Ñandú 名';
  const batch = (tag: string) =>
    Array.from({ length: 2_345 }, (_, i) =>
      newRequest({
        externalId: `${tag}-${i}`,
        originalText: i % 4 === 0 ? null : `${awkward} #${i}`,
        lawsCited: i % 3 === 0 ? [] : ['17 U.S.C. § 512', awkward],
        requester: { name: i % 5 === 0 ? null : awkward, organization: null, email: 'jane@roe.example', type: 'lawyer', country: i % 2 ? 'DE' : null },
        parties: i % 6 === 0 ? [] : [{ role: 'sender', name: awkward, address: 'Line 1\nLine 2' }],
        targets: i % 7 === 0 ? [] : [{ type: 'page', url: `https://de.wikipedia.org/wiki/${i}\t`, project: 'de.wikipedia.org' }, { type: 'account', account: awkward }],
      }),
    );

  async function storedOf(ids: number[]) {
    const db = suite.handle.db;
    const requests = await db.selectFrom('requests').selectAll().where('id', 'in', ids).orderBy('id').execute();
    const parties = await db.selectFrom('request_parties').select(['request_id', 'role', 'name', 'organization', 'email', 'address', 'country']).where('request_id', 'in', ids).orderBy('id').execute();
    const targets = await db.selectFrom('request_targets').select(['request_id', 'target_type', 'url', 'project', 'account']).where('request_id', 'in', ids).orderBy('id').execute();
    const events = await db.selectFrom('audit_events').select(['actor', 'action', 'subject_id', 'payload']).where('subject_type', '=', 'request').where('subject_id', 'in', ids).orderBy('id').execute();
    // What differs between two batches by construction: ids, references, external ids and times.
    const position = new Map(ids.map((id, i) => [id, i]));
    const strip = (row: Record<string, unknown>) => {
      const { id, reference, external_id, created_at, updated_at, request_id, subject_id, payload, ...rest } = row;
      return { ...rest, at: position.get(Number(request_id ?? subject_id ?? id)), ...(payload ? { payload: { ...(payload as object), reference: undefined } } : {}) };
    };
    return { requests: requests.map(strip), parties: parties.map(strip), targets: targets.map(strip), events: events.map(strip) };
  }

  it('stores the very rows and events the INSERT statements store, and the chain holds', async () => {
    const { db } = suite.handle;
    const inserted = await db.transaction().execute((trx) => createRequests(trx, batch('insert'), 'cli', 'request.imported'));
    const progress: number[] = [];
    const copied = await transactionWithCopy(suite.handle, (trx, copy) => createRequests(trx, batch('copy'), 'cli', 'request.imported', { copy, onStored: (stored) => progress.push(stored) }));
    assert.equal(copied.length, inserted.length);
    const [a, b] = [await storedOf(inserted.map((row) => row.id)), await storedOf(copied.map((row) => row.id))];
    assert.ok(a.parties.length > 0 && a.targets.length > 0 && a.events.length === inserted.length);
    assert.deepEqual(b, a);
    assert.deepEqual([...progress].sort((x, y) => x - y), progress, 'progress only goes forward');
    assert.equal(progress.at(-1), 2 * 2_345 + a.parties.length + a.targets.length);
    const verdict = await verifyChain(db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
  });

  it('stores nothing when a row is refused in the middle, and the next batch goes in', async () => {
    const { db } = suite.handle;
    const count = async (table: 'requests' | 'request_targets' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { requests: await count('requests'), targets: await count('request_targets'), events: await count('audit_events') };
    const requests = batch('refused');
    requests[1_500] = { ...requests[1_500]!, duplicateOfId: 987_654_321 };
    await assert.rejects(transactionWithCopy(suite.handle, (trx, copy) => createRequests(trx, requests, 'cli', 'request.imported', { copy })), /foreign key|violates/);
    assert.deepEqual({ requests: await count('requests'), targets: await count('request_targets'), events: await count('audit_events') }, before);
    const created = await transactionWithCopy(suite.handle, (trx, copy) => createRequests(trx, batch('after').slice(0, 3), 'cli', 'request.imported', { copy }));
    assert.equal(created.length, 3);
    assert.equal(await count('audit_events'), before.events + 3);
    const verdict = await verifyChain(db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
  });
});

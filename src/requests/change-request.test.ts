import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { verifyChain } from '../audit/verify-chain.ts';
import { NotFoundError } from '../errors.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { changeRequest } from './change-request.ts';
import { createRequests } from './create-requests.ts';

describe('changeRequest', () => {
  const suite = useTestDatabase();
  let id: number;
  let reference: string;
  beforeEach(async () => {
    [{ id, reference }] = (await suite.handle.db.transaction().execute((trx) =>
      createRequests(
        trx,
        [
          {
            kind: 'user_data',
            category: 'civil_subpoena',
            channel: 'email',
            receivedAt: new Date('2026-01-15T09:00:00Z'),
            requester: { name: 'Max Mustermann', organization: 'Mustermann GmbH', email: 'max@mustermann.example', type: 'company', country: 'AT' },
            originalText: 'We demand the IP address of the user Example.',
            lawsCited: ['§ 18 ECG'],
          },
        ],
        'user:1',
      ),
    )) as [{ id: number; reference: string }];
  });

  async function eventsOf(requestId: number) {
    return suite.handle.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'request').where('subject_id', '=', requestId).orderBy('id').execute();
  }

  async function requestRow(requestId: number) {
    return suite.handle.db.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  }

  it('applies the change and appends one event with the actor, the action and what changed from what', async () => {
    const decidedAt = new Date('2026-02-01T12:30:00Z');
    await suite.handle.db.transaction().execute((trx) =>
      changeRequest(trx, id, { outcome: 'denied', state: 'closed', decided_at: decidedAt, rationale: 'No valid legal basis.' }, 'user:2'),
    );
    const row = await requestRow(id);
    assert.deepEqual([row.outcome, row.state, row.decided_at?.toISOString(), row.rationale], ['denied', 'closed', decidedAt.toISOString(), 'No valid legal basis.']);

    const events = await eventsOf(id);
    assert.deepEqual(events.map((event) => event.action), ['request.created', 'request.changed']);
    const change = events[1]!;
    assert.equal(change.actor, 'user:2');
    assert.equal(change.id, events[0]!.id + 1);
    assert.deepEqual(change.payload, {
      reference,
      changes: {
        outcome: { from: null, to: 'denied' },
        state: { from: 'received', to: 'closed' },
        decided_at: { from: null, to: '2026-02-01T12:30:00.000Z' },
        rationale: { from: null, to: 'No valid legal basis.' },
      },
      personal_fields_changed: [],
    });
    assert.equal((await verifyChain(suite.handle.db)).ok, true);
  });

  it('takes an action of the caller’s choice', async () => {
    await suite.handle.db.transaction().execute((trx) => changeRequest(trx, id, { state: 'triage' }, 'user:3', 'request.triaged'));
    const events = await eventsOf(id);
    assert.deepEqual([events.at(-1)!.actor, events.at(-1)!.action], ['user:3', 'request.triaged']);
  });

  it('names changed personal fields without their old or new values', async () => {
    await suite.handle.db.transaction().execute((trx) =>
      changeRequest(
        trx,
        id,
        {
          requester_name: 'Erika Musterfrau',
          requester_organization: 'Musterfrau AG',
          requester_email: 'erika@musterfrau.example',
          original_text: 'We demand the e-mail address of the user Example.',
          requester_country: 'CH',
        },
        'user:2',
      ),
    );
    const row = await requestRow(id);
    assert.deepEqual([row.requester_name, row.requester_email], ['Erika Musterfrau', 'erika@musterfrau.example']);

    const change = (await eventsOf(id)).at(-1)!;
    const payload = change.payload as { changes: Record<string, unknown>; personal_fields_changed: string[] };
    assert.deepEqual([...payload.personal_fields_changed].sort(), ['original_text', 'requester_email', 'requester_name', 'requester_organization']);
    assert.deepEqual(payload.changes, { requester_country: { from: 'AT', to: 'CH' } });
    const stored = JSON.stringify(change.payload);
    for (const value of ['Max', 'Mustermann', 'Erika', 'Musterfrau', '@', 'IP address', 'e-mail address']) {
      assert.ok(!stored.includes(value), `the event does not hold "${value}": ${stored}`);
    }
  });

  it('records only the fields that actually change', async () => {
    await suite.handle.db.transaction().execute((trx) =>
      changeRequest(trx, id, { kind: 'user_data', requester_name: 'Max Mustermann', state: 'in_review', laws_cited: ['§ 18 ECG'] }, 'user:2'),
    );
    const change = (await eventsOf(id)).at(-1)!;
    assert.deepEqual(change.payload, { reference, changes: { state: { from: 'received', to: 'in_review' } }, personal_fields_changed: [] });
  });

  it('records nothing and touches nothing for a change that changes nothing', async () => {
    const before = await requestRow(id);
    const chainBefore = await verifyChain(suite.handle.db);
    await suite.handle.db.transaction().execute((trx) =>
      changeRequest(
        trx,
        id,
        {
          state: 'received',
          outcome: null,
          requester_name: 'Max Mustermann',
          received_at: new Date('2026-01-15T09:00:00Z'),
          laws_cited: ['§ 18 ECG'],
        },
        'user:2',
      ),
    );
    await suite.handle.db.transaction().execute((trx) => changeRequest(trx, id, {}, 'user:2'));
    assert.deepEqual(await requestRow(id), before, 'updated_at included');
    assert.deepEqual(await verifyChain(suite.handle.db), chainBefore);
    assert.equal((await eventsOf(id)).length, 1);
  });

  it('ignores fields given as undefined, as the update itself does', async () => {
    const before = await requestRow(id);
    await suite.handle.db.transaction().execute((trx) => changeRequest(trx, id, { outcome: undefined, rationale: undefined }, 'user:2'));
    assert.deepEqual(await requestRow(id), before);
    assert.equal((await eventsOf(id)).length, 1, 'nothing recorded');

    await suite.handle.db.transaction().execute((trx) => changeRequest(trx, id, { outcome: undefined, state: 'triage' }, 'user:2'));
    assert.deepEqual((await eventsOf(id)).at(-1)!.payload, { reference, changes: { state: { from: 'received', to: 'triage' } }, personal_fields_changed: [] });
  });

  it('leaves neither the change nor its event when the transaction rolls back', async () => {
    const before = await requestRow(id);
    const chainBefore = await verifyChain(suite.handle.db);
    await assert.rejects(
      suite.handle.db.transaction().execute(async (trx) => {
        await changeRequest(trx, id, { outcome: 'granted', state: 'closed' }, 'user:2');
        throw new Error('rolled back on purpose');
      }),
      /on purpose/,
    );
    // A change the database refuses is rolled back with its event too.
    await assert.rejects(suite.handle.db.transaction().execute((trx) => changeRequest(trx, id, { state: 'lost' as never }, 'user:2')));
    assert.deepEqual(await requestRow(id), before);
    assert.deepEqual(await verifyChain(suite.handle.db), chainBefore);
    assert.equal((await eventsOf(id)).length, 1);
  });

  it('refuses a request that does not exist, and records nothing', async () => {
    const chainBefore = await verifyChain(suite.handle.db);
    await assert.rejects(
      suite.handle.db.transaction().execute((trx) => changeRequest(trx, 987_654_321, { state: 'closed' }, 'user:2')),
      (error: unknown) => error instanceof NotFoundError && /request 987654321 does not exist/.test(error.message),
    );
    assert.deepEqual(await verifyChain(suite.handle.db), chainBefore);
  });
});

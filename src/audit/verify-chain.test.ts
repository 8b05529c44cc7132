import assert from 'node:assert/strict';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { changeRequest } from '../requests/change-request.ts';
import { createRequests } from '../requests/create-requests.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { appendEvents, type AuditEventInput } from './append-events.ts';
import { GENESIS_HASH, eventHash } from './hash.ts';
import { verifyChain } from './verify-chain.ts';

/** Runs statements with the append-only trigger off, as someone tampering with the database would. */
async function tamper(db: Kysely<Database>, ...statements: RawBuilder<unknown>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
  });
}

function sampleEvent(n: number): AuditEventInput {
  return {
    actor: n % 2 === 0 ? 'user:1' : 'cli',
    action: n % 3 === 0 ? 'request.changed' : 'request.created',
    subjectType: 'request',
    subjectId: n,
    // Keys out of order and nested, as jsonb will not give them back in this order.
    payload: { reference: `CR-2026-${String(n).padStart(6, '0')}`, changes: { state: { to: 'closed', from: 'received' } }, list: [3, 1, 2], n },
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  };
}

describe('the audit chain', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let db: Kysely<Database>;

  async function append(count: number, from = 1): Promise<void> {
    await db.transaction().execute((trx) => appendEvents(trx, Array.from({ length: count }, (_, i) => sampleEvent(from + i))));
  }

  async function rows() {
    return db.selectFrom('audit_events').selectAll().orderBy('id').execute();
  }

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    db = handle.db;
  });
  after(async () => {
    await handle?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await tamper(db, sql`DELETE FROM audit_events`);
  });

  describe('appendEvents and verifyChain', () => {
    it('finds an empty log intact, headed by the genesis hash', async () => {
      assert.deepEqual(await verifyChain(db), { ok: true, checked: 0, headHash: GENESIS_HASH });
    });

    it('links events appended across transactions into one chain with contiguous ids', async () => {
      await append(3, 1);
      await append(1, 4);
      await db.transaction().execute((trx) => appendEvents(trx, []));
      await append(2, 5);
      const all = await rows();
      assert.deepEqual(all.map((row) => row.id), [1, 2, 3, 4, 5, 6]);
      assert.equal(all[0]!.prev_hash, GENESIS_HASH);
      for (let i = 1; i < all.length; i++) assert.equal(all[i]!.prev_hash, all[i - 1]!.hash, `event ${all[i]!.id} names its predecessor`);
      for (const row of all) assert.match(row.hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(all[2]!.payload, sampleEvent(3).payload, 'the payload is stored as given');
      assert.equal(all[2]!.occurred_at.toISOString(), '2026-01-01T00:00:03.000Z');
      assert.deepEqual(await verifyChain(db), { ok: true, checked: 6, headHash: all[5]!.hash });
    });

    it('computes each hash over the event and its predecessor, so the same event elsewhere hashes differently', async () => {
      await append(2);
      const [first, second] = await rows();
      assert.equal(first!.hash, eventHash({ ...first!, payload: sampleEvent(1).payload }));
      const moved = { ...second!, id: 1, prev_hash: GENESIS_HASH };
      assert.notEqual(eventHash(moved), second!.hash);
    });

    it('stamps events without a time of their own with the time of the append', async () => {
      const before = Date.now();
      await db.transaction().execute((trx) =>
        appendEvents(trx, [{ actor: 'system', action: 'test.ping', subjectType: 'system', subjectId: null, payload: {} }]),
      );
      const [row] = await rows();
      assert.ok(row!.occurred_at.getTime() >= before - 1 && row!.occurred_at.getTime() <= Date.now() + 1);
      assert.equal(row!.subject_id, null);
      assert.equal((await verifyChain(db)).ok, true);
    });

    it('leaves no event behind when the transaction that appended it rolls back, and reuses no id', async () => {
      await append(2);
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await appendEvents(trx, [sampleEvent(3)]);
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      await append(1, 4);
      assert.deepEqual((await rows()).map((row) => [row.id, row.subject_id]), [[1, 1], [2, 2], [3, 4]]);
      assert.equal((await verifyChain(db)).ok, true);
    });
  });

  describe('verifyChain finds tampering', () => {
    beforeEach(async () => {
      await append(6);
      assert.equal((await verifyChain(db)).ok, true);
    });

    const alterations: [string, RawBuilder<unknown>][] = [
      ['its payload', sql`UPDATE audit_events SET payload = jsonb_set(payload, '{changes,state,to}', '"granted"') WHERE id = 3`],
      ['its actor', sql`UPDATE audit_events SET actor = 'user:666' WHERE id = 3`],
      ['its action', sql`UPDATE audit_events SET action = 'request.viewed' WHERE id = 3`],
      ['its time', sql`UPDATE audit_events SET occurred_at = occurred_at - interval '1 second' WHERE id = 3`],
      ['its subject', sql`UPDATE audit_events SET subject_id = 99 WHERE id = 3`],
    ];
    for (const [what, statement] of alterations) {
      it(`names an event whose ${what.replace('its ', '')} was altered`, async () => {
        await tamper(db, statement);
        const verdict = await verifyChain(db);
        assert.equal(verdict.ok, false);
        assert.deepEqual(verdict.firstBad, { id: 3, reason: 'its content was altered' });
        assert.equal(verdict.checked, 2);
      });
    }

    it('names a deleted event in the middle by its missing id', async () => {
      await tamper(db, sql`DELETE FROM audit_events WHERE id = 3`);
      const verdict = await verifyChain(db);
      assert.equal(verdict.ok, false);
      assert.deepEqual(verdict.firstBad, { id: 3, reason: 'event 3 is missing (deleted)' });
      assert.equal(verdict.checked, 2);
    });

    it('names the range of several deleted events', async () => {
      await tamper(db, sql`DELETE FROM audit_events WHERE id IN (3, 4, 5)`);
      assert.deepEqual((await verifyChain(db)).firstBad, { id: 3, reason: 'event 3–5 is missing (deleted)' });
    });

    it('names a deleted first event', async () => {
      await tamper(db, sql`DELETE FROM audit_events WHERE id = 1`);
      const verdict = await verifyChain(db);
      assert.deepEqual(verdict.firstBad, { id: 1, reason: 'event 1 is missing (deleted)' });
      assert.equal(verdict.checked, 0);
    });

    it('names a deleted event renumbered away: the later events no longer follow', async () => {
      await tamper(db, sql`DELETE FROM audit_events WHERE id = 3`, sql`UPDATE audit_events SET id = id - 1 WHERE id > 3`);
      assert.deepEqual((await verifyChain(db)).firstBad, { id: 3, reason: 'does not follow event 2 (reordered, or its predecessor was replaced)' });
    });

    it('names the first out-of-place event when two are swapped', async () => {
      await tamper(
        db,
        sql`UPDATE audit_events SET id = 1000 WHERE id = 3`,
        sql`UPDATE audit_events SET id = 3 WHERE id = 5`,
        sql`UPDATE audit_events SET id = 5 WHERE id = 1000`,
      );
      const verdict = await verifyChain(db);
      assert.deepEqual(verdict.firstBad, { id: 3, reason: 'does not follow event 2 (reordered, or its predecessor was replaced)' });
      assert.equal(verdict.checked, 2);
    });

    it('catches an altered event whose hash was recomputed at the event that follows it', async () => {
      const third = (await rows())[2]!;
      const forged = { ...third, actor: 'user:666', payload: { ...(third.payload as object), n: 333 } };
      const hash = eventHash(forged);
      await tamper(db, sql`UPDATE audit_events SET actor = ${forged.actor}, payload = ${JSON.stringify(forged.payload)}::jsonb, hash = ${hash} WHERE id = 3`);
      const verdict = await verifyChain(db);
      assert.deepEqual(verdict.firstBad, { id: 4, reason: 'does not follow event 3 (reordered, or its predecessor was replaced)' });
      assert.equal(verdict.checked, 3);
    });

    it('cannot see the last events cut off, but the head hash it reports changes', async () => {
      const intact = await verifyChain(db);
      await tamper(db, sql`DELETE FROM audit_events WHERE id = 6`);
      const verdict = await verifyChain(db);
      assert.equal(verdict.ok, true);
      assert.equal(verdict.checked, 5);
      assert.notEqual(verdict.headHash, intact.headHash, 'a head hash recorded elsewhere reveals it');
    });
  });

  it('walks a log longer than one page and names a break beyond the first page', async () => {
    await db.transaction().execute((trx) => appendEvents(trx, Array.from({ length: 12_003 }, (_, i) => sampleEvent(i + 1))));
    const intact = await verifyChain(db);
    assert.equal(intact.ok, true);
    assert.equal(intact.checked, 12_003);
    await tamper(db, sql`UPDATE audit_events SET actor = 'user:666' WHERE id = 10001`, sql`DELETE FROM audit_events WHERE id = 5001`);
    assert.deepEqual((await verifyChain(db)).firstBad, { id: 5_001, reason: 'event 5001 is missing (deleted)' });
    await tamper(db, sql`INSERT INTO audit_events SELECT 5001, occurred_at, actor, action, subject_type, subject_id, payload, prev_hash, 'x' || hash FROM audit_events WHERE id = 5002`);
    assert.equal((await verifyChain(db)).firstBad?.id, 5_001);
  });

  describe('the append-only trigger', () => {
    beforeEach(() => append(3));

    it('refuses UPDATE, DELETE and TRUNCATE of audit events', async () => {
      await assert.rejects(sql`UPDATE audit_events SET actor = 'user:666' WHERE id = 2`.execute(db), /audit_events is append-only \(UPDATE refused\)/);
      await assert.rejects(db.deleteFrom('audit_events').where('id', '=', 2).execute(), /audit_events is append-only \(DELETE refused\)/);
      await assert.rejects(sql`TRUNCATE audit_events`.execute(db), /audit_events is append-only \(TRUNCATE refused\)/);
      assert.deepEqual((await rows()).map((row) => [row.id, row.actor]), [[1, 'cli'], [2, 'user:1'], [3, 'cli']]);
      assert.equal((await verifyChain(db)).checked, 3);
    });
  });

  describe('concurrent appends', () => {
    it('still form one valid chain with contiguous ids when transactions append at the same time', async () => {
      const transactions = 10;
      await Promise.all(
        Array.from({ length: transactions }, (_, t) =>
          db.transaction().execute(async (trx) => {
            const created = await createRequests(
              trx,
              Array.from({ length: 3 }, () => ({ kind: 'copyright' as const, category: null, channel: 'api' as const, receivedAt: new Date('2026-03-01T00:00:00Z') })),
              `token:${t}`,
            );
            // Keep the transaction open a little so that the others queue on the chain's lock.
            await sql`SELECT pg_sleep(${0.01 * (t % 4)})`.execute(trx);
            await changeRequest(trx, created[0]!.id, { state: 'triage' }, `token:${t}`);
          }),
        ),
      );
      const all = await rows();
      assert.equal(all.length, transactions * 4);
      assert.deepEqual(all.map((row) => row.id), Array.from({ length: transactions * 4 }, (_, i) => i + 1));
      for (let t = 0; t < transactions; t++) {
        assert.deepEqual(
          all.filter((row) => row.actor === `token:${t}`).map((row) => row.action),
          ['request.created', 'request.created', 'request.created', 'request.changed'],
        );
      }
      assert.deepEqual(await verifyChain(db), { ok: true, checked: transactions * 4, headHash: all.at(-1)!.hash });
    });
  });
});

import assert from 'node:assert/strict';
import { sql, type RawBuilder } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { eventHash } from '../../src/audit/hash.ts';
import type { AuditEventRow } from '../../src/db/tables/audit-events.ts';
import { changeRequest } from '../../src/requests/change-request.ts';
import { createRequests, type NewRequest } from '../../src/requests/create-requests.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const request = (receivedAt: string): NewRequest => ({
  kind: 'content_alteration',
  category: 'privacy',
  channel: 'web',
  receivedAt: new Date(receivedAt),
  requester: { name: 'A. Requester', type: 'individual', country: 'FR' },
});

describe('candor audit verify', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  /**
   * Gives the database a fresh log of five events (three requests created, two changed: ids 1–5),
   * then applies `tampering` with the append-only trigger disabled, and closes the database so
   * that the command can open it.
   */
  async function logOfFive(tampering: (rows: AuditEventRow[]) => RawBuilder<unknown>[] = () => []): Promise<void> {
    const handle = await database.open();
    try {
      await handle.db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
        await sql`DELETE FROM audit_events`.execute(trx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
      });
      const created = await handle.db.transaction().execute((trx) =>
        createRequests(trx, [request('2026-01-05T10:00:00Z'), request('2026-01-06T10:00:00Z'), request('2026-01-07T10:00:00Z')], 'user:1'),
      );
      await handle.db.transaction().execute(async (trx) => {
        await changeRequest(trx, created[0]!.id, { state: 'in_review' }, 'user:2');
        await changeRequest(trx, created[1]!.id, { outcome: 'denied', state: 'closed', requester_name: 'B. Requester' }, 'user:2');
      });
      const rows = await handle.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
      assert.deepEqual(rows.map((row) => row.id), [1, 2, 3, 4, 5]);
      const statements = tampering(rows);
      if (statements.length > 0) {
        await handle.db.transaction().execute(async (trx) => {
          await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
          for (const statement of statements) await statement.execute(trx);
          await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
        });
      }
    } finally {
      await handle.close();
    }
  }

  async function verifyBroken(id: number, reason: RegExp): Promise<void> {
    const result = await runCli(['audit', 'verify'], database.env);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    const [first, second] = result.stderr.split('\n');
    assert.match(first!, new RegExp(`^audit chain broken at event ${id}: `));
    assert.match(first!, reason);
    assert.equal(second, `${id - 1} events before it are intact`);
  }

  it('says the chain is intact, with the number of events and the head hash, and exits 0', async () => {
    await logOfFive();
    const result = await runCli(['audit', 'verify'], database.env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^audit chain intact: 5 events, head [0-9a-f]{64}\n$/);
    assert.equal(result.stderr, '');
  });

  it('exits 1 naming an event whose payload was altered', async () => {
    await logOfFive(() => [sql`UPDATE audit_events SET payload = jsonb_set(payload, '{changes,outcome,to}', '"granted"') WHERE id = 5`]);
    await verifyBroken(5, /its content was altered/);
  });

  it('exits 1 naming an event whose actor was altered', async () => {
    await logOfFive(() => [sql`UPDATE audit_events SET actor = 'user:3' WHERE id = 4`]);
    await verifyBroken(4, /its content was altered/);
  });

  it('exits 1 naming an event whose time was altered', async () => {
    await logOfFive(() => [sql`UPDATE audit_events SET occurred_at = occurred_at + interval '1 day' WHERE id = 2`]);
    await verifyBroken(2, /its content was altered/);
  });

  it('exits 1 naming the id of an event deleted from the middle', async () => {
    await logOfFive(() => [sql`DELETE FROM audit_events WHERE id = 3`]);
    await verifyBroken(3, /event 3 is missing \(deleted\)/);
  });

  it('exits 1 naming a deleted first event', async () => {
    await logOfFive(() => [sql`DELETE FROM audit_events WHERE id = 1`]);
    await verifyBroken(1, /event 1 is missing \(deleted\)/);
  });

  it('exits 1 naming the first out-of-place event when two were swapped', async () => {
    await logOfFive(() => [
      sql`UPDATE audit_events SET id = 1000 WHERE id = 2`,
      sql`UPDATE audit_events SET id = 2 WHERE id = 4`,
      sql`UPDATE audit_events SET id = 4 WHERE id = 1000`,
    ]);
    await verifyBroken(2, /does not follow event 1/);
  });

  it('exits 1 at the following event when the altered event’s hash was recomputed', async () => {
    await logOfFive((rows) => {
      const forged = { ...rows[2]!, actor: 'user:3' };
      return [sql`UPDATE audit_events SET actor = ${forged.actor}, hash = ${eventHash(forged)} WHERE id = 3`];
    });
    await verifyBroken(4, /does not follow event 3/);
  });
});

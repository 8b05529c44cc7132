import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StaffSession } from '../auth/sessions.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { appendEvents } from './append-events.ts';
import { eventsInChunks, listEvents } from './list-events.ts';

const admin: StaffSession = { sessionId: 1, userId: 1, email: 'admin@staff.example', displayName: null, role: 'admin', csrfToken: 'x', createdAt: new Date(), steppedUpAt: null };

describe('reading the audit trail', () => {
  const suite = useTestDatabase();
  const append = (from: number, count: number) =>
    suite.handle.db.transaction().execute((trx) =>
      appendEvents(trx, Array.from({ length: count }, (_, i) => ({ actor: i % 2 ? 'cli' : 'system', action: 'test.event', subjectType: 'system', subjectId: from + i, payload: { n: from + i } }))),
    );

  before(() => append(1, 25));

  it('exports a chunk at a time, in chain order, and leaves out events appended after the export began', async () => {
    const chunks: number[][] = [];
    for await (const events of eventsInChunks(suite.handle.db, admin, {}, 10)) {
      chunks.push(events.map((event) => event.id));
      if (chunks.length === 1) await append(100, 3);
    }
    assert.deepEqual(chunks.map((chunk) => chunk.length), [10, 10, 5]);
    assert.deepEqual(chunks.flat(), Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('pages newest first by keyset, each event once, with the filters applied in the database', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    do {
      const page = await listEvents(suite.handle.db, admin, { actor: 'cli' }, { before, limit: 4 });
      assert.ok(page.events.length <= 4);
      seen.push(...page.events.map((event) => event.id));
      before = page.nextBefore;
    } while (before !== undefined);
    const expected = (await suite.handle.db.selectFrom('audit_events').select('id').where('actor', '=', 'cli').orderBy('id', 'desc').execute()).map((row) => row.id);
    assert.deepEqual(seen, expected);
    assert.ok(expected.length > 8);
  });
});

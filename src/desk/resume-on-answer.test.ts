import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { submitRequests } from '../intake/submit-requests.ts';
import { receiveMessage } from '../mail/receive-message.ts';
import { useTestDatabase } from '../../test/helpers/database.ts';

describe('an answer from the requester', () => {
  const suite = useTestDatabase();

  it('brings a waiting request back into review and adds the time waited to its deadline', async () => {
    const db = suite.handle.db;
    const [created] = await submitRequests(db, [{ kind: 'copyright', requester: { name: 'Ana', email: 'ana@example.org' }, text: 'Takedown', targets: [{ url: 'https://es.wikipedia.org/wiki/Faro' }] }], { channel: 'api', actor: 'test' });
    const waitingSince = new Date(Date.now() - 2 * 3_600_000);
    await db.updateTable('requests').set({ state: 'waiting', waiting_since: waitingSince }).where('id', '=', created!.id).execute();
    const raw = Buffer.from(`From: Ana <ana@example.org>\r\nTo: legal@example.org\r\nSubject: Re: more information [${created!.reference}]\r\nMessage-ID: <answer-1@example.org>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHere is the exact sentence.\r\n`);
    const result = await receiveMessage(db, raw, { source: 'import', actor: 'mail' });
    assert.equal(result.outcome, 'threaded');
    const row = await sql<{ state: string; waiting: boolean; paused_hours: number }>`
      SELECT state, waiting_since IS NOT NULL AS waiting, extract(epoch FROM deadline_paused) / 3600 AS paused_hours FROM requests WHERE id = ${created!.id}`.execute(db);
    assert.equal(row.rows[0]!.state, 'in_review');
    assert.equal(row.rows[0]!.waiting, false);
    assert.ok(Math.abs(Number(row.rows[0]!.paused_hours) - 2) < 0.05, `paused ${row.rows[0]!.paused_hours} hours`);
    const event = await db.selectFrom('audit_events').select('action').where('subject_id', '=', created!.id).where('action', '=', 'request.resumed').executeTakeFirst();
    assert.ok(event, 'the resumption is audited');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shutDown } from './shutdown.ts';

describe('shutDown', () => {
  it('runs every step in order, logs the one that fails with what it closed, and reports it', async () => {
    const done: string[] = [];
    const logged: { obj: { err: Error; closing: string }; msg: string }[] = [];
    const log = { error: (obj: unknown, msg: string) => void logged.push({ obj: obj as { err: Error; closing: string }, msg }) };
    const clean = await shutDown(log, [
      ['the HTTP server', async () => void done.push('server')],
      ['the job queue', async () => {
        throw new Error('the queue would not stop');
      }],
      ['the database', () => void done.push('database')],
    ]);
    assert.equal(clean, false);
    assert.deepEqual(done, ['server', 'database'], 'the database is closed after a step that failed');
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.msg, 'shutting down: closing the job queue failed');
    assert.equal(logged[0]!.obj.closing, 'the job queue');
    assert.equal(logged[0]!.obj.err.message, 'the queue would not stop');
  });

  it('reports a shutdown whose steps all succeed', async () => {
    assert.equal(await shutDown({ error: () => assert.fail('nothing is logged') }, [['the database', async () => undefined]]), true);
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../../src/audit/verify-chain.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const CHILD = path.join(import.meta.dirname, '..', 'helpers', 'commit-then-wait.ts');
const skip = process.env.CANDOR_TEST_TEMPLATE_URL ? 'a PostgreSQL server’s durability is its own; this concerns the embedded database (PGlite)' : false;

interface Committed {
  ids: number[];
  changed: number[];
}

/** Starts the child, waits until it says it committed, kills it with SIGKILL, and returns what it committed. */
async function commitThenKill(env: Record<string, string>, round: number, count: number): Promise<Committed> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(round), String(count)], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child did not commit in time:\n${stderr}`)), 60_000);
      readline.createInterface({ input: child.stdout }).on('line', (text) => {
        if (text.startsWith('committed ')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the child exited before committing:\n${stderr}`));
      });
    });
    return JSON.parse(line.slice('committed '.length)) as Committed;
  } finally {
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
  }
}

describe('the embedded database keeps every acknowledged commit when its process is killed', { skip }, () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('finds, after SIGKILL, every committed row and its audit events, in an intact chain', async () => {
    const all: Committed = { ids: [], changed: [] };
    const count = 25;
    for (let round = 1; round <= 3; round++) {
      const committed = await commitThenKill(database.env, round, count);
      assert.equal(committed.ids.length, count);
      all.ids.push(...committed.ids);
      all.changed.push(...committed.changed);

      // The killed process could not give the folder back; the next opener takes it over.
      const lock = JSON.parse(fs.readFileSync(path.join(database.config.dataDir, 'candor.lock'), 'utf8')) as { holder: string };
      assert.equal(lock.holder, 'the durability test child');

      const handle = await database.open();
      try {
        const requests = await handle.db.selectFrom('requests').select(['id', 'external_id', 'state', 'outcome']).orderBy('id').execute();
        assert.deepEqual(
          requests.map((row) => row.id),
          all.ids,
          `round ${round}: every committed request is there`,
        );
        const changed = new Set(all.changed);
        for (const row of requests) {
          assert.deepEqual([row.state, row.outcome], changed.has(row.id) ? ['closed', 'denied'] : ['received', null], `request ${row.id}`);
        }
        const targets = await handle.db.selectFrom('request_targets').select('request_id').execute();
        assert.equal(targets.length, all.ids.length);

        const events = await handle.db.selectFrom('audit_events').select(['id', 'action', 'subject_id']).orderBy('id').execute();
        assert.deepEqual(
          events.filter((event) => event.action === 'request.created').map((event) => event.subject_id),
          all.ids,
        );
        assert.deepEqual(
          events.filter((event) => event.action === 'request.changed').map((event) => event.subject_id),
          all.changed,
        );
        assert.equal(events.length, all.ids.length + all.changed.length, 'no other event');
        const verdict = await verifyChain(handle.db);
        assert.equal(verdict.ok, true, JSON.stringify(verdict.firstBad));
        assert.equal(verdict.checked, events.length);
      } finally {
        await handle.close();
      }
    }
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const HEADER = 'reference,kind,category,received_at,country,requester_type,project,outcome,accounts_potentially_affected,accounts_actually_affected,accounts_notified';

describe('reference numbering', () => {
  let database: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-references-'));
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('skips references that imported rows already hold', async () => {
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, `${HEADER}\nCR-2025-000001,copyright,,2025-03-01,US,company,en.wikipedia.org,denied,,,\nCR-2025-000002,copyright,,2025-03-02,US,company,en.wikipedia.org,denied,,,\n`);
    assert.equal((await runCli(['import', 'requests', first], database.env)).status, 0);
    const second = path.join(dir, 'second.csv');
    fs.writeFileSync(second, `${HEADER}\n,copyright,,2025-04-01,DE,company,de.wikipedia.org,granted,,,\n,copyright,,2025-04-02,DE,company,de.wikipedia.org,granted,,,\n`);
    const result = await runCli(['import', 'requests', second], database.env);
    assert.equal(result.status, 0, result.stderr);
    const handle = await database.open();
    try {
      const references = (await handle.db.selectFrom('requests').select('reference').orderBy('id').execute()).map((row) => row.reference);
      assert.deepEqual(references, ['CR-2025-000001', 'CR-2025-000002', 'CR-2025-000003', 'CR-2025-000004']);
    } finally {
      await handle.close();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { generateRequests } from '../demo/generate-requests.ts';
import { importRequestRows } from './import-requests.ts';

describe('importRequestRows', () => {
  const suite = useTestDatabase();

  it('refreshes the planner statistics of the tables a large import filled', async () => {
    const db = suite.handle.db;
    const estimate = async () => Number((await sql<{ n: number }>`SELECT reltuples::int8 AS n FROM pg_class WHERE relname = 'requests'`.execute(db)).rows[0]!.n);
    const requests = generateRequests(10_000, { seed: 3, from: new Date('2025-01-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z'), withText: false });
    const { imported } = await importRequestRows(suite.handle, requests.map((request, i) => ({ line: i + 2, request })), { actor: 'test' });
    assert.equal(imported, 10_000);
    const count = Number((await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM requests`.execute(db)).rows[0]!.n);
    assert.ok(count >= 10_000);
    // Without a fresh ANALYZE the estimate is still the empty template's (0 or -1).
    const known = await estimate();
    assert.ok(known >= count * 0.9 && known <= count * 1.1, `the planner reckons ${known} rows of ${count} at once`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/helpers/database.ts';
import { arrayLiteral, bulkInsert, type BulkColumn } from './bulk-insert.ts';

interface Row {
  label: string | null;
  at: Date | null;
  count: number | null;
  tags: string[];
  data: string | null;
}

const COLUMNS: BulkColumn<Row>[] = [
  { name: 'label', type: 'text', value: (row) => row.label },
  { name: 'at', type: 'timestamptz', value: (row) => row.at },
  { name: 'count', type: 'bigint', value: (row) => row.count },
  { name: 'tags', type: 'text[]', value: (row) => row.tags },
  { name: 'data', type: 'jsonb', value: (row) => row.data },
];

// Texts that an array literal or a parameter could mangle: quotes, backslashes, braces, commas,
// the word NULL, empty strings, whitespace, non-Latin scripts and characters outside the BMP.
const AWKWARD = ['', 'NULL', 'null', ' padded ', 'a,b', '{x}', 'say "hi"', 'back\\slash', '\\"', 'line\nbreak', 'tab\there', 'مرحبا', '日本語', '🙂', "it's"];

describe('bulkInsert', () => {
  const suite = useTestDatabase();

  it('stores every row and value as given, nulls, arrays and awkward texts included, and returns what is asked', async () => {
    const db = suite.handle.db;
    await sql`CREATE TABLE bulk_test (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text, at timestamptz, count bigint, tags text[] NOT NULL, data jsonb)`.execute(db);
    const rows: Row[] = AWKWARD.map((label, i) => ({
      label: i === 3 ? null : label,
      at: i % 4 === 0 ? null : new Date(Date.UTC(2025, i, 28, 23, 59, 59, 999)),
      count: i % 5 === 0 ? null : 2 ** 40 + i,
      tags: i % 3 === 0 ? [] : AWKWARD.slice(i, i + 3),
      data: i % 2 === 0 ? null : JSON.stringify({ label, n: i }),
    }));
    const returned = await db.transaction().execute((trx) => bulkInsert<Row, { id: string | number; label: string | null }>(trx, 'bulk_test', COLUMNS, rows, ['id', 'label']));
    assert.deepEqual(
      returned.map((row) => row.label),
      rows.map((row) => row.label),
    );
    const stored = await sql<{ label: string | null; at: Date | null; count: string | number | null; tags: string[]; data: unknown }>`SELECT label, at, count, tags, data FROM bulk_test ORDER BY id`.execute(db);
    assert.deepEqual(
      stored.rows.map((row) => ({ label: row.label, at: row.at?.toISOString() ?? null, count: row.count === null ? null : Number(row.count), tags: row.tags, data: row.data })),
      rows.map((row) => ({ label: row.label, at: row.at?.toISOString() ?? null, count: row.count, tags: row.tags, data: row.data === null ? null : JSON.parse(row.data) })),
    );
    assert.deepEqual(await bulkInsert(db, 'bulk_test', COLUMNS, []), []);
  });

  it('writes array literals that PostgreSQL reads back element for element', async () => {
    const { rows } = await sql<{ back: string[] }>`SELECT ${arrayLiteral(AWKWARD)}::text[] AS back`.execute(suite.handle.db);
    assert.deepEqual(rows[0]!.back, AWKWARD);
    assert.equal(arrayLiteral([]), '{}');
  });
});

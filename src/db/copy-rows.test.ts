import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { useTestDatabase } from '../../test/helpers/database.ts';
import type { BulkColumn } from './bulk-insert.ts';
import { copyField, copyLines, transactionWithCopy } from './copy-rows.ts';

describe('COPY text format', () => {
  it('writes NULL as \\N and escapes the characters that delimit fields and rows', () => {
    assert.equal(copyField(null, 'text'), '\\N');
    assert.equal(copyField(undefined, 'bigint'), '\\N');
    assert.equal(copyField('a\tb\nc\rd\\e', 'text'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyField('\\N', 'text'), '\\\\N', 'the text \\N is not NULL');
    assert.equal(copyField('', 'text'), '');
    assert.equal(copyField('Ñandú «ok» 名', 'text'), 'Ñandú «ok» 名');
  });

  it('writes numbers, booleans, instants, JSON and arrays of texts as PostgreSQL reads them', () => {
    assert.equal(copyField(42, 'bigint'), '42');
    assert.equal(copyField(true, 'boolean'), 't');
    assert.equal(copyField(new Date('2026-02-03T04:05:06.789Z'), 'timestamptz'), '2026-02-03T04:05:06.789Z');
    assert.equal(copyField({ a: 'x\ty' }, 'jsonb'), '{"a":"x\\\\ty"}');
    assert.equal(copyField(['a', 'b "c"', 'd\\e', 'f\tg'], 'text[]'), '{"a","b \\\\"c\\\\"","d\\\\\\\\e","f\\tg"}');
    assert.equal(copyField([], 'text[]'), '{}');
  });

  it('refuses values it has no COPY form for, rather than writing them as JSON', () => {
    assert.throws(() => copyField(Buffer.from('x'), 'bytea'), /COPY does not write object values to a bytea column/);
    assert.throws(() => copyField([1, 2], 'bigint[]'), /an array .* bigint\[\] column/);
  });

  it('writes one line per row, fields in the columns\' order', () => {
    const columns: BulkColumn<{ id: number; name: string | null }>[] = [
      { name: 'id', type: 'bigint', value: (row) => row.id },
      { name: 'name', type: 'text', value: (row) => row.name },
    ];
    assert.equal(copyLines(columns, [{ id: 1, name: 'x' }, { id: 2, name: null }]), '1\tx\n2\t\\N\n');
  });
});

describe('transactionWithCopy', () => {
  const suite = useTestDatabase();
  interface Row { id: number; note: string | null; tags: string[]; at: Date; doc: unknown }
  const columns: BulkColumn<Row>[] = [
    { name: 'id', type: 'bigint', value: (row) => row.id },
    { name: 'note', type: 'text', value: (row) => row.note },
    { name: 'tags', type: 'text[]', value: (row) => row.tags },
    { name: 'at', type: 'timestamptz', value: (row) => row.at },
    { name: 'doc', type: 'jsonb', value: (row) => JSON.stringify(row.doc) },
  ];
  const hostile = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '"quoted"', '{braces}', 'comma,here', 'Ñandú 名 🙂', ''];
  const rows: Row[] = Array.from({ length: 2_500 }, (_, i) => ({
    id: i + 1,
    note: i % 7 === 0 ? null : hostile[i % hostile.length]!,
    tags: i % 5 === 0 ? [] : [hostile[i % hostile.length]!, hostile[(i + 3) % hostile.length]!],
    at: new Date(Date.UTC(2025, 0, 1) + i * 61_000),
    doc: { n: i, text: hostile[(i + 1) % hostile.length], list: [null, true] },
  }));

  it('stores every value as it was given, in the caller\'s transaction, chunk after chunk', async () => {
    await sql`CREATE TABLE copied (id bigint PRIMARY KEY, note text, tags text[] NOT NULL, at timestamptz NOT NULL, doc jsonb NOT NULL)`.execute(suite.handle.db);
    const chunks = function* () {
      for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000);
    };
    const stored = await transactionWithCopy(suite.handle, async (trx, copy) => {
      await sql`INSERT INTO copied VALUES (0, 'before', '{}', now(), '{}')`.execute(trx);
      const count = await copy('copied', columns, chunks());
      // The copied rows are visible to the rest of the same transaction.
      const seen = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copied`.execute(trx);
      assert.equal(seen.rows[0]!.n, rows.length + 1);
      return count;
    });
    assert.equal(stored, rows.length);
    const back = await sql<Row>`SELECT id::int AS id, note, tags, at, doc FROM copied WHERE id > 0 ORDER BY id`.execute(suite.handle.db);
    assert.deepEqual(back.rows, rows);
  });

  it('rolls everything back when the server refuses a row, and the pool goes on working', async () => {
    const { db } = suite.handle;
    await sql`CREATE TABLE refused (id bigint PRIMARY KEY, note text, tags text[] NOT NULL, at timestamptz NOT NULL, doc jsonb NOT NULL)`.execute(db);
    const twice = [...rows.slice(0, 1_500), rows[10]!];
    await assert.rejects(
      transactionWithCopy(suite.handle, async (trx, copy) => {
        await sql`INSERT INTO refused VALUES (0, 'before', '{}', now(), '{}')`.execute(trx);
        await copy('refused', columns, [twice]);
      }),
      /duplicate key/,
    );
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM refused`.execute(db);
    assert.equal(left.rows[0]!.n, 0);
    assert.equal(await transactionWithCopy(suite.handle, (trx, copy) => copy('refused', columns, [rows.slice(0, 10)])), 10);
  });

  it('aborts the COPY when a chunk cannot be built, storing nothing', async () => {
    const { db } = suite.handle;
    await sql`CREATE TABLE aborted (id bigint PRIMARY KEY, note text, tags text[] NOT NULL, at timestamptz NOT NULL, doc jsonb NOT NULL)`.execute(db);
    const chunks = function* () {
      yield rows.slice(0, 1_000);
      throw new Error('the second chunk could not be built');
    };
    await assert.rejects(
      transactionWithCopy(suite.handle, (trx, copy) => copy('aborted', columns, chunks())),
      /the second chunk could not be built/,
    );
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM aborted`.execute(db);
    assert.equal(left.rows[0]!.n, 0);
  });
});

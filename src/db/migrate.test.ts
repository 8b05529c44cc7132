import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import type { DatabaseHandle } from './connect.ts';
import {
  MigrationFailedError,
  UnknownMigrationError,
  appliedMigrations,
  assertNoUnknownMigrations,
  migrateToLatest,
  pendingMigrations,
} from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

const KNOWN = Object.keys(MIGRATIONS).sort();
const FUTURE = '29990101000000-from-the-future';

/** Empties a database completely, as a freshly created one is. */
async function emptyDatabase(db: Kysely<any>): Promise<void> {
  await sql`DROP SCHEMA public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
}

async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql<{ present: string | null }>`SELECT to_regclass(${name})::text AS present`.execute(db);
  return rows[0]!.present !== null;
}

describe('migrations', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
  });
  after(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('finds a migrated database up to date', async () => {
    assert.deepEqual(await appliedMigrations(handle.db), KNOWN);
    assert.deepEqual(await pendingMigrations(handle.db), []);
    await assertNoUnknownMigrations(handle.db);
    assert.deepEqual(await migrateToLatest(handle.db), []);
  });

  it('refuses, naming them, migrations it does not know, and applies nothing then', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${FUTURE}, ${new Date().toISOString()})`.execute(handle.db);
    try {
      await assert.rejects(assertNoUnknownMigrations(handle.db), (error: unknown) => {
        assert.ok(error instanceof UnknownMigrationError);
        assert.deepEqual(error.names, [FUTURE]);
        assert.equal(error.code, 'error-unknown-migrations');
        assert.match(error.message, new RegExp(`does not know: ${FUTURE}; run the Candor version that applied them`));
        return true;
      });
      await assert.rejects(migrateToLatest(handle.db), UnknownMigrationError);
      assert.deepEqual(await appliedMigrations(handle.db), [...KNOWN, FUTURE]);
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = ${FUTURE}`.execute(handle.db);
    }
  });

  it('refuses migration names that happen to be properties of every object', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${name}, ${new Date().toISOString()})`.execute(handle.db);
      try {
        await assert.rejects(assertNoUnknownMigrations(handle.db), (error: unknown) => error instanceof UnknownMigrationError && error.names.includes(name), name);
      } finally {
        await sql`DELETE FROM kysely_migration WHERE name = ${name}`.execute(handle.db);
      }
    }
  });

  it('applies every migration to an empty database, in order, once', async () => {
    await emptyDatabase(handle.db);
    assert.deepEqual(await appliedMigrations(handle.db), []);
    assert.deepEqual(await pendingMigrations(handle.db), KNOWN);
    assert.deepEqual(await migrateToLatest(handle.db), KNOWN);
    assert.deepEqual(await appliedMigrations(handle.db), KNOWN);
    assert.ok(await tableExists(handle.db, 'audit_events'));
    assert.deepEqual(await migrateToLatest(handle.db), []);
  });

  it('applies nothing of a run in which one migration fails, and names that migration', async () => {
    // Two migrations of a hypothetical later build: one that works, then one that fails.
    MIGRATIONS['29990101000000-works'] = { up: (db) => sql`CREATE TABLE later_table (id integer)`.execute(db).then(() => undefined) };
    MIGRATIONS['29990101000001-fails'] = { up: (db) => sql`ALTER TABLE no_such_table ADD COLUMN x integer`.execute(db).then(() => undefined) };
    try {
      await assert.rejects(migrateToLatest(handle.db), (error: unknown) => {
        assert.ok(error instanceof MigrationFailedError);
        assert.equal(error.migration, '29990101000001-fails');
        assert.match(error.message, /^migration 29990101000001-fails failed: .*no_such_table/);
        return true;
      });
      assert.deepEqual(await appliedMigrations(handle.db), KNOWN, 'the run is all or nothing');
      assert.equal(await tableExists(handle.db, 'later_table'), false);
    } finally {
      delete MIGRATIONS['29990101000000-works'];
      delete MIGRATIONS['29990101000001-fails'];
    }
  });
});

describe('candor and the schema of the database', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  async function withHandle(work: (db: Kysely<any>) => Promise<unknown>): Promise<void> {
    const handle = await database.open();
    try {
      await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  it('`candor migrate` migrates an empty database, then says it is up to date', async () => {
    await withHandle(emptyDatabase);
    const pending = await runCli(['report', '2025'], database.env);
    assert.equal(pending.status, 3, pending.stderr);
    assert.equal(pending.stderr, `candor: the database needs migrating first (${KNOWN.length} pending); run: candor migrate\n`);

    const first = await runCli(['migrate'], database.env);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, `applied ${KNOWN.length} migration(s): ${KNOWN.join(', ')}\n`);
    const second = await runCli(['migrate'], database.env);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, 'the database is up to date\n');
  });

  describe('with a migration from a newer build', () => {
    before(() => withHandle((db) => sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${FUTURE}, '2999-01-01T00:00:00.000Z')`.execute(db)));

    const expected = `candor: the database carries migrations this build of Candor does not know: ${FUTURE}; run the Candor version that applied them (or a newer one)\n`;

    for (const args of [['migrate'], ['report', '2025']]) {
      it(`\`candor ${args.join(' ')}\` refuses it with exit code 3, naming the migration`, async () => {
        const result = await runCli(args, database.env);
        assert.equal(result.status, 3, result.stderr);
        assert.equal(result.stderr, expected, 'one clear line, no stack trace');
        assert.equal(result.stdout, '');
      });
    }

    it('`candor serve` refuses it with exit code 3 before serving', async () => {
      const result = await runCli(['serve'], database.env, undefined, 60_000);
      assert.equal(result.status, 3, result.stderr);
      assert.equal(result.stderr, expected);
      assert.doesNotMatch(result.stdout, /candor is serving/);
    });

    it('is left as it was: the migration stays recorded and nothing else is applied', async () => {
      await withHandle(async (db) => assert.deepEqual(await appliedMigrations(db), [...KNOWN, FUTURE]));
    });
  });
});

import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { DomainError } from '../errors.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** The database has been migrated by a newer build: running on it could corrupt data. */
export class UnknownMigrationError extends DomainError {
  constructor(readonly names: string[]) {
    super(
      'error-unknown-migrations',
      [names.join(', ')],
      `the database carries migrations this build of Candor does not know: ${names.join(', ')}; ` +
        'run the Candor version that applied them (or a newer one)',
    );
  }
}

/**
 * A migration failed. PostgreSQL changes its schema in transactions, and a run applies all its
 * migrations in one: the database is left as it was before the run.
 */
export class MigrationFailedError extends DomainError {
  constructor(
    readonly migration: string,
    override readonly cause: unknown,
  ) {
    super('error-migration-failed', [migration], `migration ${migration} failed: ${String(cause)}`);
  }
}

/** Names of the migrations already applied to this database, oldest first. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{ present: string | null }>`SELECT to_regclass('kysely_migration')::text AS present`.execute(db);
  if (!exists.rows[0]?.present) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Refuses a database that carries a migration this build does not know. */
export async function assertNoUnknownMigrations(db: Kysely<any>): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !Object.hasOwn(MIGRATIONS, name));
  if (unknown.length > 0) throw new UnknownMigrationError(unknown);
}

/** Applies every pending migration in order and returns the names it applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  await assertNoUnknownMigrations(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result: MigrationResult) => result.status === 'Error');
  if (error) throw new MigrationFailedError(failed?.migrationName ?? 'unknown', error);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** The names of migrations this build knows but the database has not applied yet. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const applied = new Set(await appliedMigrations(db));
  return Object.keys(MIGRATIONS).sort().filter((name) => !applied.has(name));
}

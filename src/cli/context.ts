import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/connect.ts';
import { assertNoUnknownMigrations, pendingMigrations } from '../db/migrate.ts';
import { DomainError } from '../errors.ts';

/** What a command needs: the configuration and where to write. */
export interface CommandContext {
  config: Config;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** The database has not been migrated to this build yet. */
export class PendingMigrationsError extends DomainError {
  constructor(readonly names: string[]) {
    super('error-pending-migrations', [names.join(', ')], `the database needs migrating first (${names.length} pending); run: candor migrate`);
  }
}

/**
 * Opens the database for one command, checks that its schema is the one this build expects,
 * runs `work`, and always closes it (giving the embedded database's folder back).
 */
export async function withDatabase<T>(
  context: CommandContext,
  work: (handle: DatabaseHandle) => Promise<T>,
  options: { requireMigrated?: boolean } = { requireMigrated: true },
): Promise<T> {
  const handle = await openDatabase(context.config, { holder: 'a candor command', poolSize: 2 });
  try {
    if (options.requireMigrated !== false) {
      await assertNoUnknownMigrations(handle.db);
      const pending = await pendingMigrations(handle.db);
      if (pending.length > 0) throw new PendingMigrationsError(pending);
    }
    return await work(handle);
  } finally {
    await handle.close();
  }
}

import { migrateToLatest } from '../../db/migrate.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

/** `candor migrate`: applies every pending migration. */
export async function migrateCommand(context: CommandContext): Promise<number> {
  const applied = await withDatabase(context, (handle) => migrateToLatest(handle.db), { requireMigrated: false });
  context.stdout.write(applied.length === 0 ? 'the database is up to date\n' : `applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
  return EXIT.ok;
}

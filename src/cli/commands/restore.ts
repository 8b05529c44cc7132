import fs from 'node:fs';
import { verifyChain } from '../../audit/verify-chain.ts';
import { restoreBackup } from '../../backup/restore-backup.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { parseFile } from './backup.ts';

/**
 * `candor restore FILE [--force]`: checks the archive, loads it into the database in one
 * transaction (an empty one, unless --force), brings its schema up to date, and verifies the
 * audit chain it brought.
 */
export async function restoreCommand(context: CommandContext, args: string[]): Promise<number> {
  const { file, values } = parseFile(args, 'restore', { force: { type: 'boolean' } });
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`restore: ${file} is not a file`);
  const { summary, verdict } = await withDatabase(
    context,
    async (handle) => {
      const summary = await restoreBackup(handle.db, handle.backend, file, { force: values.force === true });
      return { summary, verdict: await verifyChain(handle.db) };
    },
    { requireMigrated: false },
  );
  context.stdout.write(
    `restored ${file} (made ${summary.header.created_at} on ${summary.header.backend}): ${summary.tables} tables, ${summary.rows} rows\n` +
      (summary.upgraded.length > 0 ? `then applied ${summary.upgraded.length} newer migration(s): ${summary.upgraded.join(', ')}\n` : ''),
  );
  if (verdict.ok) {
    context.stdout.write(`audit chain intact: ${verdict.checked} events, head ${verdict.headHash}\n`);
    return EXIT.ok;
  }
  context.stderr.write(
    `the restored audit chain is broken at event ${verdict.firstBad!.id}: ${verdict.firstBad!.reason} ` +
      `(${verdict.checked} events before it are intact); the archive holds the chain as it was when backed up\n`,
  );
  return EXIT.failure;
}

import fs from 'node:fs';
import { restoreBackup } from '../../backup/restore-backup.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';
import { parseFile } from './backup.ts';

/**
 * `candor restore FILE [--force] [--expect-sha256 HEX]`: checks the archive (against the SHA-256
 * `candor backup` printed, when given), loads it into the database in one transaction (an empty
 * one, unless --force), verifies the audit chain it brought before committing, and brings its
 * schema up to date.
 */
export async function restoreCommand(context: CommandContext, args: string[]): Promise<number> {
  const { file, values } = parseFile(args, 'restore', { force: { type: 'boolean' }, 'expect-sha256': { type: 'string' } });
  const expectSha256 = values['expect-sha256'] as string | undefined;
  if (expectSha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectSha256)) {
    throw new UsageError(`restore: --expect-sha256 takes the 64 hexadecimal digits candor backup printed, not "${expectSha256}"`);
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`restore: ${file} is not a file`);
  const summary = await withDatabase(
    context,
    (handle) => restoreBackup(handle.db, handle.backend, file, { force: values.force === true, expectSha256 }),
    { requireMigrated: false },
  );
  context.stdout.write(
    `restored ${file} (made ${summary.header.created_at} on ${summary.header.backend}): ${summary.tables} tables, ${summary.rows} rows\n` +
      (summary.upgraded.length > 0 ? `then applied ${summary.upgraded.length} newer migration(s): ${summary.upgraded.join(', ')}\n` : '') +
      `audit chain intact: ${summary.chain.events} events, head ${summary.chain.headHash}\n`,
  );
  return EXIT.ok;
}

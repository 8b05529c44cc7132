import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeArchiveFile, type ArchiveContents } from '../../backup/archive-file.ts';
import { backupThroughServer } from '../../backup/control-socket.ts';
import { NoDatabaseError } from '../../backup/errors.ts';
import { writeBackup } from '../../backup/write-backup.ts';
import { embeddedDatabaseExists } from '../../db/connect.ts';
import { DatabaseInUseError } from '../../db/lock.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/** Reads the one FILE argument (and the given flags) of `backup` and `restore`. */
export function parseFile(args: string[], command: string, options: Record<string, { type: 'boolean' | 'string' }> = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`usage: candor ${command} FILE${command === 'restore' ? ' [--force] [--expect-sha256 HEX]' : ''}`);
  return { file: parsed.positionals[0]!, values: parsed.values as Record<string, boolean | string | undefined> };
}

/**
 * `candor backup FILE`: writes a complete, consistent archive of the database to FILE while the
 * server may keep running. On PGlite held by a running server, the server makes it (through its
 * control socket in DATA_DIR); otherwise this process reads the database itself. It prints the
 * file's SHA-256, for the operator to keep apart from the file and give to `restore --expect-sha256`.
 */
export async function backupCommand(context: CommandContext, args: string[]): Promise<number> {
  const { file } = parseFile(args, 'backup');
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`backup: the folder ${folder} does not exist`);
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) throw new UsageError(`backup: ${file} exists and is not a file`);
  const { config } = context;
  if (!config.databaseUrl && !embeddedDatabaseExists(config.dataDir)) throw new NoDatabaseError(config.dataDir);
  let contents: ArchiveContents;
  let via = '';
  try {
    contents = await withDatabase(
      context,
      async (handle) => (await writeArchiveFile(file, (out) => writeBackup(handle.db, handle.backend, out))).contents,
      { requireMigrated: false },
    );
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    contents = (await writeArchiveFile(file, (out) => backupThroughServer(config.dataDir, error, out))).contents;
    via = ` (made by the running server, process ${error.pid})`;
  }
  context.stdout.write(
    `backup written to ${file}${via}: ${contents.tables} tables, ${contents.rows} rows, ` +
      `${contents.header.migrations.length} migrations, from ${contents.header.backend}\n` +
      `sha256 ${contents.sha256}\n`,
  );
  return EXIT.ok;
}

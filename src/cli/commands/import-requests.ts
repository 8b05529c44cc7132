import fs from 'node:fs';
import { formatIssue, ValidationError } from '../../errors.ts';
import { importRequestsCsv } from '../../intake/import-requests.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { progressBar } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

const SHOWN_ISSUES = 100;

/** `candor import requests FILE.csv`: imports the whole file in one transaction, or nothing of it. */
export async function importRequestsCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('usage: candor import requests FILE.csv');
  const file = args[0]!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const progress = progressBar(context.stdout, 'importing');
  try {
    const { imported } = await withDatabase(context, (handle) =>
      importRequestsCsv(handle.db, bytes, { actor: 'cli', onProgress: (done, total) => progress.update(done, total) }),
    );
    progress.finish();
    context.stdout.write(`imported ${imported} request(s) from ${file}\n`);
    return EXIT.ok;
  } catch (error) {
    progress.finish();
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues.slice(0, SHOWN_ISSUES)) context.stderr.write(`${formatIssue(issue)}\n`);
    if (error.issues.length > SHOWN_ISSUES) context.stderr.write(`… and ${error.issues.length - SHOWN_ISSUES} more problem(s)\n`);
    context.stderr.write(`nothing was imported from ${file}: ${error.issues.length} problem(s)\n`);
    return EXIT.failure;
  }
}

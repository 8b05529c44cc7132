import fs from 'node:fs';
import { formatIssue, ValidationError, type FieldIssue } from '../../errors.ts';
import { importRequestRows } from '../../intake/import-requests.ts';
import { parseRequestCsv } from '../../intake/request-csv.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { progressBar } from '../progress.ts';
import { UsageError } from '../usage-error.ts';

const SHOWN_ISSUES = 100;

function refuse(context: CommandContext, file: string, issues: readonly FieldIssue[]): number {
  for (const issue of issues.slice(0, SHOWN_ISSUES)) context.stderr.write(`${formatIssue(issue)}\n`);
  if (issues.length > SHOWN_ISSUES) context.stderr.write(`… and ${issues.length - SHOWN_ISSUES} more problem(s)\n`);
  context.stderr.write(`nothing was imported from ${file}: ${issues.length} problem(s)\n`);
  return EXIT.failure;
}

/**
 * `candor import requests FILE.csv`: checks the whole file (before even opening the database),
 * then imports it in one transaction, or nothing of it.
 */
export async function importRequestsCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('usage: candor import requests FILE.csv');
  const file = args[0]!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { rows, issues } = parseRequestCsv(bytes);
  if (issues.length > 0) return refuse(context, file, issues);
  const progress = progressBar(context.stdout, 'importing');
  try {
    const { imported } = await withDatabase(context, (handle) =>
      importRequestRows(handle, rows, { actor: 'cli', onProgress: (done, total) => progress.update(done, total) }),
    );
    progress.finish();
    context.stdout.write(`imported ${imported} request(s) from ${file}\n`);
    return EXIT.ok;
  } catch (error) {
    progress.finish();
    if (error instanceof ValidationError) return refuse(context, file, error.issues);
    throw error;
  }
}

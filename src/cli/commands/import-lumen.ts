import fs from 'node:fs';
import { importLumenNotices } from '../../exports/lumen/import-lumen.ts';
import { formatLumenIssue, parseLumenDocument } from '../../exports/lumen/parse-lumen.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

const SHOWN_ISSUES = 100;

/**
 * `candor import lumen FILE`: reads notices in Lumen's JSON (one notice, a list, or a search
 * result), checks every one before opening the database, then stores them all or none.
 */
export async function importLumenCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('usage: candor import lumen FILE.json');
  const file = args[0]!;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`cannot read ${file}: ${code}`);
    context.stderr.write(`${file}: not JSON: ${(error as Error).message}\nnothing was imported from ${file}\n`);
    return EXIT.failure;
  }
  const { notices, issues } = parseLumenDocument(document);
  if (issues.length > 0) {
    for (const issue of issues.slice(0, SHOWN_ISSUES)) context.stderr.write(`${formatLumenIssue(issue)}\n`);
    if (issues.length > SHOWN_ISSUES) context.stderr.write(`… and ${issues.length - SHOWN_ISSUES} more problem(s)\n`);
    context.stderr.write(`nothing was imported from ${file}: ${issues.length} problem(s)\n`);
    return EXIT.failure;
  }
  const { imported, skipped } = await withDatabase(context, (handle) => importLumenNotices(handle, notices));
  context.stdout.write(`imported ${imported} notice(s) from ${file}${skipped > 0 ? `; skipped ${skipped} imported before` : ''}\n`);
  return EXIT.ok;
}

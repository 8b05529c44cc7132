import { parseArgs } from 'node:util';
import { parseInstant } from '../../intake/parse-instant.ts';
import { runRetention } from '../../retention/run-retention.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `candor retention [--dry-run] [--as-of DATE]`: anonymises the personal data of every record past
 * its retention period now (the server does the same every hour), or, with --dry-run, lists what
 * would go — as of DATE if given, to see what a later date will take. Only a dry run may look
 * ahead: anonymising early would cut a period short.
 */
export async function retentionCommand(context: CommandContext, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false }, 'as-of': { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`retention takes no arguments besides --dry-run and --as-of DATE, got "${positionals.join(' ')}"`);
  const now = new Date();
  let asOf = now;
  if (values['as-of'] !== undefined) {
    const parsedDate = parseInstant(values['as-of']);
    if (!parsedDate) throw new UsageError(`--as-of must be a date such as 2027-01-01 (or an ISO 8601 time), got "${values['as-of']}"`);
    if (!values['dry-run'] && parsedDate.getTime() > now.getTime()) throw new UsageError('--as-of a future date needs --dry-run: personal data is never anonymised before its period ends');
    asOf = parsedDate;
  }
  const dryRun = values['dry-run'] ?? false;
  const round = await withDatabase(context, (handle) => runRetention(handle.db, asOf, { dryRun, actor: 'cli' }));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  for (const due of round.due) {
    context.stdout.write(`${dryRun ? 'would anonymise' : 'anonymised'} ${due.record} ${due.reference} finished ${day(due.finishedAt)} (kept ${due.months} months)\n`);
  }
  if (round.total > round.due.length) context.stdout.write(`… and ${round.total - round.due.length} more\n`);
  context.stdout.write(dryRun ? `${round.total} record(s) due as of ${asOf.toISOString()}; nothing changed\n` : `${round.anonymised} record(s) anonymised\n`);
  return EXIT.ok;
}

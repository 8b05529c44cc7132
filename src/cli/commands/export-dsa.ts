import { parseArgs } from 'node:util';
import { ConfigError } from '../../config.ts';
import { exportStatementsOnce } from '../../exports/dsa/post-statements.ts';
import { statementsSince } from '../../exports/dsa/restricting-decisions.ts';
import { computeDsaTables, dsaTablesToCsv } from '../../exports/dsa/transparency-tables.ts';
import { parseInstant } from '../../intake/parse-instant.ts';
import { parsePeriod } from '../../transparency/period.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

function parseSince(value: string): Date {
  const since = parseInstant(value);
  if (!since) throw new UsageError(`--since must be a date such as 2026-01-01 (or an ISO 8601 time), got "${value}"`);
  return since;
}

/**
 * `candor export dsa-sor --since DATE`: prints the statement of reasons of every decision that
 * restricts content, decided since DATE, one JSON object a line; names on stderr (and exits 1
 * for) any decision whose statement would break the database's rules.
 * `candor export dsa-sor --post [--since DATE]`: queues and sends them to DSA_SOR_URL instead.
 */
export async function exportDsaSorCommand(context: CommandContext, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { since: { type: 'string' }, post: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`export dsa-sor takes no arguments besides --since DATE and --post, got "${positionals.join(' ')}"`);
  if (!values.post && values.since === undefined) throw new UsageError('usage: candor export dsa-sor --since DATE   (or --post to send them)');
  const since = values.since === undefined ? undefined : parseSince(values.since);
  if (values.post) {
    const endpoint = context.config.dsaSor;
    if (!endpoint) throw new ConfigError('DSA_SOR_URL', 'set DSA_SOR_URL and DSA_SOR_TOKEN to send statements of reasons');
    const report = await withDatabase(context, (handle) => exportStatementsOnce(handle.db, endpoint, { since }));
    for (const problem of report.invalid) {
      context.stderr.write(`${problem.reference}: ${problem.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}\n`);
    }
    context.stdout.write(`queued ${report.queued}, accepted ${report.accepted}, already in the database ${report.alreadyThere}, still pending ${report.pending}\n`);
    if (report.error) context.stderr.write(`sending stopped: ${report.error}\n`);
    return report.invalid.length > 0 || report.pending > 0 ? EXIT.failure : EXIT.ok;
  }
  const results = await withDatabase(context, (handle) => statementsSince(handle.db, since));
  let failed = 0;
  for (const result of results) {
    if (result.ok) context.stdout.write(`${JSON.stringify(result.statement)}\n`);
    else {
      failed++;
      context.stderr.write(`${result.reference}: ${result.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}\n`);
    }
  }
  if (failed > 0) context.stderr.write(`${failed} decision(s) could not be made into a valid statement of reasons\n`);
  return failed > 0 ? EXIT.failure : EXIT.ok;
}

/** `candor export dsa-tables PERIOD`: the DSA harmonised transparency report tables of a period, as CSV. */
export async function exportDsaTablesCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('usage: candor export dsa-tables PERIOD   (2026, 2026-H1 or 2026-H2)');
  const period = parsePeriod(args[0]!);
  const rows = await withDatabase(context, (handle) => computeDsaTables(handle.db, period));
  context.stdout.write(dsaTablesToCsv(rows));
  return EXIT.ok;
}

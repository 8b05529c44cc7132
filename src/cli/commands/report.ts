import { parseArgs } from 'node:util';
import { computeReport } from '../../transparency/compute-report.ts';
import { parsePeriod } from '../../transparency/period.ts';
import { reportToCsv } from '../../transparency/report-csv.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/** `candor report PERIOD [--format json|csv]`: prints the transparency report of a period. */
export async function reportCommand(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' } },
  });
  if (positionals.length !== 1) throw new UsageError('report takes one period, such as 2026, 2026-H1 or 2026-H2');
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format must be json or csv, got "${values.format}"`);
  const period = parsePeriod(positionals[0]!);
  const report = await withDatabase(context, (handle) => computeReport(handle.db, period));
  context.stdout.write(values.format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
  return EXIT.ok;
}

import { ConfigError } from '../../config.ts';
import { sendNoticesToLumen } from '../../exports/lumen/send-notices.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `candor export lumen`: sends every published notice Lumen has not taken yet to LUMEN_URL;
 * exits 1 naming each notice it could not deliver (they are tried again on the next run).
 */
export async function exportLumenCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError('usage: candor export lumen   (sends the published notices to LUMEN_URL)');
  const endpoint = context.config.lumen;
  if (!endpoint) throw new ConfigError('LUMEN_URL', 'must be set (with LUMEN_TOKEN) to send notices to Lumen');
  const result = await withDatabase(context, (handle) => sendNoticesToLumen(handle.db, endpoint));
  for (const failure of result.failed) context.stderr.write(`${failure.reference}: ${failure.error}\n`);
  context.stdout.write(`${result.sent} notice(s) sent to Lumen, ${result.failed.length} not delivered\n`);
  return result.failed.length > 0 ? EXIT.failure : EXIT.ok;
}

import fs from 'node:fs';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/translate.ts';
import { readMailFile } from '../../mail/mbox.ts';
import { receiveMessage, type Received } from '../../mail/receive-message.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

const t = translator(DEFAULT_LANGUAGE);

/** Why a path cannot be imported, or undefined when it is a readable file. */
function unreadable(path: string): string | undefined {
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) return t('mail-import-directory');
    if (!stat.isFile()) return t('mail-import-not-a-file');
    fs.closeSync(fs.openSync(path, 'r'));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/**
 * `candor import eml PATH…`: takes .eml files and mbox archives into the intake, each message
 * as if it had arrived by SMTP (new requests, threaded replies, quarantine), dated by its Date
 * header. Paths are all checked before anything is imported; importing again changes nothing.
 */
export async function importEmlCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length === 0) {
    context.stderr.write(`${t('mail-import-usage')}\n`);
    return EXIT.usage;
  }
  const problems = args.map((path) => [path, unreadable(path)] as const).filter(([, problem]) => problem !== undefined);
  if (problems.length > 0) {
    for (const [path, problem] of problems) context.stderr.write(`candor: ${t('mail-import-unreadable', path, problem!)}\n`);
    context.stderr.write(`candor: ${t('mail-import-nothing')}\n`);
    return EXIT.usage;
  }
  const counts: Record<Received['outcome'], number> = { created: 0, threaded: 0, duplicate: 0, quarantined: 0 };
  try {
    await withDatabase(context, async (handle) => {
      for (const path of args) {
        for await (const raw of readMailFile(path)) {
          const received = await receiveMessage(handle.db, raw, { source: 'import', actor: 'cli', dateFromHeader: true });
          counts[received.outcome === 'quarantined' && received.again ? 'duplicate' : received.outcome] += 1;
        }
      }
    });
  } finally {
    // Each message is committed on its own: after a failure, what was imported is still said.
    context.stdout.write(`${t('mail-import-summary', counts.created, counts.threaded, counts.quarantined, counts.duplicate)}\n`);
  }
  return EXIT.ok;
}

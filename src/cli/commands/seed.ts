import { seedDemo } from '../../demo/seed-demo.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/** `candor seed demo`: fills an empty database with the demo organisation's requests. */
export async function seedCommand(context: CommandContext, args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== 'demo') throw new UsageError('usage: candor seed demo');
  const added = await withDatabase(context, (handle) => seedDemo(handle.db));
  context.stdout.write(added === 0 ? 'the database already has requests; no demo data added\n' : `added ${added} demo requests\n`);
  return EXIT.ok;
}

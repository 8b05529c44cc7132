import { parseArgs } from 'node:util';
import { TOKEN_SCOPES, createApiToken, type TokenScope } from '../../auth/api-tokens.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

/** `candor token create NAME --scope submit|read`: an API token, printed once and never stored in clear. */
export async function tokenCommand(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { scope: { type: 'string' } } });
  if (positionals[0] !== 'create' || positionals.length !== 2) throw new UsageError('usage: candor token create NAME --scope submit|read');
  const name = positionals[1]!.trim();
  if (name.length === 0 || name.length > 200) throw new UsageError('the token name must be 1 to 200 characters');
  if (!values.scope || !(TOKEN_SCOPES as readonly string[]).includes(values.scope)) {
    throw new UsageError(`--scope must be ${TOKEN_SCOPES.join(' or ')}${values.scope ? `, got "${values.scope}"` : ''}`);
  }
  const { token } = await withDatabase(context, (handle) => createApiToken(handle.db, name, values.scope as TokenScope, 'cli'));
  context.stdout.write(`${token}\n`);
  context.stderr.write(`token "${name}" with scope ${values.scope} created; it is shown only this once\n`);
  return EXIT.ok;
}

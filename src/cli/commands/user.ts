import { parseArgs } from 'node:util';
import { ROLES } from '../../auth/permissions.ts';
import { AccountAlreadyActiveError, AccountDisabledError, AccountExistsError, AccountNotFoundError, InvalidEmailError, UnknownRoleError, addStaffUser, normaliseEmail, parseRole, reissueSignInLink } from '../../auth/staff-accounts.ts';
import { welcomeUrl } from '../../auth/sign-in-links.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `usage: candor user add EMAIL --role ${ROLES.join('|')}\n       candor user link EMAIL`;

/** Refusals about the account named on the command line are the command line's fault: exit 2, one clear line. */
function asUsageError(error: unknown): never {
  if (error instanceof AccountExistsError) throw new UsageError(`${error.message}; for a new one-time link while it is not set up yet: candor user link ${error.params[0]}`);
  if (error instanceof InvalidEmailError || error instanceof UnknownRoleError || error instanceof AccountNotFoundError || error instanceof AccountAlreadyActiveError || error instanceof AccountDisabledError) {
    throw new UsageError(error.message);
  }
  throw error;
}

/**
 * `candor user add EMAIL --role ROLE`: a staff account and its one-time set-up link (valid 72
 * hours), printed once on standard output. `candor user link EMAIL`: a new link for an account not
 * yet set up; earlier links stop working.
 */
export async function userCommand(context: CommandContext, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [verb, email, ...rest] = positionals;
  if ((verb !== 'add' && verb !== 'link') || !email || rest.length > 0) throw new UsageError(USAGE);
  try {
    normaliseEmail(email);
    if (verb === 'add') {
      if (!values.role) throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
      parseRole(values.role);
    } else if (values.role) {
      throw new UsageError('--role is for user add; user link keeps the account\'s role');
    }
  } catch (error) {
    asUsageError(error);
  }
  const result = await withDatabase(context, async (handle) => {
    try {
      return verb === 'add' ? await addStaffUser(handle.db, { email, role: values.role!, actor: 'cli' }) : await reissueSignInLink(handle.db, { email }, 'cli');
    } catch (error) {
      return asUsageError(error);
    }
  });
  context.stdout.write(`${welcomeUrl(context.config.publicUrl, result.token)}\n`);
  context.stderr.write(
    `${verb === 'add' ? `account ${result.email} created` : `new link for ${result.email}`}; the link above sets its password and authenticator app, ` +
      `works once, and expires at ${result.expiresAt.toISOString()}. It is shown only this once.\n`,
  );
  return EXIT.ok;
}

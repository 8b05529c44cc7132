import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseInUseError } from '../db/lock.ts';
import { MigrationFailedError, UnknownMigrationError } from '../db/migrate.ts';
import { DomainError } from '../errors.ts';
import { InvalidPeriodError } from '../transparency/period.ts';
import { BackupFromNewerBuildError, BackupSchemaMismatchError, DatabaseBusyError, DatabaseNotEmptyError, NoDatabaseError } from '../backup/errors.ts';
import { ServerBackupUnavailableError } from '../backup/control-socket.ts';
import { PendingMigrationsError, type CommandContext } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

type Command = (context: CommandContext, args: string[]) => Promise<number>;

/** Every command, by the words that name it; each is loaded only when it runs, so that a short command starts quickly. */
const COMMANDS: { words: string[]; run: Command; summary: string }[] = [
  {
    words: ['serve'],
    run: async (context, args) => (await import('./commands/serve.ts')).serveCommand(context, args),
    summary: 'serve [--demo] [--workers N]   the web server (--demo: add demo data to an empty database;\n                                 --workers N: N HTTP processes on one port, PostgreSQL only)',
  },
  { words: ['migrate'], run: async (context) => (await import('./commands/migrate.ts')).migrateCommand(context), summary: 'migrate                        apply pending migrations' },
  { words: ['seed'], run: async (context, args) => (await import('./commands/seed.ts')).seedCommand(context, args), summary: 'seed demo                      demo requests in an empty database' },
  { words: ['import', 'requests'], run: async (context, args) => (await import('./commands/import-requests.ts')).importRequestsCommand(context, args), summary: 'import requests FILE.csv       import request rows, all or nothing' },
  { words: ['import', 'eml'], run: async (context, args) => (await import('./commands/import-eml.ts')).importEmlCommand(context, args), summary: 'import eml PATH…               e-mail files (.eml) and mbox archives into the intake' },
  { words: ['import', 'lumen'], run: async (context, args) => (await import('./commands/import-lumen.ts')).importLumenCommand(context, args), summary: 'import lumen FILE               notices in Lumen\'s JSON, all or nothing' },
  {
    words: ['export', 'dsa-sor'],
    run: async (context, args) => (await import('./commands/export-dsa.ts')).exportDsaSorCommand(context, args),
    summary: 'export dsa-sor --since DATE    statements of reasons for the EU DSA Transparency Database, one JSON object a line\n  export dsa-sor --post [--since DATE]   send them to DSA_SOR_URL (batches of 100, idempotent)',
  },
  { words: ['export', 'lumen'], run: async (context, args) => (await import('./commands/export-lumen.ts')).exportLumenCommand(context, args), summary: 'export lumen                   send the published notices Lumen has not taken yet to LUMEN_URL' },
  { words: ['export', 'dsa-tables'], run: async (context, args) => (await import('./commands/export-dsa.ts')).exportDsaTablesCommand(context, args), summary: 'export dsa-tables PERIOD       the DSA harmonised transparency report tables, as CSV' },
  { words: ['report'], run: async (context, args) => (await import('./commands/report.ts')).reportCommand(context, args), summary: 'report PERIOD [--format json|csv]   the transparency report (2026, 2026-H1, 2026-H2)' },
  {
    words: ['user'],
    run: async (context, args) => (await import('./commands/user.ts')).userCommand(context, args),
    summary: 'user add EMAIL --role ROLE     a staff account; prints a one-time sign-in link\n  user link EMAIL                a new one-time link for an account not yet set up',
  },
  { words: ['token'], run: async (context, args) => (await import('./commands/token.ts')).tokenCommand(context, args), summary: 'token create NAME --scope submit|read   an API token, printed once' },
  { words: ['audit', 'verify'], run: async (context) => (await import('./commands/audit-verify.ts')).auditVerifyCommand(context), summary: 'audit verify                   check the tamper-evident audit chain' },
  {
    words: ['retention'],
    run: async (context, args) => (await import('./commands/retention.ts')).retentionCommand(context, args),
    summary: 'retention [--dry-run] [--as-of DATE]   anonymise personal data past its retention period (--dry-run: list it)',
  },
  { words: ['backup'], run: async (context, args) => (await import('./commands/backup.ts')).backupCommand(context, args), summary: 'backup FILE                    a complete, consistent copy of the data, while the server runs; prints its SHA-256' },
  {
    words: ['restore'],
    run: async (context, args) => (await import('./commands/restore.ts')).restoreCommand(context, args),
    summary:
      'restore FILE [--force] [--expect-sha256 HEX]   load a backup into an empty database (--force: replace what is there),\n' +
      '                                 refused if its audit chain is broken or its SHA-256 is not HEX',
  },
];

function usage(): string {
  return `usage: candor COMMAND\n\n${COMMANDS.map((command) => `  ${command.summary}`).join('\n')}\n`;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof InvalidPeriodError || error instanceof DatabaseNotEmptyError) {
    return EXIT.usage;
  }
  if (
    error instanceof DatabaseInUseError ||
    error instanceof UnknownMigrationError ||
    error instanceof PendingMigrationsError ||
    error instanceof MigrationFailedError ||
    error instanceof DatabaseBusyError ||
    error instanceof BackupFromNewerBuildError ||
    error instanceof BackupSchemaMismatchError ||
    error instanceof ServerBackupUnavailableError ||
    error instanceof NoDatabaseError
  ) {
    return EXIT.unavailable;
  }
  return EXIT.failure;
}

/** Runs the command line and returns the exit code; errors are printed as one clear line, never a stack trace. */
export async function main(argv: string[], streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' || argv[0] === '-h') {
    (argv.length === 0 ? streams.stderr : streams.stdout).write(usage());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, i) => argv[i] === word));
  if (!command) {
    streams.stderr.write(`candor: unknown command "${argv.join(' ')}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const config = loadConfig();
    return await command.run({ config, ...streams }, argv.slice(command.words.length));
  } catch (error) {
    const known = error instanceof DomainError || error instanceof UsageError || error instanceof ConfigError;
    const message = known ? (error as Error).message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    streams.stderr.write(`candor: ${message}\n`);
    if (!known && process.env.CANDOR_DEBUG) streams.stderr.write(`${(error as Error).stack}\n`);
    return exitCodeFor(error);
  }
}

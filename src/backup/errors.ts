import { DomainError } from '../errors.ts';

/** The database to restore into already holds data, and overwriting it was not asked for. */
export class DatabaseNotEmptyError extends DomainError {
  constructor(readonly tables: string[]) {
    super(
      'error-restore-not-empty',
      [tables.join(', ')],
      `the database is not empty (rows in ${tables.join(', ')}); restoring would replace everything in it. ` +
        'Restore into an empty database, or add --force to replace its content',
    );
  }
}

/** Other sessions are connected to the PostgreSQL database a restore would replace (a running server, say). */
export class DatabaseBusyError extends DomainError {
  constructor(readonly sessions: number) {
    super(
      'error-restore-busy',
      [sessions],
      `${sessions} other connection(s) to this database are open (a running candor server?); stop them first, or add --force`,
    );
  }
}

/** The archive was written by a build that knows migrations this one does not. */
export class BackupFromNewerBuildError extends DomainError {
  constructor(readonly names: string[]) {
    super(
      'error-backup-newer',
      [names.join(', ')],
      `the backup was made by a newer Candor (its schema has migrations this build does not know: ${names.join(', ')}); ` +
        'restore it with that version or a newer one; nothing was changed',
    );
  }
}

/** The database to restore into is at a newer schema than the archive, which cannot be loaded into it. */
export class BackupSchemaMismatchError extends DomainError {
  constructor(readonly archiveLast: string, readonly databaseLast: string) {
    super(
      'error-backup-schema-mismatch',
      [archiveLast, databaseLast],
      `the backup's schema ends at migration ${archiveLast} but this database is already at ${databaseLast}; ` +
        'restore into a new, empty database (it is brought up to date after loading); nothing was changed',
    );
  }
}

/** DATA_DIR holds no embedded database, so there is nothing to back up. */
export class NoDatabaseError extends DomainError {
  constructor(readonly dataDir: string) {
    super('error-backup-no-database', [dataDir], `there is no database in ${dataDir} to back up (set DATA_DIR or DATABASE_URL)`);
  }
}

/** The archive's audit chain does not verify: restoring it would bring back a log that cannot be trusted. */
export class RestoredChainBrokenError extends DomainError {
  constructor(readonly file: string, readonly eventId: number, readonly reason: string, readonly intact: number) {
    super(
      'error-restore-chain-broken',
      [file, eventId, reason, intact],
      `the audit chain in ${file} is broken at event ${eventId}: ${reason} (${intact} events before it are intact); nothing was restored`,
    );
  }
}

/** The archive is not the one the operator said to expect (its SHA-256 differs from the one given). */
export class UnexpectedChecksumError extends DomainError {
  constructor(readonly file: string, readonly actual: string, readonly expected: string) {
    super(
      'error-restore-unexpected-checksum',
      [file, actual, expected],
      `${file} has SHA-256 ${actual}, not the expected ${expected}: it is not the backup you meant; nothing was restored`,
    );
  }
}

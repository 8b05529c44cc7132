import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors.ts';

/** The embedded database's folder is held by another live process; opening it too would lose writes. */
export class DatabaseInUseError extends DomainError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(
      'error-database-in-use',
      [dataDir, pid, holder],
      `the database in ${dataDir} is in use by ${holder} (process ${pid}); ` +
        'stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes',
    );
  }
}

const LOCK_FILE = 'candor.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's folder for this process alone (PGlite has a single owner) and
 * returns the function that gives it back. A lock left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, holder }), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone: nothing to give back
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid: number; holder: string } | undefined;
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; holder: string };
      } catch {
        owner = undefined; // half-written or unreadable: treat as stale
      }
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
        throw new DatabaseInUseError(dataDir, owner.pid, owner.holder);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

import crypto from 'node:crypto';
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

/** The lock files this process holds, with who in it holds them. */
const held = new Map<string, string>();

/** Whether process `pid` is running (EPERM: it is, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string): { pid: number; holder: string } | undefined {
  try {
    const owner = JSON.parse(text) as { pid?: unknown; holder?: unknown };
    return Number.isInteger(owner.pid) && (owner.pid as number) > 0
      ? { pid: owner.pid as number, holder: String(owner.holder ?? 'another process') }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock file with its whole content at once (written aside, then linked into place),
 * so that no other process ever reads it half-written; false when it already exists.
 */
function createLock(file: string, content: string): boolean {
  const aside = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(aside, content);
  try {
    fs.linkSync(aside, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // A file system without hard links: exclusive creation, with a tiny window where it is empty.
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Removes a lock judged stale, unless another process replaced it meanwhile: the file is moved
 * aside atomically and checked to be the one that was judged; anything else is put back.
 */
function removeStaleLock(file: string, judged: string): void {
  const aside = `${file}.stale.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it first
    throw error;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== judged) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // the place was taken again meanwhile: the next attempt reads who holds it
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Takes the embedded database's folder for this process alone (PGlite has a single owner) and
 * returns the function that gives it back. A second open in this process is refused too. A lock
 * left by a process that died is taken over, as is one bearing this process's own id that this
 * process does not hold (left by an earlier process that had the same id, as in a container).
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(fs.realpathSync(dataDir), LOCK_FILE);
  const ours = held.get(file);
  if (ours !== undefined) throw new DatabaseInUseError(dataDir, process.pid, ours);
  const content = JSON.stringify({ pid: process.pid, holder });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createLock(file, content)) {
      held.set(file, holder);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(file);
        if (readLock(file) === content) fs.rmSync(file, { force: true });
      };
    }
    const text = readLock(file);
    if (text === undefined) continue; // given back meanwhile: try again
    const owner = parseOwner(text); // unreadable: not a lock any process could have written, so stale
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new DatabaseInUseError(dataDir, owner.pid, owner.holder);
    }
    removeStaleLock(file, text);
  }
  throw new Error(`could not take the lock ${file}`);
}

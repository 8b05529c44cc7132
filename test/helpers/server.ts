import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { CLI, createTestDatabase, type TestDatabase } from './database.ts';

/** A `candor serve` process started by a test, with the address it listens on and its log lines. */
export interface RunningServer {
  url: string;
  process: ChildProcess;
  logs: Record<string, unknown>[];
  stderr: string[];
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `candor serve` on a free loopback port and resolves once it answers. */
export function startServer(env: Record<string, string>, args: string[] = [], timeoutMs = 120_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${stderr.join('\n')}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${stderr.join('\n')}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'candor is serving') {
        clearTimeout(timer);
        resolve({
          url: String(entry.address),
          process: child,
          logs,
          stderr,
          stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });
}

/**
 * Inside a describe block: a fresh database, optionally filled by `beforeOpen` and `prepare` (which gets the
 * database before the server opens it — the embedded database has one owner at a time), and a
 * `candor serve` on it; both stopped and dropped after the block. The returned object is filled
 * in by the time the tests run.
 */
export function useServer(
  options: {
    /** Runs first, before the database is opened: for `candor` commands, which must have the embedded database to themselves. */
    beforeOpen?: (database: TestDatabase) => Promise<void>;
    prepare?: (db: Kysely<Database>, database: TestDatabase) => Promise<void>;
    env?: () => Record<string, string>;
  } = {},
): { database: TestDatabase; server: RunningServer } {
  const suite = {} as { database: TestDatabase; server: RunningServer };
  before(async () => {
    suite.database = await createTestDatabase();
    await options.beforeOpen?.(suite.database);
    if (options.prepare) {
      const handle = await suite.database.open();
      try {
        await options.prepare(handle.db, suite.database);
      } finally {
        await handle.close();
      }
    }
    suite.server = await startServer({ ...suite.database.env, ...options.env?.() });
  });
  after(async () => {
    await suite.server?.stop();
    await suite.database?.drop();
  });
  return suite;
}

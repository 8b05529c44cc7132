import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { CLI } from './database.ts';

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

import { spawn } from 'node:child_process';
import { CLI } from './database.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `candor ARGS…` as a separate process with extra environment, and collects what it printed.
 * With `timeoutMs`, a process still running then is stopped with SIGTERM (for commands such as
 * `serve` that are expected to refuse and exit).
 */
export function runCli(args: string[], env: Record<string, string>, input?: string, timeoutMs?: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGTERM',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

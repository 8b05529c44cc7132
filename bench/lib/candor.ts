// The `candor` command as a process, as an operator runs it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'candor.js');

/** Runs `candor ARGS` to the end and returns its standard output; throws with its errors if it fails. */
export function candor(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`candor ${args.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  return run.stdout;
}

/** Milliseconds that `candor ARGS` took, from spawn to exit. */
export function timedCandor(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  candor(args, env);
  return performance.now() - started;
}

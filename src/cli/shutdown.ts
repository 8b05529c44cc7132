/** One step of stopping a server: what it closes, and how. */
export type ShutdownStep = readonly [what: string, close: () => unknown];

/**
 * Runs a server's shutdown steps in order. A step that fails is logged, with what it was
 * closing, and the steps after it still run (the database is closed last whatever happened
 * before): the process ends with its exit code, never with an unhandled rejection.
 * Returns whether every step succeeded.
 */
export async function shutDown(log: { error(obj: unknown, msg: string): void }, steps: readonly ShutdownStep[]): Promise<boolean> {
  let clean = true;
  for (const [what, close] of steps) {
    try {
      await close();
    } catch (error) {
      clean = false;
      log.error({ err: error, closing: what }, `shutting down: closing ${what} failed`);
    }
  }
  return clean;
}

/**
 * Tells this process's page caches that news changed (a save, a publication, a scheduled
 * translation reaching its time). Other processes sharing the database learn of it through the
 * pages' short time to live (src/news/visibility.ts, `newsPageExpiry`).
 */
const listeners = new Set<() => void>();

/** Calls `listener` after every change to news in this process; returns the function that stops it. */
export function whenNewsChanges(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Announces a committed change to news. */
export function announceNewsChange(): void {
  for (const listener of listeners) listener();
}

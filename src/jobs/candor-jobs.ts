import type { Config } from '../config.ts';
import { deliverDue, smtpTransport } from '../outbox/deliver.ts';
import { JobRegistry } from './registry.ts';

/**
 * Every kind of background job `candor serve` runs, in one list a grep finds. Periodic work is
 * an idempotent `round(db, now)` registered with how often it is due (see src/jobs/README.md).
 * Returns the registry and what to close once the queue has stopped.
 */
export function candorJobs(config: Config): { registry: JobRegistry; close(): void } {
  const registry = new JobRegistry();
  const closers: (() => void)[] = [];
  // Without SMTP_URL, mail waits in the outbox, where staff can read it; nothing is lost.
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    closers.push(() => transport.close());
    // The outbox table stays the store of every message; this round sends what is due.
    registry.registerRecurring('outbox.deliver', 2, (db, now) => deliverDue(db, transport, config.mailFrom, now), { expireInSeconds: 600 });
  }
  return { registry, close: () => closers.forEach((close) => close()) };
}

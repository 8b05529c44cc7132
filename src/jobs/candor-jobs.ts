import type { Config } from '../config.ts';
import { purgeUnconfirmed } from '../connect/purge.ts';
import { elsewhereRound } from '../elsewhere/fetch-feeds.ts';
import { exportStatementsOnce } from '../exports/dsa/post-statements.ts';
import { sendNoticesToLumen } from '../exports/lumen/send-notices.ts';
import { publishDueNews } from '../news/publish-due.ts';
import { deliverDue, smtpTransport } from '../outbox/deliver.ts';
import { runRetention } from '../retention/run-retention.ts';
import { JobRegistry } from './registry.ts';

/**
 * Every kind of background job `candor serve` runs, in one list a grep finds. Periodic work is
 * an idempotent `round(db, now)` registered with how often it is due (see src/jobs/README.md).
 * Returns the registry and what to close once the queue has stopped.
 */
export function candorJobs(config: Config, log: () => { warn(obj: unknown, msg: string): void } | undefined = () => undefined): { registry: JobRegistry; close(): void } {
  const registry = new JobRegistry();
  const closers: (() => void)[] = [];
  // Without SMTP_URL, mail waits in the outbox, where staff can read it; nothing is lost.
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    // A transport that could not be made fails each delivery round, where the job's log says why.
    transport.catch(() => undefined);
    closers.push(() => void transport.then((open) => open.close(), () => undefined));
    // The outbox table stays the store of every message; this round sends what is due.
    registry.registerRecurring('outbox.deliver', 2, async (db, now) => deliverDue(db, await transport, config.mailFrom, now), { expireInSeconds: 600 });
  }
  // News translations scheduled for a time now past become published (their pages show them from that time anyway).
  registry.registerRecurring('news.publish-due', 15, publishDueNews);
  // Newsletter sign-ups never confirmed are deleted after 30 days.
  registry.registerRecurring('connect.purge-unconfirmed', 3600, purgeUnconfirmed);
  // Links from sister sites' feeds; a slow feed may hold a round up to its timeout, so a run is given 10 minutes.
  const every = Math.max(60, Math.round(config.elsewhere.intervalMs / 1000));
  registry.registerRecurring('elsewhere.fetch-feeds', every, (db, now) => elsewhereRound(db, now, config.elsewhere.intervalMs, log()), { expireInSeconds: 600 });
  // Exports, when their endpoints are configured: published notices to Lumen, and statements of
  // reasons to the DSA Transparency Database (both idempotent: what was taken is not sent again).
  const { lumen, dsaSor } = config;
  if (lumen) registry.registerRecurring('exports.lumen', 3600, (db) => sendNoticesToLumen(db, lumen), { expireInSeconds: 3000 });
  if (dsaSor) registry.registerRecurring('exports.dsa-sor', 3600, (db) => exportStatementsOnce(db, dsaSor, { actor: 'system:exports' }), { expireInSeconds: 3000 });
  // Personal data past its retention period is anonymised (src/retention/).
  registry.registerRecurring('retention.anonymise', 3600, (db, now) => runRetention(db, now), { expireInSeconds: 1800 });
  return { registry, close: () => closers.forEach((close) => close()) };
}

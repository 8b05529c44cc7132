import cluster, { type Worker } from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { SERVER_HOLDER, openDatabase } from '../../db/connect.ts';
import { withDemoDonateLink } from '../../demo/demo-donate-link.ts';
import type { DemoConsoleAccess } from '../../demo/demo-admin.ts';
import { redactLogFields } from '../../http/log-privacy.ts';
import { logStream } from '../../http/log-stream.ts';
import { aggregateMetrics, primaryMetrics, type MetricsJson } from '../../http/metrics.ts';
import type { ServerServices } from '../../http/server.ts';
import { candorJobs } from '../../jobs/candor-jobs.ts';
import { startJobs, type JobQueue } from '../../jobs/queue.ts';
import { startInboundSmtp } from '../../mail/inbound-smtp.ts';
import { useSiteAddress } from '../../site/settings.ts';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { shutDown } from '../shutdown.ts';
import { prepareDatabase, printDemoConsole, underStartupLock } from './serve.ts';

/*
 * `candor serve --workers N` on PostgreSQL: one Node.js process works on one core, so N processes
 * (node:cluster) serve HTTP on the one port, the primary handing each connection to one of them.
 * What must happen once runs in the primary alone: migrating and preparing the database, the
 * background jobs (which would also run once per slot in each process, but every process would
 * then poll the queue), and the inbound SMTP server. The workers share everything else through
 * the database, as separate `candor serve` processes do (README, "On a PostgreSQL server").
 */

/**
 * The young generation of each worker's JavaScript heap, in MB a half (V8's default is 16): the
 * garbage of a request lives there, and under load a worker otherwise keeps some 30 MB more
 * resident for it, which N workers keep N times. Measured with the pages benchmark (P5 in
 * BENCHMARKS.md): two workers and their primary 355 → 288 MB at the peak, at the same rates.
 */
export const WORKER_SEMI_SPACE_MB = 4;

/**
 * How far, in per cent, a worker's old generation may grow past what its last full collection
 * kept before the next one starts (V8 picks 10–300 % from how fast it collects, and on a
 * worker answering pages it picked about 100 %). Requests leave little garbage old enough to
 * get there, so collecting sooner costs little: two workers and their primary held 301–318 →
 * 268–273 MB at the peak under the pages benchmark's load, in rounds taken in turn, at about
 * the same rates, with a few per cent more CPU time (BENCHMARKS.md, P5). A bound on growth, not
 * on size: a worker whose live data grows gets a heap to match.
 */
export const WORKER_HEAP_GROWING_PERCENT = 25;

/**
 * The heap settings a worker gets unless the operator gave the same flag, and how to recognise
 * it given: with one dash or two, dashes or underscores between the words.
 */
const WORKER_HEAP_FLAGS: readonly { given: RegExp; flag: string }[] = [
  { given: /^--?max[-_]semi[-_]space[-_]size(=|$)/, flag: `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}` },
  { given: /^--?heap[-_]growing[-_]percent(=|$)/, flag: `--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}` },
];

/**
 * The Node.js flags a worker starts with: the primary's, with the young generation held to
 * WORKER_SEMI_SPACE_MB and the old one's growth to WORKER_HEAP_GROWING_PERCENT, each unless the
 * operator set it already, in the primary's flags or (the young generation's size; Node.js
 * refuses the growth there) in NODE_OPTIONS, which the workers inherit.
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  const added = WORKER_HEAP_FLAGS.filter((setting) => !given.some((flag) => setting.given.test(flag))).map((setting) => setting.flag);
  return [...execArgv, ...added];
}

/** How long the primary waits for its workers to finish their requests in flight before it ends them. */
const STOP_TIMEOUT_MS = 30_000;
/** A worker that ends sooner than this after it started is replaced only after this long, so that a crash at every start does not spin. */
const QUICK_DEATH_MS = 5_000;

/** How long the primary waits for a worker's metrics before it answers a scrape without them (a worker that is stopping, say). */
const COLLECT_TIMEOUT_MS = 3_000;
/** How long a worker waits for the primary to answer a scrape. */
const SCRAPE_TIMEOUT_MS = 10_000;

/**
 * What a worker and its primary say to each other about /metrics. Whichever worker a scrape
 * reaches asks the primary (`scrape`), which collects every serving worker's metrics
 * (`collect`, `collected`), adds its own and answers with the whole cluster's (`answer`).
 */
type MetricsMessage =
  | { candor: 'metrics-scrape'; id: number }
  | { candor: 'metrics-answer'; id: number; text?: string; error?: string }
  | { candor: 'metrics-collect'; id: number }
  | { candor: 'metrics-collected'; id: number; metrics?: MetricsJson };

/** The http:// address of a listening worker, an IPv6 host in brackets. */
const httpAddress = (address: { address: string; port: number }) => `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;

const isMetricsMessage = (message: unknown): message is MetricsMessage => /^metrics-/.test(String((message as { candor?: unknown } | undefined)?.candor));

/** The primary: prepares the database, runs the jobs and the inbound SMTP server, and keeps N HTTP workers running until SIGTERM or SIGINT. */
export async function serveWithWorkers(context: CommandContext, options: { demo: boolean; workers: number }): Promise<number> {
  const { config } = context;
  // The same structured log as the workers' (their server's logger), blanking credentials alike.
  const log = pino({ level: config.logLevel, formatters: { log: redactLogFields } }, logStream());

  // The workers start at once and load the web application while the database is prepared here;
  // each asks whether it is ready (ready-message) and opens it only then.
  cluster.setupPrimary({ silent: false, execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const started = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let stopping = false;
  let announced = false;
  let exitCode: number = EXIT.ok;
  let databaseReady = false;
  const askedEarly = new Set<Worker>();
  const tellReady = (worker: Worker) => worker.isConnected() && worker.send({ candor: 'database-ready' } satisfies ReadyMessage);
  cluster.on('message', (worker, message: unknown) => {
    if ((message as Partial<ReadyMessage> | undefined)?.candor !== 'database-ready?') return;
    if (databaseReady) tellReady(worker);
    else askedEarly.add(worker);
  });
  // A worker that ends while the database is prepared never served: the start fails, once it is.
  const endedEarly: Worker[] = [];
  const onEarlyExit = (worker: Worker) => endedEarly.push(worker);
  cluster.on('exit', onEarlyExit);
  const fork = () => started.set(cluster.fork({ CANDOR_SERVE_WORKER: '1', ...(options.demo ? { CANDOR_SERVE_DEMO: '1' } : {}) }), Date.now());
  for (let n = 0; n < options.workers; n += 1) fork();
  const endWorkers = () => {
    for (const worker of started.keys()) worker.process.kill('SIGKILL');
  };

  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase(config, { holder: SERVER_HOLDER });
  } catch (error) {
    endWorkers();
    throw error;
  }
  const jobKinds = candorJobs(config, () => log);
  let jobs: JobQueue | undefined;
  let inbound: { close(): Promise<void> } | undefined;
  let demoConsole: DemoConsoleAccess | undefined;
  try {
    jobs = await underStartupLock(handle, async () => {
      demoConsole = await prepareDatabase(context, handle, options.demo);
      return startJobs(handle.db, jobKinds.registry, { log });
    });
    if (config.inboundSmtpPort !== undefined) inbound = await startInboundSmtp({ port: config.inboundSmtpPort, host: config.host, db: handle.db, log });
  } catch (error) {
    endWorkers();
    await jobs?.stop();
    jobKinds.close();
    await handle.close();
    throw error;
  }
  const queue = jobs;
  cluster.off('exit', onEarlyExit);

  // /metrics for the whole cluster: the failures of the jobs run here, and every worker's requests.
  const ownMetrics = primaryMetrics(handle, queue);
  const collecting = new Map<number, (metrics: MetricsJson | undefined) => void>();
  let collectId = 0;
  const collectFrom = (worker: Worker) =>
    new Promise<MetricsJson | undefined>((resolve) => {
      const id = (collectId += 1);
      const timer = setTimeout(() => {
        log.warn({ worker: worker.id }, 'an HTTP worker did not give its metrics in time: the scrape fails');
        settle(undefined);
      }, COLLECT_TIMEOUT_MS);
      const settle = (metrics: MetricsJson | undefined) => {
        clearTimeout(timer);
        collecting.delete(id);
        resolve(metrics);
      };
      collecting.set(id, settle);
      worker.send({ candor: 'metrics-collect', id } satisfies MetricsMessage, (error: Error | null) => error && settle(undefined));
    });
  // A serving worker left out would make the cluster's counters fall, which Prometheus reads as a
  // restart of every counter; a scrape that fails (503) is recorded as one, and the next is whole.
  const clusterMetrics = async () => {
    const workers = await Promise.all([...listening].filter((worker) => worker.isConnected()).map(collectFrom));
    if (workers.some((metrics) => metrics === undefined)) throw new Error('an HTTP worker did not give its metrics in time');
    return aggregateMetrics([await ownMetrics.getMetricsAsJSON(), ...(workers as MetricsJson[])]);
  };
  cluster.on('message', (worker, message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.candor === 'metrics-collected') collecting.get(message.id)?.(message.metrics);
    if (message.candor !== 'metrics-scrape') return;
    const answer = (reply: MetricsMessage) => worker.isConnected() && worker.send(reply);
    clusterMetrics().then(
      (text) => answer({ candor: 'metrics-answer', id: message.id, text }),
      (error: unknown) => answer({ candor: 'metrics-answer', id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });

  return new Promise<number>((resolve) => {
    const stop = async (signal: string, code: number = EXIT.ok) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      log.info({ signal, workers: started.size }, 'shutting down: the workers finish their requests in flight');
      const gone = new Promise<void>((done) => {
        if (started.size === 0) done();
        cluster.on('exit', () => started.size === 0 && done());
      });
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
      const timer = setTimeout(() => {
        log.warn({ workers: started.size }, 'workers still running after the time to stop: ending them');
        for (const worker of started.keys()) worker.process.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
      const clean = await shutDown(log, [
        ['the inbound SMTP server', () => inbound?.close()],
        ['the job queue', () => queue.stop()],
        ['the mail transport', () => jobKinds.close()],
        ['the database', () => handle.close()],
      ]);
      resolve(clean ? exitCode : EXIT.failure);
    };

    cluster.on('listening', (worker, address) => {
      const first = listening.size === 0;
      listening.add(worker);
      if (first && demoConsole) {
        const base = new URL(config.publicUrl).port === '0' ? httpAddress(address) : config.publicUrl;
        printDemoConsole(context, demoConsole, base);
      }
      if (!announced && listening.size === options.workers) {
        announced = true;
        log.info({ workers: options.workers, address: httpAddress(address) }, 'every HTTP worker is serving');
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      const since = started.get(worker) ?? 0;
      const served = listening.has(worker);
      started.delete(worker);
      listening.delete(worker);
      if (stopping) return;
      if (!served && !announced) {
        // A first worker that never served: starting again would fail the same way (a port in
        // use, a bad setting).
        log.error({ worker: worker.id, code, signal }, 'an HTTP worker stopped before serving: stopping');
        void stop('worker failed', EXIT.failure);
        return;
      }
      if (!served) {
        // A replacement that could not start (the database briefly away): the others go on serving.
        log.warn({ worker: worker.id, code, signal }, 'a new HTTP worker stopped before serving: starting another soon');
        setTimeout(() => !stopping && fork(), QUICK_DEATH_MS);
        return;
      }
      log.warn({ worker: worker.id, code, signal }, 'an HTTP worker stopped: starting another');
      setTimeout(() => !stopping && fork(), Date.now() - since < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0);
    });
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    for (const worker of endedEarly) {
      started.delete(worker);
      log.error({ worker: worker.id, code: worker.process.exitCode, signal: worker.process.signalCode }, 'an HTTP worker stopped before serving: stopping');
    }
    if (endedEarly.length > 0) {
      void stop('worker failed', EXIT.failure);
      return;
    }
    databaseReady = true;
    for (const worker of askedEarly) tellReady(worker);
    askedEarly.clear();
  });
}

/** A worker asks whether the database is ready to be opened (prepared, migrated); the primary says when it is. */
type ReadyMessage = { candor: 'database-ready?' } | { candor: 'database-ready' };

/** Resolves once the primary says the database is ready; asks it first, so that the answer cannot come before it is listened for. */
function databaseReady(): Promise<void> {
  return new Promise((resolve) => {
    const heard = (message: unknown) => {
      if ((message as Partial<ReadyMessage> | undefined)?.candor !== 'database-ready') return;
      process.off('message', heard);
      resolve();
    };
    process.on('message', heard);
    process.send!({ candor: 'database-ready?' } satisfies ReadyMessage);
  });
}

/** A worker: serves HTTP on the shared port until SIGTERM or SIGINT; enqueues jobs, and runs none. */
export async function serveAsWorker(context: CommandContext): Promise<number> {
  // The demo's workers show its donate link, as a single demo process does.
  const config = process.env.CANDOR_SERVE_DEMO === '1' ? withDemoDonateLink(context.config) : context.config;
  const worker = cluster.worker!;
  // The web application loads while the primary prepares the database.
  const serverModule = import('../../http/server.ts');
  serverModule.catch(() => undefined);
  await databaseReady();
  const handle = await openDatabase(config, { holder: SERVER_HOLDER });
  const jobKinds = candorJobs(config);
  const services: ServerServices = {};
  let app: FastifyInstance | undefined;
  let jobs: JobQueue | undefined;
  let address: string;
  // A scrape this worker takes is answered for the whole cluster, by way of the primary.
  const scrapes = new Map<number, (answer: MetricsMessage & { candor: 'metrics-answer' }) => void>();
  let scrapeId = 0;
  process.on('message', (message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.candor === 'metrics-answer') scrapes.get(message.id)?.(message);
    if (message.candor !== 'metrics-collect' || !services.metrics) return;
    const reply = (metrics?: MetricsJson) => worker.isConnected() && process.send!({ candor: 'metrics-collected', id: message.id, metrics } satisfies MetricsMessage);
    services.metrics.getMetricsAsJSON().then(reply, () => reply());
  });
  services.clusterMetrics = () =>
    new Promise<string>((resolve, reject) => {
      const id = (scrapeId += 1);
      const timer = setTimeout(() => settle({ candor: 'metrics-answer', id, error: 'the primary process did not answer in time' }), SCRAPE_TIMEOUT_MS);
      const settle = (answer: MetricsMessage & { candor: 'metrics-answer' }) => {
        clearTimeout(timer);
        scrapes.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(`the cluster's metrics could not be collected: ${answer.error}`));
      };
      scrapes.set(id, settle);
      process.send!({ candor: 'metrics-scrape', id } satisfies MetricsMessage);
    });
  try {
    const { buildServer } = await serverModule;
    app = await buildServer(config, handle, services);
    jobs = await startJobs(handle.db, jobKinds.registry, { log: app.log, work: false });
    // It runs no job, so it counts no failures: the primary's are added to the cluster's metrics.
    services.jobs = jobs;
    address = await app.listen({ port: config.port, host: config.host });
    if (new URL(config.publicUrl).port === '0') useSiteAddress(address);
  } catch (error) {
    await app?.close();
    await jobs?.stop();
    jobKinds.close();
    await handle.close();
    // Without its channel to the primary the process can end, and the primary learns it never served.
    worker.disconnect();
    throw error;
  }
  const server = app;
  const queue = jobs;
  server.log.info({ address, publicUrl: config.publicUrl, database: handle.backend, worker: worker.id }, 'candor is serving');
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.log.info({ signal, worker: worker.id }, 'shutting down: finishing requests in flight');
      const clean = await shutDown(server.log, [
        ['the HTTP server', () => server.close()],
        ['the job queue', () => queue.stop()],
        ['the mail transport', () => jobKinds.close()],
        ['the database', () => handle.close()],
      ]);
      // The channel to the primary would keep the process alive.
      worker.disconnect();
      resolve(clean ? EXIT.ok : EXIT.failure);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}

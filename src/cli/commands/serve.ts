import { spawn } from 'node:child_process';
import { once } from 'node:events';
import cluster from 'node:cluster';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { startControlSocket, type ControlSocket } from '../../backup/control-socket.ts';
import { SERVER_HOLDER, embeddedDatabaseExists, openDatabase, type DatabaseHandle } from '../../db/connect.ts';
import { emptyDatabaseAvailable } from '../../db/empty-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { welcomeUrl } from '../../auth/sign-in-links.ts';
import { ensureDemoAdmin, type DemoConsoleAccess } from '../../demo/demo-admin.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { withDemoDonateLink } from '../../demo/demo-donate-link.ts';
import { useSiteAddress } from '../../site/settings.ts';
import type { ServerServices } from '../../http/server.ts';
import { startInboundSmtp } from '../../mail/inbound-smtp.ts';
import { candorJobs } from '../../jobs/candor-jobs.ts';
import { startJobs, type JobQueue } from '../../jobs/queue.ts';
import { publishDueNews } from '../../news/publish-due.ts';
import { syncFeeds } from '../../elsewhere/fetch-feeds.ts';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { shutDown } from '../shutdown.ts';
import { UsageError } from '../usage-error.ts';

const CLI = fileURLToPath(new URL('../../../bin/candor.js', import.meta.url));

/**
 * The embedded database is PostgreSQL compiled to WebAssembly. By default V8 compiles it twice:
 * quickly (Liftoff) at start, then again with its optimising compiler (TurboFan) for the hot
 * functions, on background threads whose scratch memory the C allocator keeps. Measured on
 * `candor serve`: about 80 MB of resident memory and 1.5 s of CPU at each start, for queries that
 * run a quarter to a third faster afterwards. The server's public pages are rendered once and
 * kept, so it runs on the quick code alone; commands that crunch data (import, report) keep the
 * default.
 */
const LEAN_WASM_FLAG = '--liftoff-only';

/**
 * Creating an embedded database costs ~5 s and leaves ~700 MB of WebAssembly memory that is
 * never given back; reopening one costs ~0.6 s and ~180 MB. So a new database is created and
 * migrated by a short-lived child process, and the server only ever reopens it.
 */
async function createEmbeddedDatabaseApart(context: CommandContext): Promise<void> {
  const child = spawn(process.execPath, [LEAN_WASM_FLAG, CLI, 'migrate'], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
  const [status] = (await once(child, 'exit')) as [number | null];
  if (status !== 0) throw new Error(`creating the database in ${context.config.dataDir} failed (exit ${status})`);
}

/**
 * Tells the person who ran the demo how to reach its console (PRODUCT.md §4). The one-time link
 * goes to standard error for a person to read, never into the structured log; only the demo
 * account, whose address cannot receive mail, ever gets one printed.
 */
export function printDemoConsole(context: CommandContext, access: DemoConsoleAccess, base: string): void {
  context.stderr.write(
    access.token
      ? `\nDemo console: to set a password and an authenticator app for ${access.email}, open\n  ${welcomeUrl(base, access.token)}\n(it works once and until ${access.expiresAt.toISOString()}; each start of the demo makes a new one until the account is set up)\n\n`
      : `\nDemo console: sign in at ${base}/console/login as ${access.email}\n\n`,
  );
}

/** The advisory lock under which a starting process migrates and sets up the job queue (an arbitrary, fixed number). */
const STARTUP_LOCK = 727_501_001;

/** The most HTTP worker processes `--workers` starts: each holds its own pool of database connections. */
const MOST_WORKERS = 64;

/**
 * Runs `work` while holding the start-up lock (PostgreSQL): processes starting together on one
 * database take turns to migrate it and to set up the job queue's schema, since done at once,
 * the two set-ups can deadlock each other. The embedded database has one process, and no lock.
 */
export async function underStartupLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  const client = handle.backend === 'postgres' && handle.pool ? await handle.pool.connect() : undefined;
  try {
    await client?.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    if (client) {
      await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
      client.release();
    }
  }
}

/**
 * What a starting server does to its database before the first reader comes: migrates it, adds
 * the demo data when asked, records as published the news whose time passed while no server ran,
 * and stores the feeds ELSEWHERE_FEEDS names (unset, those added in the console are kept).
 */
export async function prepareDatabase(context: CommandContext, handle: DatabaseHandle, demo: boolean): Promise<DemoConsoleAccess | undefined> {
  const { config } = context;
  await migrateToLatest(handle.db);
  let demoConsole: DemoConsoleAccess | undefined;
  if (demo) {
    await seedDemo(handle.db);
    demoConsole = await ensureDemoAdmin(handle.db);
  }
  await publishDueNews(handle.db);
  if (config.elsewhere.feeds.length > 0) await syncFeeds(handle.db, config.elsewhere.feeds);
  return demoConsole;
}

/** Reads `--workers N`: a whole number of processes, on PostgreSQL only. */
function workersOption(value: string | undefined, context: CommandContext): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MOST_WORKERS) throw new UsageError(`--workers takes a number of processes from 1 to ${MOST_WORKERS}, got "${value}"`);
  if (!context.config.databaseUrl) {
    throw new UsageError('--workers needs a PostgreSQL server (DATABASE_URL): the embedded database belongs to one process, which serves it alone');
  }
  return Number(value);
}

/**
 * `candor serve [--demo] [--workers N]`: migrates the database, optionally adds the demo data to
 * an empty one, and serves HTTP until SIGTERM or SIGINT, then finishes the requests in flight and
 * closes the database cleanly. With `--workers N` (PostgreSQL), N processes serve HTTP on the
 * one port and this one runs the background jobs and the inbound SMTP server (serve-workers.ts).
 */
export async function serveCommand(context: CommandContext, args: string[]): Promise<number> {
  // A process forked by `serve --workers N` is one of its HTTP workers, whatever its arguments.
  if (cluster.isWorker && process.env.CANDOR_SERVE_WORKER === '1') return (await import('./serve-workers.ts')).serveAsWorker(context);
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false }, workers: { type: 'string' } } });
  const workers = workersOption(values.workers, context);
  if (workers !== undefined && workers > 1) return (await import('./serve-workers.ts')).serveWithWorkers(context, { demo: values.demo, workers });
  const config = values.demo ? withDemoDonateLink(context.config) : context.config;
  // The web application's modules load while a new embedded database is being created beside:
  // on a first start the two take turns no longer.
  const serverModule = import('../../http/server.ts');
  serverModule.catch(() => undefined);
  if (!config.databaseUrl) {
    // Before the database's WebAssembly module is compiled, which happens when it is opened.
    v8.setFlagsFromString(LEAN_WASM_FLAG);
    // Unless opening it copies the migrated empty database `npm ci` made (empty-database.ts), which has
    // this installation's migrations: the same as creating one and migrating it, which the server does next.
    if (!embeddedDatabaseExists(config.dataDir) && !emptyDatabaseAvailable()) await createEmbeddedDatabaseApart(context);
  }
  const handle = await openDatabase(config, { holder: SERVER_HOLDER, fromEmptyDatabase: true });
  let app: FastifyInstance | undefined;
  let address: string;
  let inbound: { close(): Promise<void> } | undefined;
  let control: ControlSocket | undefined;
  let demoConsole: DemoConsoleAccess | undefined;
  const jobKinds = candorJobs(config, () => app?.log);
  let jobs: JobQueue | undefined;
  const services: ServerServices = {};
  try {
    const built = await underStartupLock(handle, async () => {
      demoConsole = await prepareDatabase(context, handle, values.demo);
      // Loaded by this path only, not with this file: the primary of `--workers` serves no page and need not hold the web application.
      const { buildServer } = await serverModule;
      app = await buildServer(config, handle, services);
      jobs = await startJobs(handle.db, jobKinds.registry, { log: app.log });
      services.jobs = jobs;
      return app;
    });
    address = await built.listen({ port: config.port, host: config.host });
    // Asked for any free port: the site's absolute links (alternates, sitemap) use the one given.
    if (new URL(config.publicUrl).port === '0') useSiteAddress(address);
    // The embedded database's folder is this process's alone: `candor backup` asks it through a socket there.
    if (handle.backend === 'pglite') control = await startControlSocket(config.dataDir, handle.db, handle.backend, built.log);
    if (config.inboundSmtpPort !== undefined) {
      inbound = await startInboundSmtp({ port: config.inboundSmtpPort, host: config.host, db: handle.db, log: built.log });
    }
  } catch (error) {
    await control?.close();
    await app?.close();
    await jobs?.stop();
    jobKinds.close();
    await handle.close();
    throw error;
  }
  const server = app!;
  const queue = jobs!;
  server.log.info({ address, publicUrl: config.publicUrl, database: handle.backend }, 'candor is serving');
  if (demoConsole) printDemoConsole(context, demoConsole, new URL(config.publicUrl).port === '0' ? address : config.publicUrl);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.log.info({ signal }, 'shutting down: finishing requests in flight');
      const clean = await shutDown(server.log, [
        ['the HTTP server', () => server.close()],
        ['the control socket', () => control?.close()],
        ['the inbound SMTP server', () => inbound?.close()],
        ['the job queue', () => queue.stop()],
        ['the mail transport', () => jobKinds.close()],
        ['the database', () => handle.close()],
      ]);
      resolve(clean ? EXIT.ok : EXIT.failure);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}

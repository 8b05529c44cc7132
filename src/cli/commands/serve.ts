import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startControlSocket, type ControlSocket } from '../../backup/control-socket.ts';
import { embeddedDatabaseExists, openDatabase } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { welcomeUrl } from '../../auth/sign-in-links.ts';
import { ensureDemoAdmin, type DemoConsoleAccess } from '../../demo/demo-admin.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { useSiteAddress } from '../../site/settings.ts';
import { buildServer, type ServerServices } from '../../http/server.ts';
import { startInboundSmtp } from '../../mail/inbound-smtp.ts';
import { candorJobs } from '../../jobs/candor-jobs.ts';
import { startJobs, type JobQueue } from '../../jobs/queue.ts';
import { publishDueNews } from '../../news/publish-due.ts';
import { syncFeeds } from '../../elsewhere/fetch-feeds.ts';
import type { CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

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
function createEmbeddedDatabaseApart(context: CommandContext): void {
  const child = spawnSync(process.execPath, [LEAN_WASM_FLAG, CLI, 'migrate'], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
  if (child.status !== 0) throw new Error(`creating the database in ${context.config.dataDir} failed (exit ${child.status})`);
}

/**
 * Tells the person who ran the demo how to reach its console (PRODUCT.md §4). The one-time link
 * goes to standard error for a person to read, never into the structured log; only the demo
 * account, whose address cannot receive mail, ever gets one printed.
 */
function printDemoConsole(context: CommandContext, access: DemoConsoleAccess, base: string): void {
  context.stderr.write(
    access.token
      ? `\nDemo console: to set a password and an authenticator app for ${access.email}, open\n  ${welcomeUrl(base, access.token)}\n(it works once and until ${access.expiresAt.toISOString()}; each start of the demo makes a new one until the account is set up)\n\n`
      : `\nDemo console: sign in at ${base}/console/login as ${access.email}\n\n`,
  );
}

/**
 * `candor serve [--demo]`: migrates the database, optionally adds the demo data to an empty one,
 * and serves HTTP until SIGTERM or SIGINT, then finishes the requests in flight and closes the
 * database cleanly.
 */
/** The advisory lock under which a starting process migrates and sets up the job queue (an arbitrary, fixed number). */
const STARTUP_LOCK = 727_501_001;

export async function serveCommand(context: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
  const { config } = context;
  if (!config.databaseUrl) {
    // Before the database's WebAssembly module is compiled, which happens when it is opened.
    v8.setFlagsFromString(LEAN_WASM_FLAG);
    if (!embeddedDatabaseExists(config.dataDir)) createEmbeddedDatabaseApart(context);
  }
  const handle = await openDatabase(config, { holder: 'the candor server' });
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  let address: string;
  let inbound: { close(): Promise<void> } | undefined;
  let control: ControlSocket | undefined;
  let demoConsole: DemoConsoleAccess | undefined;
  const jobKinds = candorJobs(config, () => app?.log);
  let jobs: JobQueue | undefined;
  const services: ServerServices = {};
  // Processes starting together on one PostgreSQL database take turns to migrate it and to set
  // up the job queue's schema: done at once, the two set-ups can deadlock each other.
  let startup = handle.backend === 'postgres' && handle.pool ? await handle.pool.connect() : undefined;
  const endStartup = async () => {
    const client = startup;
    startup = undefined;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    client.release();
  };
  try {
    await startup?.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    await migrateToLatest(handle.db);
    if (values.demo) {
      await seedDemo(handle.db);
      demoConsole = await ensureDemoAdmin(handle.db);
    }
    // Posts whose scheduled time passed while no server ran are recorded as published before the first reader comes.
    await publishDueNews(handle.db);
    // When ELSEWHERE_FEEDS is set, its feeds are the ones stored; unset, those added in the console are.
    if (config.elsewhere.feeds.length > 0) await syncFeeds(handle.db, config.elsewhere.feeds);
    app = await buildServer(config, handle, services);
    jobs = await startJobs(handle.db, jobKinds.registry, { log: app.log });
    services.jobs = jobs;
    await endStartup();
    address = await app.listen({ port: config.port, host: config.host });
    // Asked for any free port: the site's absolute links (alternates, sitemap) use the one given.
    if (new URL(config.publicUrl).port === '0') useSiteAddress(address);
    // The embedded database's folder is this process's alone: `candor backup` asks it through a socket there.
    if (handle.backend === 'pglite') control = await startControlSocket(config.dataDir, handle.db, handle.backend, app.log);
    if (config.inboundSmtpPort !== undefined) {
      inbound = await startInboundSmtp({ port: config.inboundSmtpPort, host: config.host, db: handle.db, log: app.log });
    }
  } catch (error) {
    await endStartup();
    await control?.close();
    await app?.close();
    await jobs?.stop();
    jobKinds.close();
    await handle.close();
    throw error;
  }
  const server = app;
  const queue = jobs!;
  app.log.info({ address, publicUrl: config.publicUrl, database: handle.backend }, 'candor is serving');
  if (demoConsole) printDemoConsole(context, demoConsole, new URL(config.publicUrl).port === '0' ? address : config.publicUrl);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.log.info({ signal }, 'shutting down: finishing requests in flight');
      try {
        await server.close();
        await control?.close();
        await inbound?.close();
        await queue.stop();
        jobKinds.close();
      } finally {
        await handle.close();
      }
      resolve(EXIT.ok);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}

// The processes of the pages benchmark: `candor serve` as an operator starts it, nginx serving
// the same bytes as files, and wrk, the load generator, with its report read back as figures.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CLI } from './candor.ts';
import { childrenOf, nodeChildren, procStat } from '../../test/helpers/processes.ts';

const LOOPBACK = '127.0.0.1';

/** A free TCP port on loopback, as the system gives one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function onPath(command: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', ...(process.env.PATH ?? '').split(':')]) {
    const candidate = path.join(dir, command);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The paths of wrk and nginx (Debian's packages). Missing, they are installed when this runs as
 * root; otherwise the benchmark stops and says how to install them.
 */
export function requireTools(): { wrk: string; nginx: string } {
  let wrk = onPath('wrk');
  let nginx = onPath('nginx');
  if ((!wrk || !nginx) && process.getuid?.() === 0) {
    process.stderr.write('  installing wrk and nginx (apt-get install -y wrk nginx)\n');
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', 'wrk', 'nginx'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    wrk = onPath('wrk');
    nginx = onPath('nginx');
  }
  if (!wrk || !nginx) {
    const missing = [!wrk && 'wrk', !nginx && 'nginx'].filter(Boolean).join(' and ');
    throw new Error(`P1 needs ${missing} (Debian packages): as root, run  apt-get update && apt-get install -y wrk nginx`);
  }
  return { wrk, nginx };
}

/** Resident memory of a process in MB, from VmRSS in /proc/PID/status. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Resident memory of one process in two parts: the pages it alone holds, and those it shares with other processes (kB). */
function residentParts(pid: number): { own: number; shared: number } {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(rollup)?.[1] ?? NaN);
  const own = kb('Private_Clean') + kb('Private_Dirty');
  const shared = kb('Shared_Clean') + kb('Shared_Dirty');
  if (!Number.isFinite(own) || !Number.isFinite(shared)) throw new Error(`no memory figures for process ${pid}`);
  return { own, shared };
}

/** A process and its Node.js children (`candor serve --workers N`: the primary and its workers). */
function tree(pid: number): number[] {
  return [pid, ...nodeChildren(pid)];
}

/**
 * Resident memory of a process and of its Node.js children (`candor serve --workers N`: the
 * primary and its workers), each page counted once: what each process alone holds, summed, and
 * the shared pages once, as many as the process that shares most has. The workers are separate
 * Node.js processes, not forks, so what they share is the Node.js binary and its libraries (about
 * 50 MB each process maps from the same files), not the heap; adding up each process's resident
 * memory would count those pages once per process. For one process this is its resident memory.
 * Other children (tsx's esbuild helper) are left out, as they are from rssMb of one process.
 */
export function residentTreeMb(pid: number): number {
  let own = 0;
  let shared = 0;
  for (const member of tree(pid)) {
    try {
      const parts = residentParts(member);
      own += parts.own;
      shared = Math.max(shared, parts.shared);
    } catch (error) {
      // A worker that ended between the list and the read; the primary must be there.
      if (member === pid) throw error;
    }
  }
  return (own + shared) / 1024;
}

/** Resident memory of a process and of its Node.js children, each process's added up (shared pages counted once per process). */
export function rssTreeMb(pid: number): number {
  let total = 0;
  for (const member of tree(pid)) {
    try {
      total += rssMb(member);
    } catch (error) {
      if (member === pid) throw error;
    }
  }
  return total;
}

let clockTicks: number | undefined;

/** CPU time so far of a process and of its direct children, in seconds of user and of system time (from /proc/PID/stat). */
export function cpuSeconds(pid: number): { user: number; system: number } {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let user = 0;
  let system = 0;
  for (const member of [pid, ...childrenOf(pid)]) {
    try {
      const { fields } = procStat(member);
      user += Number(fields[11]);
      system += Number(fields[12]);
    } catch (error) {
      if (member === pid) throw error;
    }
  }
  return { user: user / clockTicks, system: system / clockTicks };
}

/** Samples a process's resident memory (or another measure of it) every `everyMs` until stopped; gives the highest seen. */
export function sampleRss(pid: number, everyMs = 100, measure: (pid: number) => number = rssMb): { stop(): number } {
  let peak = measure(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, measure(pid));
    } catch {
      // The process ended; its peak is what was seen.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops a process this benchmark started: SIGTERM, then SIGKILL if it has not ended in `ms`. */
async function stopChild(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitExit(child, ms))) {
    child.kill('SIGKILL');
    await waitExit(child, 5_000);
  }
}

export interface RunningCandor {
  pid: number;
  base: string;
  /** From spawning `candor serve` to the first 200 of the home page. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `candor serve ARGS` on a free loopback port with the configuration an operator would
 * give (its default log level, logs to a file in `logDir`), and waits until `probe` answers 200,
 * polling every 25 ms.
 */
export async function startCandor(args: string[], env: Record<string, string>, logDir: string, probe = '/en/', timeoutMs = 180_000): Promise<RunningCandor> {
  const port = await freePort();
  const base = `http://${LOOPBACK}:${port}`;
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `candor-${port}.log`), 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, LOG_LEVEL: '', ...env, PORT: String(port), HOST: LOOPBACK, PUBLIC_URL: base },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const failed = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`candor serve ended (${code ?? signal}) before answering; see ${logDir}`))));
  failed.catch(() => undefined);
  const ready = (async () => {
    for (;;) {
      try {
        const response = await fetch(`${base}${probe}`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > timeoutMs) throw new Error(`candor serve did not answer ${probe} within ${timeoutMs / 1000} s`);
      await sleep(25);
    }
  })();
  let startMs: number;
  try {
    startMs = await Promise.race([ready, failed]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { pid: child.pid!, base, startMs, stop: () => stopChild(child) };
}

export interface StaticPage {
  /** The path wrk asks for, with its query string. */
  url: string;
  body: Buffer;
  /** The headers Candor answered it with, names and values one after the other (for the one-process server). */
  headers?: string[];
}

/** nginx, or the one-process server: the same pages at a base address. */
export interface RunningStaticServer {
  /** The server's process (nginx's master, whose workers are its children). */
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/**
 * Waits until a static server just spawned (its standard error piped) serves `page`'s bytes on
 * `port`, within 10 s, and gives its base address; stops it and says why otherwise.
 */
async function serving(child: ChildProcess, name: string, port: number, page: StaticPage): Promise<string> {
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const base = `http://${LOOPBACK}:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} ended at start (${child.exitCode ?? child.signalCode}): ${errors}`);
    try {
      const response = await fetch(`${base}${page.url}`, { signal: AbortSignal.timeout(5_000) });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status === 200 && body.equals(page.body)) return base;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 10_000) {
      await stopChild(child);
      throw new Error(`${name} did not serve ${page.url}: ${errors}`);
    }
    await sleep(25);
  }
}

/** The file under the document root that nginx serves for a path (the query string aside). */
function fileOf(root: string, url: string): string {
  const pathname = new URL(url, 'http://x').pathname;
  return path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
}

/**
 * Starts Debian's nginx in the foreground on a free loopback port, with a configuration of its
 * own in `dir` (its own pid file, error log and temporary folders, no access log), serving each
 * page's bytes as a static file with the content type Candor sends. Like Candor without
 * Accept-Encoding, it sends them uncompressed.
 */
export async function startNginx(nginx: string, dir: string, pages: StaticPage[], contentType = 'text/html; charset=utf-8'): Promise<RunningStaticServer> {
  const root = path.join(dir, 'root');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['root', 'logs', 'client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  for (const page of pages) {
    const file = fileOf(root, page.url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, page.body);
  }
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  fs.writeFileSync(
    conf,
    `# Generated by bench/p1-pages.ts: the pages benchmark's static server.
${user}worker_processes auto;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip off;
  types { }
  default_type "${contentType}";
  server {
    listen ${LOOPBACK}:${port};
    root ${root};
    index index.html;
  }
}
`,
  );
  const test = spawnSync(nginx, ['-t', '-q', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration: ${test.stderr}`);
  const child = spawn(nginx, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await serving(child, 'nginx', port, pages[0]!);
  // nginx ends gracefully on SIGQUIT; SIGTERM is its fast shutdown, which is enough here.
  return { pid: child.pid!, base, stop: () => stopChild(child) };
}

/** Headers that node:http writes itself on every answer, left out of what the one-process server is given. */
const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Starts bench/lib/one-process-server.mjs, plain node:http in one process with no loader, on a
 * free loopback port, answering each page with its bytes and the headers Candor sent (those
 * node:http writes itself aside): the most one Node.js process does on the machine.
 */
export async function startOneProcessServer(dir: string, pages: StaticPage[]): Promise<RunningStaticServer> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest = pages.map((page, index) => {
    const file = path.join(dir, `page-${index}`);
    fs.writeFileSync(file, page.body);
    const headers = (page.headers ?? []).flatMap((value, at, all) => (at % 2 === 0 && !WRITTEN_BY_NODE.has(value.toLowerCase()) ? [value, all[at + 1]!] : []));
    return { url: page.url, file, headers };
  });
  const manifestFile = path.join(dir, 'pages.json');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'one-process-server.mjs'), manifestFile, String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await serving(child, 'the one-process server', port, pages[0]!);
  return { pid: child.pid!, base, stop: () => stopChild(child) };
}

export interface WrkResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses outside 2xx and 3xx. */
  non2xx3xx: number;
  /** Connect, read, write and timeout errors together, and as wrk prints them. */
  socketErrors: number;
  socketErrorLine: string;
  /** Bytes transferred per second, as wrk prints it. */
  transfer: string;
}

function durationMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!match) throw new Error(`wrk printed a latency it is not known to print: ${value}`);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(match[1]) * scale;
}

/** Reads wrk's report (as printed with --latency) into figures. */
export function parseWrk(output: string): WrkResult {
  const figure = (pattern: RegExp, what: string) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`wrk's report has no ${what}:\n${output}`);
    return match[1]!;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSec: Number(figure(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')),
    p50Ms: durationMs(figure(/^\s+50%\s+(\S+)/m, '50% latency')),
    p99Ms: durationMs(figure(/^\s+99%\s+(\S+)/m, '99% latency')),
    requests: Number(figure(/(\d+) requests in/, 'request count')),
    non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    socketErrorLine: socket?.[0] ?? '',
    transfer: figure(/Transfer\/sec:\s+(\S+)/, 'Transfer/sec'),
  };
}

/** Runs `wrk --latency -tTHREADS -cCONNECTIONS -dSECONDS URL` and reads its report. */
export async function wrk(binary: string, url: string, { threads = 2, connections = 100, seconds = 10 } = {}): Promise<WrkResult> {
  const child = spawn(binary, ['--latency', `-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`wrk ${url} failed (${code}): ${errors}${output}`);
  return parseWrk(output);
}

import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AggregatorRegistry, Counter, Gauge, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { AccessDeniedError } from '../errors.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { LabelledCounter, LabelledHistogram } from './request-metrics.ts';

/** The services `candor serve` starts beside the web server, which its operations routes report on. */
export interface ServerServices {
  jobs?: JobQueue;
  /** The metrics registry /metrics answers from (set by buildServer). */
  metrics?: Registry;
  /**
   * Under `candor serve --workers N`: the metrics of the whole cluster, which /metrics answers
   * instead of this process's own (see clusterScrape).
   */
  clusterMetrics?: () => Promise<string>;
}

/** An address as the socket gives it, with an IPv4 address seen through an IPv6 socket written as IPv4. */
function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const unmapped = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(unmapped);
  return family === 0 ? undefined : { address: unmapped, family: family === 4 ? 'ipv4' : 'ipv6' };
}

function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', bits = ''] = entry.split('/');
    list.addSubnet(address, Number(bits), net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/**
 * Who may read /metrics: a request with `Authorization: Bearer METRICS_TOKEN`, or one from an
 * address METRICS_ALLOW lists (loopback by default). Anyone else gets a 403, and a wrong token is
 * refused even from an allowed address, so a mistake in a scraper's set-up shows at once.
 */
export function metricsGuard(config: Config): (request: FastifyRequest) => Promise<void> {
  const allowed = allowList(config.metrics.allow);
  const expected = config.metrics.token ? Buffer.from(config.metrics.token) : undefined;
  return async (request) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '');
      if (expected && given.length === expected.length && crypto.timingSafeEqual(given, expected)) return;
      throw new AccessDeniedError('metrics-error-forbidden');
    }
    // The client as TRUST_PROXY lets Fastify see it: behind a trusted proxy, the address it names.
    const client = plainAddress(request.ip ?? '');
    if (client && allowed.check(client.address, client.family)) return;
    throw new AccessDeniedError('metrics-error-forbidden');
  };
}

/**
 * Candor's metrics, in a registry of their own: HTTP requests by route pattern (never the raw
 * URL, which carries references and tokens), the job queue, legal requests by state and the
 * database pool. Figures from the database are counted when Prometheus scrapes, by one small
 * GROUP BY query each.
 */
export function installMetrics(app: FastifyInstance, handle: DatabaseHandle, services: ServerServices): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'candor_' });
  // The two metrics of every request are updated by the requests answered from memory too,
  // tens of thousands a second: kept by label set (request-metrics.ts), not prom-client's own.
  const requests = new LabelledCounter('candor_http_requests_total', 'HTTP requests answered, by method, route pattern and status code', ['method', 'route', 'status'], registry);
  const latency = new LabelledHistogram('candor_http_request_duration_seconds', 'Time to answer an HTTP request, by method and route pattern', ['method', 'route'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registry);
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // Unknown paths share one label: a scanner cannot grow the series without bound.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'candor_jobs',
    // Every process counts the same rows: a cluster reports them once.
    aggregator: 'first',
    help: 'Background jobs in the queue, by kind and state (created and retry are waiting; failed gave up after their retries)',
    labelNames: ['name', 'state'],
    registers: [registry],
    async collect() {
      // A database that does not answer leaves the series out rather than failing the whole scrape.
      const rows = await services.jobs?.counts().catch(() => undefined);
      this.reset();
      for (const row of rows ?? []) this.set({ name: row.name, state: row.state }, row.count);
    },
  });
  jobFailuresMetric(registry, () => services.jobs?.failures());
  new Gauge({
    name: 'candor_requests',
    help: 'Legal requests by state',
    aggregator: 'first',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await handle.db
        .selectFrom('requests')
        .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
        // Messages to a person wait in the same queue but are no legal request.
        .where('kind', '!=', 'contact')
        .groupBy('state')
        .execute()
        .catch(() => []);
      this.reset();
      for (const row of rows) this.set({ state: row.state }, Number(row.count));
    },
  });
  poolMetric(registry, handle);
  return registry;
}

/** Job runs that threw, by kind, as the process that runs the jobs counts them. */
function jobFailuresMetric(registry: Registry, failures: () => ReadonlyMap<string, number> | undefined): void {
  new Counter({
    name: 'candor_job_failures_total',
    help: 'Job runs that threw since the process that runs the jobs started, by kind (each is retried until its retries run out)',
    labelNames: ['name'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, count] of failures() ?? []) this.inc({ name }, count);
    },
  });
}

/** The database pool of one process; a cluster's are added up. */
function poolMetric(registry: Registry, handle: DatabaseHandle): void {
  new Gauge({
    name: 'candor_db_pool_connections',
    help: 'Database connections: total open, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = handle.pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}

/**
 * The metrics of the primary process of `candor serve --workers N`, which serves no HTTP: the
 * failures of the jobs it runs, and its database pool. They are added to its workers' metrics
 * when /metrics is answered for the whole cluster.
 */
export function primaryMetrics(handle: DatabaseHandle, jobs: JobQueue): Registry {
  const registry = new Registry();
  jobFailuresMetric(registry, () => jobs.failures());
  poolMetric(registry, handle);
  return registry;
}

/** One process's metrics, as `Registry.getMetricsAsJSON` gives them. */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/**
 * The metrics of a whole cluster from those of each process, by prom-client's rules for each
 * metric (its `aggregator`): counters and histograms added up (requests answered by any
 * worker), figures every process reads from the database taken once.
 */
export function aggregateMetrics(processes: MetricsJson[]): Promise<string> {
  return AggregatorRegistry.aggregate(processes).metrics();
}

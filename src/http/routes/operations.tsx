import { sql } from 'kysely';
import { Type } from 'typebox';
import { JobsPage } from '../../console/jobs/jobs-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { DatabaseHandle } from '../../db/connect.ts';
import { UnavailableError } from '../../errors.ts';
import { listFailedJobs, summarizeJobs } from '../../jobs/list-jobs.ts';
import type { ServerServices } from '../metrics.ts';
import type { Route } from '../routes.ts';

/** A check that has not answered within this long counts as failing: a health probe must not hang. */
const CHECK_TIMEOUT_MS = 5_000;

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), late]);
    return 'ok';
  } catch {
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}

const Check = Type.Union([Type.Literal('ok'), Type.Literal('failing')]);
const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  checks: Type.Object({ database: Check, jobs: Check }),
});

/** What operators and their tools call: the health probe, the Prometheus metrics, and the console's page on background jobs. */
export function operationsRoutes(handle: DatabaseHandle, services: ServerServices): Route[] {
  return [
    {
      method: 'GET',
      url: '/healthz',
      permission: 'public',
      summary: 'Whether Candor, its database and its job queue answer (503 when one does not)',
      schema: { tags: ['operations'], response: { 200: HealthSchema, 503: HealthSchema } },
      handler: async (_request, reply) => {
        const [database, jobs] = await Promise.all([
          probe(() => sql`SELECT 1`.execute(handle.db)),
          probe(async () => {
            if (!(await services.jobs?.check())) throw new Error('the job queue is not running');
          }),
        ]);
        const healthy = database === 'ok' && jobs === 'ok';
        return reply.status(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', database: handle.backend, checks: { database, jobs } });
      },
    },
    {
      method: 'GET',
      url: '/metrics',
      permission: 'metrics',
      summary: 'Prometheus metrics (METRICS_TOKEN as a bearer token, or from an address METRICS_ALLOW lists)',
      hidden: true,
      handler: async (_request, reply) => {
        const registry = services.metrics!;
        // Under `serve --workers N`, whichever worker takes the scrape answers for all of them.
        const text = services.clusterMetrics
          ? await services.clusterMetrics().catch(() => {
              throw new UnavailableError('metrics-error-unavailable');
            })
          : await registry.metrics();
        return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
      },
    },
    {
      method: 'GET',
      url: '/console/jobs',
      permission: 'jobs:read',
      summary: 'Background jobs by kind and state, and those that failed for good',
      hidden: true,
      handler: async (request, reply) => {
        const [kinds, failed] = await Promise.all([summarizeJobs(handle.db), listFailedJobs(handle.db)]);
        return sendConsolePage(reply, 200, <JobsPage context={consoleContext(request)} kinds={kinds} failed={failed} />);
      },
    },
  ];
}

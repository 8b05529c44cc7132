import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.ts';
import { computeReport } from '../transparency/compute-report.ts';
import { parsePeriod } from '../transparency/period.ts';

/** Who may call a route. `public` needs nothing; later capabilities add their own permissions. */
export type Permission = 'public';

interface Route {
  method: RouteOptions['method'];
  url: string;
  permission: Permission;
  schema?: RouteOptions['schema'];
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/**
 * The one route table: every HTTP route Candor answers, with the permission it requires.
 * A route cannot be registered without one.
 */
export function routeTable(handle: DatabaseHandle): Route[] {
  return [
    {
      method: 'GET',
      url: '/healthz',
      permission: 'public',
      handler: async (_request, reply) => {
        try {
          await sql`SELECT 1`.execute(handle.db);
          return { status: 'ok', database: handle.backend };
        } catch {
          return reply.status(503).send({ status: 'unavailable', database: handle.backend });
        }
      },
    },
    {
      method: 'GET',
      url: '/api/v1/transparency/:period',
      permission: 'public',
      schema: {
        params: { type: 'object', properties: { period: { type: 'string', maxLength: 32 } }, required: ['period'] },
      },
      handler: async (request) => {
        const { period } = request.params as { period: string };
        return computeReport(handle.db, parsePeriod(period));
      },
    },
  ];
}

/** Registers every route of the table. */
export function registerRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  for (const route of routeTable(handle)) {
    app.route({ method: route.method, url: route.url, schema: route.schema, handler: route.handler, config: { permission: route.permission } });
  }
}

import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { installErrorHandler } from './error-handler.ts';
import { registerRoutes } from './routes.ts';

/**
 * Builds the web application (not yet listening). Logs are structured (pino) and never carry
 * client addresses, credentials or bodies: requests are logged by method and path only.
 */
export function buildServer(config: Config, handle: DatabaseHandle): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: {
        req: (request) => ({ method: request.method, url: request.url.split('?')[0] }),
        res: (reply) => ({ statusCode: reply.statusCode }),
      },
    },
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  installErrorHandler(app);
  registerRoutes(app, handle);
  return app;
}

import http from 'node:http';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from '../attachments/limits.ts';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { authenticateToken } from '../auth/api-tokens.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { ApiTokenRow } from '../db/tables/api-tokens.ts';
import { ajv, textAjv } from '../intake/validate-input.ts';
import { consoleGuard, isConsolePermission } from './console-access.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { UnsupportedMediaTypeError, answerFrameworkError, installErrorHandler } from './error-handler.ts';
import { loggablePath, redactLogFields } from './log-privacy.ts';
import { logStream } from './log-stream.ts';
import { MemoryAnswers, nextRequestId } from './memory-answers.ts';
import { LabelledCounter, type LabelledHistogram } from './request-metrics.ts';
import { installMetrics, metricsGuard, type ServerServices } from './metrics.ts';
import { routeTable, type Route } from './routes.ts';

export type { ServerServices } from './metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token that authenticated this request, on routes that need one. */
    apiToken?: ApiTokenRow;
  }
  interface FastifyContextConfig {
    /** The permission the route table names for this route. */
    permission?: string;
    batch?: boolean;
  }
}


function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function register(app: FastifyInstance, handle: DatabaseHandle, config: Config, route: Route): void {
  if (!route.permission) throw new Error(`route ${route.method} ${route.url} has no permission`);
  const scope = route.permission.startsWith('api:') ? (route.permission.slice(4) as 'submit' | 'read') : undefined;
  app.route({
    method: route.method,
    url: route.url,
    schema: { ...route.schema, summary: route.summary, hide: route.hidden ?? false },
    config: { permission: route.permission, batch: route.batch ?? false },
    bodyLimit: route.bodyLimit,
    // Authentication runs before the body is validated: a stranger learns nothing from the schema.
    preValidation: scope
      ? async (request) => {
          request.apiToken = await authenticateToken(handle.db, bearer(request), scope);
          if (route.method !== 'GET' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new UnsupportedMediaTypeError();
        }
      : undefined,
    // Console routes: a live session whose role holds the permission, and the CSRF token for changes.
    // /metrics: a bearer token or an allowed client address (METRICS_TOKEN, METRICS_ALLOW).
    preHandler: isConsolePermission(route.permission) ? consoleGuard(handle, route.permission, route.uploads) : route.permission === 'metrics' ? metricsGuard(config) : undefined,
    // The console's pages carry the CSRF token beside text the reader typed (filters, forms
    // re-rendered with their values): compressed, their sizes would let an observer of the
    // traffic guess the token a byte at a time (BREACH). They stay uncompressed; they are small.
    compress: isConsolePermission(route.permission) ? false : undefined,
    handler: route.handler,
  });
}

/**
 * Builds the web application (not yet listening). Logs are structured (pino) and never carry
 * client addresses, credentials or bodies: requests are logged by method and path only.
 */
export async function buildServer(config: Config, handle: DatabaseHandle, services: ServerServices = {}): Promise<FastifyInstance> {
  // Requests for kept public pages are answered from memory before the framework sees them,
  // once the application has answered them (memory-answers.ts).
  let memory: MemoryAnswers | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      const server = http.createServer((request, response) => {
        if (!memory?.answer(request, response)) handler(request, response);
      });
      // The framework's own settings for the server it would have made.
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      server.setTimeout(0);
      return server;
    },
    genReqId: nextRequestId,
    // One line per request, written when it is answered (below), instead of one as it comes and
    // one as it goes. Errors are logged by the error handler (error-handler.ts).
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: config.logLevel,
      serializers: {
        // Method and path only: no client address, no headers, no query string.
        req: (request) => ({ method: request.method, url: loggablePath(request.url) }),
        res: (reply) => ({ statusCode: reply.statusCode }),
      },
      // Whatever a handler logs beside that: credentials and bodies are blanked out.
      formatters: { log: redactLogFields },
      stream: logStream(),
    },
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    // A URL Fastify cannot even decode gets the house error format too.
    frameworkErrors: (error, request, reply) => void answerFrameworkError(error, request, reply as FastifyReply),
    forceCloseConnections: 'idle',
    // Behind a reverse proxy (TRUST_PROXY), the client is the address the proxy says it is;
    // otherwise X-Forwarded-For is ignored, so no client can pick the address its limits count.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  });
  // Bodies are checked strictly, with the same Ajv the forms and e-mail intake use.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv : textAjv).compile(schema));
  // JSON for the API, url-encoded for the forms; anything else is a 415.
  app.removeContentTypeParser(['text/plain']);
  await app.register(formbody, { bodyLimit: 1_048_576 });
  // Only the staff console sets a cookie (its session); readers of the public site never get one.
  await app.register(cookie);
  // The forms' documents: read part by part by the form handler, within the attachment limits.
  await app.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 60, fieldSize: 200_000, parts: 100 },
  });
  // Responses of 1 KB or more are compressed for browsers that take it (Brotli, else gzip): the
  // report pages and downloads shrink about tenfold. The site's cached pages, already gzipped
  // once when cached, carry their Content-Encoding and are sent as they are.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Brotli's default (quality 11) is meant for files compressed once; for pages made per
    // request, quality 5 gives nearly the same size at a small part of the time.
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  installErrorHandler(app);
  app.addHook('onSend', async (_request, reply) => setSecurityHeaders(reply));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Candor API', version: '1', description: 'Legal requests, the transparency report and public notices.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'candor token create NAME --scope submit|read' } } },
    },
    transform: ({ schema, url, route }) => {
      const permission = (route.config as { permission?: string } | undefined)?.permission;
      const secured = permission?.startsWith('api:') ? { security: [{ bearer: [] }] } : {};
      return { schema: { ...schema, ...secured } as never, url };
    },
  });
  services.metrics = installMetrics(app, handle, services);
  const answers = new MemoryAnswers({
    log: app.log,
    requests: services.metrics.getSingleMetric('candor_http_requests_total') as unknown as LabelledCounter<'method' | 'route' | 'status'>,
    latency: services.metrics.getSingleMetric('candor_http_request_duration_seconds') as unknown as LabelledHistogram<'method' | 'route'>,
    fromMemory: new LabelledCounter(
      'candor_http_answers_from_memory_total',
      'Requests for kept public pages answered from memory, before routing (also counted in candor_http_requests_total)',
      ['route'],
      services.metrics,
    ),
  });
  // Answers to remember are taken as they are written, after every hook has had its say.
  app.addHook('onSend', async (request, reply, payload) => {
    answers.remember(request, reply);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  });
  // A closing server answers every request itself (503), as the framework does.
  app.addHook('preClose', async () => answers.close());
  memory = answers;
  for (const route of routeTable(handle, config, services)) register(app, handle, config, route);
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () => app.swagger());
  return app;
}

import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import type { TokenScope } from '../auth/api-tokens.ts';
import type { ConsolePermission } from '../auth/permissions.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { RequestInput } from '../intake/request-input.ts';
import { computeReport } from '../transparency/compute-report.ts';
import { parsePeriod } from '../transparency/period.ts';
import { latestSnapshot } from '../transparency/snapshots.ts';
import { findAsset } from '../site/assets.ts';
import type { LocalizedPage, PagedSitemap } from '../site/sitemap.ts';
import { FORM_SLUGS } from '../intake/forms/form-spec.ts';
import { KINDS } from '../requests/model.ts';
import { newsRoutes } from './routes/news.tsx';
import { BatchBody, IdParams, ListQuery, SubmittedSchema, requestsApi } from './handlers/api-requests.ts';
import { requestForms } from './handlers/request-forms.tsx';
import type { UploadLimits } from './console-access.ts';
import { ErrorBodySchema } from './error-handler.ts';
import type { ServerServices } from './metrics.ts';
import { assistanceRoutes } from './routes/assistance.tsx';
import { awarenessRoutes } from './routes/awareness.tsx';
import { mediaRoutes } from './routes/media.tsx';
import { connectRoutes } from './routes/connect.tsx';
import { consoleAuthRoutes } from './routes/console-auth.tsx';
import { contactRoutes } from './routes/contact.tsx';
import { elsewhereRoutes } from './routes/elsewhere.tsx';
import { consoleHomeRoutes } from './routes/console-home.tsx';
import { deskRoutes } from './routes/desk.tsx';
import { noticesRoutes } from './routes/notices.tsx';
import { recordsRoutes } from './routes/records.tsx';
import { retentionRoutes } from './routes/retention.tsx';
import { transparencyRoutes } from './routes/transparency.tsx';
import { operationsRoutes } from './routes/operations.tsx';
import { siteRoutes } from './routes/site.tsx';

/**
 * Who may call a route: `public` needs nothing; `api:submit` and `api:read` need a bearer token
 * with that scope; `metrics` needs METRICS_TOKEN or an address METRICS_ALLOW lists; a console permission (src/auth/permissions.ts) needs a signed-in member of
 * staff whose role holds it.
 */
export type Permission = 'public' | 'metrics' | `api:${TokenScope}` | ConsolePermission;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  permission: Permission;
  summary: string;
  schema?: Omit<NonNullable<RouteOptions['schema']>, 'summary'>;
  /** Validation problems are answered keyed by the position of the item in a `requests` list. */
  batch?: boolean;
  /** The largest body this route takes, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** A console form that may be sent as multipart with files (its CSRF token then travels in the body). */
  uploads?: UploadLimits;
  /** Left out of the OpenAPI document (not part of the public API). */
  hidden?: boolean;
  /**
   * For a public page with parameters beyond `:lang`: the paths (without the language) it
   * answers, for /sitemap.xml. Pages under /:lang/ without other parameters are listed anyway.
   * A page that exists in some languages only, at its own path in each, is given as a
   * LocalizedPage (language → path with the language prefix).
   */
  /** A public page reached only from a link in a message (with its token): left out of the navigation and the sitemap. */
  unlisted?: boolean;
  sitemap?: () => Promise<(string | LocalizedPage)[]>;
  /** For a public page with too many instances for one file (a notice's): listed in child sitemaps, a page of keys each. */
  sitemapPages?: PagedSitemap;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** Room for a request with attachments up to 10 MB, base64-encoded. */
export const API_BODY_LIMIT = 16 * 1024 * 1024;

const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, ErrorBodySchema]));

/** What the handlers of a section of the route table are built from. */
export interface RouteContext {
  handle: DatabaseHandle;
  config: Config;
  /** The job queue (`services.jobs.enqueue`) and the metrics, once `candor serve` has started them. */
  services: ServerServices;
}

/**
 * The one route table: every HTTP route Candor answers, with the permission it requires.
 * The console's sections are listed from src/http/routes/; registering refuses a route without
 * a permission, and test/flows/route-permissions.test.ts walks every route with every role.
 */
export function routeTable(handle: DatabaseHandle, config: Config, services: ServerServices = {}): Route[] {
  const context: RouteContext = { handle, config, services };
  const sections = [
    ...coreRoutes(handle),
    ...operationsRoutes(handle, services),
    ...consoleHomeRoutes(context),
    ...consoleAuthRoutes(context),
    ...deskRoutes(context),
    ...recordsRoutes(context),
    ...retentionRoutes(context),
    ...assistanceRoutes(context),
    ...transparencyRoutes(context),
    ...noticesRoutes(context),
    ...mediaRoutes(context),
    ...awarenessRoutes(context),
    ...connectRoutes(context),
    ...newsRoutes(context),
    ...contactRoutes(context),
    ...elsewhereRoutes(context),
  ];
  // The public site last: its navigation and sitemap list the public pages of every section.
  return [...sections, ...siteRoutes(context, sections)];
}

function coreRoutes(handle: DatabaseHandle): Route[] {
  const requests = requestsApi(handle);
  const forms = requestForms(handle);
  const page = { tags: ['site'], params: Type.Object({ lang: Type.String({ maxLength: 20 }) }) };
  const formPage = { tags: ['site'], params: Type.Object({ lang: Type.String({ maxLength: 20 }), kind: Type.String({ maxLength: 40 }) }) };
  return [
    {
      method: 'GET',
      url: '/api/v1/transparency/:period',
      permission: 'public',
      summary:
        'The transparency report of a half-year (2026-H1) or a year (2026): its latest published snapshot, byte for byte, when there is one (headers Candor-Figures: snapshot, Candor-Snapshot-Version, Candor-Snapshot-SHA256), else the live figures (Candor-Figures: live); live=true asks for the live figures',
      schema: {
        tags: ['open data'],
        params: Type.Object({ period: Type.String({ maxLength: 32, examples: ['2026-H1', '2026'] }) }),
        querystring: Type.Object({ live: Type.Optional(Type.Boolean({ description: 'the figures as the requests counted now give them, even when the period was published' })) }),
        response: errors(400),
      },
      handler: async (request, reply) => {
        const { period } = request.params as { period: string };
        const { live } = request.query as { live?: boolean };
        const parsed = parsePeriod(period);
        const snapshot = live ? undefined : await latestSnapshot(handle.db, parsed.id);
        if (!snapshot) return reply.header('candor-figures', 'live').send(await computeReport(handle.db, parsed));
        const etag = `"${snapshot.sha256}"`;
        if (request.headers['if-none-match'] === etag) return reply.status(304).header('etag', etag).send();
        return reply
          .header('candor-figures', 'snapshot')
          .header('candor-snapshot-version', String(snapshot.version))
          .header('candor-snapshot-sha256', snapshot.sha256)
          .header('etag', etag)
          .type('application/json; charset=utf-8')
          .send(snapshot.text);
      },
    },
    {
      method: 'POST',
      url: '/api/v1/requests',
      permission: 'api:submit',
      summary: 'Submit a request; the same external_id again returns the first request (200)',
      bodyLimit: API_BODY_LIMIT,
      schema: { tags: ['requests'], body: RequestInput, response: { 201: SubmittedSchema, 200: SubmittedSchema, ...errors(400, 401, 403, 413, 415) } },
      handler: requests.create,
    },
    {
      method: 'POST',
      url: '/api/v1/requests/batch',
      permission: 'api:submit',
      summary: 'Submit up to 100 requests at once, all or nothing; problems are keyed by position',
      bodyLimit: API_BODY_LIMIT,
      batch: true,
      schema: {
        tags: ['requests'],
        body: BatchBody,
        response: { 201: Type.Object({ items: Type.Array(SubmittedSchema) }), 200: Type.Object({ items: Type.Array(SubmittedSchema) }), ...errors(400, 401, 403, 413, 415) },
      },
      handler: requests.createBatch,
    },
    {
      method: 'GET',
      url: '/api/v1/requests/:id',
      permission: 'api:read',
      summary: 'One request, by id or reference',
      schema: { tags: ['requests'], params: IdParams, response: errors(401, 403, 404) },
      handler: requests.get,
    },
    {
      method: 'GET',
      url: '/api/v1/requests',
      permission: 'api:read',
      summary: 'Requests, newest first, a page at a time (pass next_cursor back as cursor)',
      schema: { tags: ['requests'], querystring: ListQuery, response: errors(400, 401, 403) },
      handler: requests.list,
    },
    {
      method: 'GET',
      url: '/assets/:name',
      permission: 'public',
      summary: 'Fingerprinted stylesheets and scripts, cached for a year',
      hidden: true,
      schema: { params: Type.Object({ name: Type.String({ maxLength: 100 }) }) },
      handler: async (request, reply) => {
        const asset = findAsset((request.params as { name: string }).name);
        if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
        return reply.header('content-type', asset.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
      },
    },
    { method: 'GET', url: '/:lang/requests/new', permission: 'public', summary: 'Choose the kind of request to submit', hidden: true, schema: page, handler: forms.choose },
    { method: 'GET', url: '/:lang/requests/new/:kind', permission: 'public', summary: 'The form for one kind of request', hidden: true, schema: formPage, sitemap: async () => KINDS.map((kind) => `/requests/new/${FORM_SLUGS[kind]}`), handler: forms.show },
    { method: 'POST', url: '/:lang/requests/new/:kind', permission: 'public', summary: 'Submit a request form', hidden: true, schema: formPage, handler: forms.submit },
  ];
}

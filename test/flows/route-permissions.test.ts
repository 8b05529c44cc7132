import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_PERMISSIONS, ROLES, type Role } from '../../src/auth/permissions.ts';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { routeTable } from '../../src/http/routes.ts';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, type StaffLogin } from '../helpers/staff.ts';

const EVERYONE: readonly Role[] = ROLES;
const DESK: readonly Role[] = ['admin', 'counsel', 'reviewer'];
const READERS: readonly Role[] = ['admin', 'counsel', 'reviewer', 'auditor'];
const COUNSEL: readonly Role[] = ['admin', 'counsel'];
const AUDITORS: readonly Role[] = ['admin', 'auditor'];
const EDITORS: readonly Role[] = ['admin', 'editor'];

/**
 * Who may call each route, written out by hand rather than derived from the permission table, so
 * that a change to either one shows here. A route missing from this list fails the test.
 */
const EXPECTED: Record<string, 'public' | 'metrics' | 'api:submit' | 'api:read' | readonly Role[]> = {
  'GET /healthz': 'public',
  'GET /metrics': 'metrics',
  'GET /console/jobs': ['admin'],
  'GET /api/v1/transparency/:period': 'public',
  'POST /api/v1/requests': 'api:submit',
  'POST /api/v1/requests/batch': 'api:submit',
  'GET /api/v1/requests/:id': 'api:read',
  'GET /api/v1/requests': 'api:read',
  'GET /assets/:name': 'public',
  'GET /:lang/requests/new': 'public',
  'GET /:lang/requests/new/:kind': 'public',
  'POST /:lang/requests/new/:kind': 'public',
  'GET /console': 'public',
  'GET /console/login': 'public',
  'POST /console/login': 'public',
  'POST /console/logout': EVERYONE,
  'GET /console/welcome/:token': 'public',
  'POST /console/welcome/:token': 'public',
  'POST /console/welcome/:token/totp': 'public',
  'GET /console/step-up': EVERYONE,
  'POST /console/step-up': EVERYONE,
  'GET /console/sessions': EVERYONE,
  'POST /console/sessions/revoke-others': EVERYONE,
  'POST /console/sessions/:id/revoke': EVERYONE,
  'GET /console/users': ['admin'],
  'POST /console/users': ['admin'],
  'POST /console/users/:id/role': ['admin'],
  'POST /console/users/:id/disable': ['admin'],
  'POST /console/users/:id/link': ['admin'],
  'GET /console/': EVERYONE,
  'GET /console/desk': COUNSEL,
  'POST /console/desk/deadlines': COUNSEL,
  'POST /console/desk/templates': COUNSEL,
  'GET /console/retention': COUNSEL,
  'POST /console/retention/periods': COUNSEL,
  'POST /console/retention/run': COUNSEL,
  'GET /console/requests': READERS,
  'GET /console/requests/:reference': READERS,
  'GET /console/requests/:reference/attachments/:id': READERS,
  'POST /console/requests/:reference/notes': DESK,
  'POST /console/requests/:reference/reply': DESK,
  'POST /console/requests/:reference/evaluation': DESK,
  'POST /console/requests/:reference/state': DESK,
  'POST /console/requests/:reference/assignee': DESK,
  'POST /console/requests/:reference/duplicate-of': DESK,
  'POST /console/requests/:reference/counter-notice-to': DESK,
  'POST /console/requests/:reference/decision': COUNSEL,
  'POST /console/requests/:reference/notifications': COUNSEL,
  'GET /:lang/legal-help': 'public',
  'POST /:lang/legal-help': 'public',
  'GET /:lang/contact': 'public',
  'POST /:lang/contact': 'public',
  'GET /:lang/elsewhere': 'public',
  'GET /console/elsewhere': ['admin', 'editor'],
  'POST /console/elsewhere/feeds': ['admin', 'editor'],
  'POST /console/elsewhere/feeds/:id/remove': ['admin', 'editor'],
  'GET /console/assistance': COUNSEL,
  'GET /console/assistance/:reference': COUNSEL,
  'POST /console/assistance/:reference/:form': COUNSEL,
  'GET /console/audit': AUDITORS,
  'POST /console/audit/verify': AUDITORS,
  'GET /console/audit/export.csv': AUDITORS,
  'GET /console/audit/export.json': AUDITORS,
  'GET /console/outbox': READERS,
  'GET /console/outbox/:id': READERS,
  'POST /console/outbox/:id/retry': DESK,
  'GET /console/quarantine': READERS,
  'GET /console/quarantine/:id': READERS,
  'GET /console/quarantine/:id/raw': READERS,
  'POST /console/quarantine/:id/file': DESK,
  'POST /console/quarantine/:id/dismiss': DESK,
  'GET /:lang/transparency': 'public',
  'GET /:lang/transparency/:period': 'public',
  'GET /:lang/transparency/:period/:file': 'public',
  'GET /console/transparency': COUNSEL,
  'POST /console/transparency/:period/publish': COUNSEL,
  'GET /': 'public',
  'GET /:lang': 'public',
  'GET /:lang/': 'public',
  'GET /:lang/litigation': 'public',
  'GET /:lang/stories': 'public',
  'GET /:lang/topics/:slug': 'public',
  'GET /sitemap.xml': 'public',
  'GET /sitemap-pages.xml': 'public',
  'GET /sitemap-notices-:page.xml': 'public',
  'GET /api/v1/notices': 'public',
  'GET /:lang/notices': 'public',
  'GET /:lang/notices/feed.atom': 'public',
  'GET /:lang/notices/:reference': 'public',
  'GET /console/notices': READERS,
  'GET /console/notices/:reference': READERS,
  'POST /console/notices/:reference/text': COUNSEL,
  'POST /console/notices/:reference/targets': COUNSEL,
  'POST /console/notices/:reference/publish': COUNSEL,
  'POST /console/notices/:reference/withdraw': COUNSEL,
  'GET /media/:file': 'public',
  'GET /console/media': EDITORS,
  'POST /console/media': EDITORS,
  'GET /console/media/:id': EDITORS,
  'GET /console/media/:id/file': EDITORS,
  'POST /console/media/:id': EDITORS,
  'POST /console/media/:id/publish': EDITORS,
  'POST /console/media/:id/withdraw': EDITORS,
  'GET /console/awareness': EDITORS,
  'POST /console/awareness': EDITORS,
  'GET /console/awareness/:id': EDITORS,
  'POST /console/awareness/:id': EDITORS,
  'POST /console/awareness/:id/delete': EDITORS,
  'GET /:lang/awareness': 'public',
  'GET /:lang/connect': 'public',
  'POST /:lang/connect': 'public',
  'GET /:lang/connect/confirm': 'public',
  'POST /:lang/connect/confirm': 'public',
  'GET /:lang/connect/unsubscribe': 'public',
  'POST /:lang/connect/unsubscribe': 'public',
  'GET /console/connect': EDITORS,
  'GET /console/connect/export.csv': EDITORS,
  'GET /console/connect/export.json': EDITORS,
  'POST /console/connect/:id/wipe': EDITORS,
  'POST /console/connect/wipe-all': EDITORS,
  'GET /:lang/news': 'public',
  'GET /:lang/feed.atom': 'public',
  'GET /:lang/news/:slug': 'public',
  'GET /console/news': EDITORS,
  'GET /console/news/new': EDITORS,
  'POST /console/news': EDITORS,
  'GET /console/news/:id/:lang': EDITORS,
  'POST /console/news/:id/:lang': EDITORS,
  'POST /console/news/:id/:lang/publish': EDITORS,
  'POST /console/news/:id/:lang/schedule': EDITORS,
  'POST /console/news/:id/:lang/unpublish': EDITORS,
  'POST /console/news/:id/:lang/restore': EDITORS,
};

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

describe('every route, with every role and without a session', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const routes = routeTable({ db: undefined as never, backend: 'pglite', close: async () => {} }, loadConfig({}));
  /** A session of its own for each route and role: a route that ends sessions cannot spoil the others. */
  const logins = new Map<string, StaffLogin>();
  const tokens = {} as Record<'submit' | 'read', string>;
  const samples: Record<string, string> = { lang: 'en', kind: 'copyright', period: '2026', name: 'missing.css', token: 'x'.repeat(43), slug: 'privacy' };

  before(async () => {
    database = await createTestDatabase();
    const handle = await database.open();
    for (const route of routes) for (const role of ROLES) logins.set(`${key(route)} ${role}`, await createStaffLogin(handle.db, role, `${role}-${logins.size}@walk.example`));
    tokens.submit = (await createApiToken(handle.db, 'walk', 'submit', 'test')).token;
    tokens.read = (await createApiToken(handle.db, 'walk', 'read', 'test')).token;
    const [created] = await submitRequests(handle.db, [{ kind: 'copyright', requester: { name: 'A', email: 'a@example.org' }, text: 'notice', targets: [{ url: 'https://en.wikipedia.org/wiki/X' }], attachments: [{ filename: 'a.txt', content_base64: Buffer.from('hello').toString('base64') }] }], { channel: 'api', actor: 'test' });
    samples.reference = created!.reference;
    samples.id = String((await handle.db.selectFrom('request_attachments').select('id').executeTakeFirstOrThrow()).id);
    await handle.close();
    server = await startServer(database.env);
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('lists every route of the table here, with the roles its permission names', () => {
    const inTable = routes.map(key).sort();
    assert.deepEqual(inTable, Object.keys(EXPECTED).sort(), 'a route was added or removed: say here who may call it');
    for (const route of routes) {
      const expected = EXPECTED[key(route)]!;
      if (typeof expected === 'string') assert.equal(route.permission, expected, key(route));
      else assert.deepEqual([...(CONSOLE_PERMISSIONS as Record<string, readonly Role[]>)[route.permission]!].sort(), [...expected].sort(), `${key(route)} (${route.permission})`);
    }
  });

  const url = (pattern: string) => pattern.replace(/:([a-z]+)/g, (_, name: string) => encodeURIComponent(samples[name] ?? '1'));

  const call = (route: { method: string; url: string }, headers: Record<string, string>, csrf?: string) =>
    fetch(`${server.url}${url(route.url)}`, {
      method: route.method,
      redirect: 'manual',
      headers: route.method === 'GET' ? headers : { ...headers, 'content-type': route.url.startsWith('/api/') ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: route.method === 'GET' ? undefined : route.url.startsWith('/api/') ? '{}' : new URLSearchParams(csrf ? { _csrf: csrf } : {}).toString(),
    });

  it('refuses console routes to visitors without a session and to roles without the permission', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[key(route)]!;
      if (typeof expected === 'string') continue;
      const anonymous = await call(route, {});
      await anonymous.arrayBuffer();
      if (anonymous.status !== 303 || !anonymous.headers.get('location')?.startsWith('/console/login?next=')) failures.push(`${key(route)} without a session: ${anonymous.status}`);
      for (const role of ROLES) {
        const login = logins.get(`${key(route)} ${role}`)!;
        const response = await call(route, { cookie: login.cookie }, login.csrf);
        const body = await response.text();
        const denied = response.status === 403 || (response.status === 303 && !!response.headers.get('location')?.startsWith('/console/login?next='));
        if (expected.includes(role) === denied) failures.push(`${key(route)} as ${role}: ${response.status} ${body.slice(0, 120)}`);
        if (response.status >= 500) failures.push(`${key(route)} as ${role}: ${response.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('refuses API routes without the right token, and never asks public routes for one', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[key(route)]!;
      // /metrics answers by token or client address; test/flows/metrics.test.ts covers it.
      if (typeof expected !== 'string' || expected === 'metrics') continue;
      const none = await call(route, {});
      await none.arrayBuffer();
      if (expected === 'public') {
        if ([401, 403].includes(none.status) || none.status >= 500) failures.push(`${key(route)} (public): ${none.status}`);
        continue;
      }
      if (none.status !== 401) failures.push(`${key(route)} without a token: ${none.status}`);
      const scope = expected === 'api:submit' ? 'submit' : 'read';
      const other = scope === 'submit' ? 'read' : 'submit';
      const wrong = await call(route, { authorization: `Bearer ${tokens[other]}` });
      await wrong.arrayBuffer();
      if (wrong.status !== 403) failures.push(`${key(route)} with a ${other} token: ${wrong.status}`);
      const right = await call(route, { authorization: `Bearer ${tokens[scope]}` });
      await right.arrayBuffer();
      if ([401, 403].includes(right.status) || right.status >= 500) failures.push(`${key(route)} with a ${scope} token: ${right.status}`);
    }
    assert.deepEqual(failures, []);
  });
});

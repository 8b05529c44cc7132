import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SUBSCRIBER_STATES, type SubscriberState } from '../../connect/model.ts';
import { assertCanManageSubscribers } from '../../connect/policy.ts';
import {
  SUBSCRIBERS_PER_PAGE,
  SubscriberNotFoundError,
  countSubscribers,
  listSubscribers,
  recordExport,
  subscribersCsv,
  subscribersJson,
  wipeAllSubscribers,
  wipeSubscriber,
} from '../../connect/subscribers.ts';
import { SubscribersPage } from '../../console/connect/subscribers-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { FieldIssue } from '../../errors.ts';
import { connectPages } from '../handlers/connect.tsx';
import { formValues } from '../handlers/request-forms.tsx';
import type { Route, RouteContext } from '../routes.ts';

const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
const ListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 8 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

/** Reads the list's filters; a value the list does not offer is a problem shown above it. */
function listFilters(query: Record<string, string | undefined>): { state: SubscriberState | undefined; page: number; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const state = query.state ? (SUBSCRIBER_STATES.find((name) => name === query.state) ?? null) : undefined;
  if (state === null) issues.push({ field: 'state', message: 'unknown state', code: 'connect-console-bad-state', params: [String(query.state).slice(0, 20)] });
  const page = query.page ? Number(query.page) : 1;
  const pageOk = Number.isInteger(page) && page >= 1;
  if (!pageOk) issues.push({ field: 'page', message: 'not a page number', code: 'connect-console-bad-page', params: [String(query.page).slice(0, 8)] });
  return { state: state ?? undefined, page: pageOk ? page : 1, issues };
}

/** Sends an export as a download, streamed chunk by chunk, never cached. */
function sendExport(reply: FastifyReply, type: string, filename: string, body: AsyncGenerator<string>) {
  return reply.status(200).header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(Readable.from(body));
}

/**
 * Connect, the newsletter: the public sign-up at `/{lang}/connect` with its confirmation and
 * unsubscribe pages, and the console's list of subscribers with exports and wiping, for the
 * roles holding `subscribers:manage`.
 */
export function connectRoutes({ handle }: RouteContext): Route[] {
  const { db } = handle;
  const pages = connectPages(handle);
  const site = { tags: ['site'], params: LangParams };
  const link = { tags: ['site'], params: LangParams, querystring: TokenQuery };

  async function showList(request: FastifyRequest, reply: FastifyReply, status: number, filters: { state: SubscriberState | undefined; page: number }, issues: FieldIssue[] = []) {
    const counts = await countSubscribers(db);
    const { items, total } = await listSubscribers(db, filters);
    const view = { counts, ...filters, items, total, pages: Math.max(1, Math.ceil(total / SUBSCRIBERS_PER_PAGE)) };
    const done = (request.query as { done?: string } | undefined)?.done;
    return sendConsolePage(reply, status, <SubscribersPage context={consoleContext(request)} view={view} issues={issues} done={status === 200 ? done : undefined} />);
  }

  return [
    { method: 'GET', url: '/:lang/connect', permission: 'public', summary: 'Sign up for the newsletter', hidden: true, schema: site, handler: pages.show },
    { method: 'POST', url: '/:lang/connect', permission: 'public', summary: 'Send the newsletter sign-up; the answer is the same for every address', hidden: true, schema: site, handler: pages.submit },
    { method: 'GET', url: '/:lang/connect/confirm', permission: 'public', summary: 'The landing page of a confirmation link: a button, since a visit confirms nothing', hidden: true, unlisted: true, schema: link, handler: pages.confirmPage },
    { method: 'POST', url: '/:lang/connect/confirm', permission: 'public', summary: 'Confirm a sign-up', hidden: true, schema: link, handler: pages.confirm },
    { method: 'GET', url: '/:lang/connect/unsubscribe', permission: 'public', summary: 'The page of an unsubscribe link: a button, since a visit unsubscribes no one', hidden: true, unlisted: true, schema: link, handler: pages.unsubscribePage },
    { method: 'POST', url: '/:lang/connect/unsubscribe', permission: 'public', summary: 'Unsubscribe (the page’s button, or a mail program’s one-click POST, RFC 8058)', hidden: true, schema: link, handler: pages.unsubscribe },
    {
      method: 'GET',
      url: '/console/connect',
      permission: 'subscribers:manage',
      summary: 'Newsletter subscribers: counts, the list a page at a time, exports and wiping',
      hidden: true,
      schema: { querystring: ListQuery },
      handler: async (request, reply) => {
        assertCanManageSubscribers(request.staff!);
        const { issues, ...filters } = listFilters(request.query as Record<string, string | undefined>);
        return showList(request, reply, issues.length > 0 ? 400 : 200, filters, issues);
      },
    },
    {
      method: 'GET',
      url: '/console/connect/export.csv',
      permission: 'subscribers:manage',
      summary: 'Every subscriber as CSV; the export is recorded in the audit trail',
      hidden: true,
      handler: async (request, reply) => {
        assertCanManageSubscribers(request.staff!);
        await recordExport(db, request.staff!, 'csv');
        return sendExport(reply, 'text/csv; charset=utf-8', `subscribers-${new Date().toISOString().slice(0, 10)}.csv`, subscribersCsv(db));
      },
    },
    {
      method: 'GET',
      url: '/console/connect/export.json',
      permission: 'subscribers:manage',
      summary: 'Every subscriber as JSON; the export is recorded in the audit trail',
      hidden: true,
      handler: async (request, reply) => {
        assertCanManageSubscribers(request.staff!);
        await recordExport(db, request.staff!, 'json');
        return sendExport(reply, 'application/json; charset=utf-8', `subscribers-${new Date().toISOString().slice(0, 10)}.json`, subscribersJson(db));
      },
    },
    {
      method: 'POST',
      url: '/console/connect/:id/wipe',
      permission: 'subscribers:manage',
      summary: 'Delete one subscriber and their mail for good',
      hidden: true,
      schema: { params: Type.Object({ id: Type.String({ maxLength: 20 }) }) },
      handler: async (request, reply) => {
        const staff = request.staff!;
        assertCanManageSubscribers(staff);
        const { id } = request.params as { id: string };
        if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new SubscriberNotFoundError(id);
        if (formValues(request.body).confirm !== 'yes') {
          return showList(request, reply, 400, { state: undefined, page: 1 }, [{ field: 'confirm', message: 'tick the box to confirm', code: 'connect-console-wipe-unconfirmed' }]);
        }
        await wipeSubscriber(db, staff, Number(id));
        return reply.redirect('/console/connect?done=wiped', 303);
      },
    },
    {
      method: 'POST',
      url: '/console/connect/wipe-all',
      permission: 'subscribers:manage',
      summary: 'Delete every subscriber and their mail for good, once the count shown is typed back',
      hidden: true,
      handler: async (request, reply) => {
        const staff = request.staff!;
        assertCanManageSubscribers(staff);
        const counts = await countSubscribers(db);
        const total = counts.pending + counts.confirmed;
        const typed = (formValues(request.body).confirm_count ?? '').trim();
        if (typed !== String(total)) {
          return showList(request, reply, 400, { state: undefined, page: 1 }, [{ field: 'confirm_count', message: `type ${total} to confirm`, code: 'connect-console-wipe-all-unconfirmed', params: [total] }]);
        }
        await wipeAllSubscribers(db, staff);
        return reply.redirect('/console/connect?done=wiped-all', 303);
      },
    },
  ];
}

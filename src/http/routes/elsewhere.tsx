import type { FastifyReply, FastifyRequest } from 'fastify';
import { FeedsPage } from '../../console/elsewhere/feeds-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { addFeed, listFeedStatus, removeFeed } from '../../elsewhere/manage-feeds.ts';
import { ValidationError, type FieldIssue } from '../../errors.ts';
import { formValues } from '../handlers/request-forms.tsx';
import { siteContentChanged } from '../../site/page-cache.ts';
import type { Route, RouteContext } from '../routes.ts';

/** The console's management of the "Elsewhere" feeds, for those who edit the public site. */
export function elsewhereRoutes({ handle }: RouteContext): Route[] {
  const db = handle.db;
  const show = async (request: FastifyRequest, reply: FastifyReply, status: number, issues: readonly FieldIssue[] = [], values: Record<string, string> = {}) =>
    sendConsolePage(reply, status, <FeedsPage context={consoleContext(request)} feeds={await listFeedStatus(db)} issues={issues} values={values} done={status === 200 && (request.query as { done?: string }).done === 'yes'} />);
  return [
    { method: 'GET', url: '/console/elsewhere', permission: 'site:edit', summary: 'The sister sites’ feeds and how their last fetch went', hidden: true, handler: (request, reply) => show(request, reply, 200) },
    {
      method: 'POST',
      url: '/console/elsewhere/feeds',
      permission: 'site:edit',
      summary: 'Add a feed',
      hidden: true,
      handler: async (request, reply) => {
        const values = formValues(request.body);
        try {
          await addFeed(db, request.staff!, values);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return show(request, reply, 400, error.issues, { name: values.name ?? '', url: values.url ?? '' });
        }
        siteContentChanged();
        return reply.redirect('/console/elsewhere?done=yes', 303);
      },
    },
    {
      method: 'POST',
      url: '/console/elsewhere/feeds/:id/remove',
      permission: 'site:edit',
      summary: 'Remove a feed and its links',
      hidden: true,
      schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,12}$' } }, required: ['id'] } },
      handler: async (request, reply) => {
        await removeFeed(db, request.staff!, Number((request.params as { id: string }).id));
        siteContentChanged();
        return reply.redirect('/console/elsewhere?done=yes', 303);
      },
    },
  ];
}

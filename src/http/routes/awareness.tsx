import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { addSurvey, deleteSurvey, editSurvey, listSurveys, loadSurvey, readSurveyInput } from '../../awareness/surveys.ts';
import { SurveyEditPage, SurveyListPage } from '../../console/awareness/surveys-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { ValidationError } from '../../errors.ts';
import { siteContentChanged } from '../../site/page-cache.ts';
import type { Route, RouteContext } from '../routes.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 20 }) });
const idOf = (request: FastifyRequest) => {
  const text = (request.params as { id: string }).id;
  return /^\d{1,15}$/.test(text) ? Number(text) : 0;
};

function fieldsOf(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && key.length < 40) fields[key] = text.slice(0, 1000);
  }
  return fields;
}

const DONE = /^(added|edited|deleted)$/;

/** The awareness survey's console: results added, changed and deleted; the public pages chart them. */
export function awarenessRoutes({ handle }: RouteContext): Route[] {
  const db = handle.db;
  return [
    {
      method: 'GET',
      url: '/console/awareness',
      permission: 'site:edit',
      summary: 'Awareness survey results, and the form to add one',
      hidden: true,
      handler: async (request, reply) => {
        const done = (request.query as { done?: string } | undefined)?.done;
        return sendConsolePage(reply, 200, <SurveyListPage context={consoleContext(request)} rows={await listSurveys(db)} done={done && DONE.test(done) ? done : undefined} />);
      },
    },
    {
      method: 'POST',
      url: '/console/awareness',
      permission: 'site:edit',
      summary: 'Add a survey result',
      hidden: true,
      handler: async (request, reply) => {
        const fields = fieldsOf(request.body);
        try {
          await addSurvey(db, request.staff!, readSurveyInput(fields));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return sendConsolePage(reply, 400, <SurveyListPage context={consoleContext(request)} rows={await listSurveys(db)} issues={error.issues} values={fields} />);
        }
        siteContentChanged();
        return reply.redirect('/console/awareness?done=added', 303);
      },
    },
    {
      method: 'GET',
      url: '/console/awareness/:id',
      permission: 'site:edit',
      summary: 'A survey result to change or delete',
      hidden: true,
      schema: { params: IdParams },
      handler: async (request, reply) => sendConsolePage(reply, 200, <SurveyEditPage context={consoleContext(request)} row={await loadSurvey(db, idOf(request))} />),
    },
    {
      method: 'POST',
      url: '/console/awareness/:id',
      permission: 'site:edit',
      summary: 'Change a survey result',
      hidden: true,
      schema: { params: IdParams },
      handler: async (request, reply) => {
        const fields = fieldsOf(request.body);
        const row = await loadSurvey(db, idOf(request));
        try {
          await editSurvey(db, request.staff!, row.id, readSurveyInput(fields));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return sendConsolePage(reply, 400, <SurveyEditPage context={consoleContext(request)} row={row} issues={error.issues} values={fields} />);
        }
        siteContentChanged();
        return reply.redirect('/console/awareness?done=edited', 303);
      },
    },
    {
      method: 'POST',
      url: '/console/awareness/:id/delete',
      permission: 'site:edit',
      summary: 'Delete a survey result',
      hidden: true,
      schema: { params: IdParams },
      handler: async (request, reply) => {
        await deleteSurvey(db, request.staff!, idOf(request));
        siteContentChanged();
        return reply.redirect('/console/awareness?done=deleted', 303);
      },
    },
  ];
}

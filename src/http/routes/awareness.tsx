import { addSurvey, deleteSurvey, editSurvey, listSurveys, loadSurvey, readSurveyInput } from '../../awareness/surveys.ts';
import { SurveyEditPage, SurveyListPage } from '../../console/awareness/surveys-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { ValidationError } from '../../errors.ts';
import { siteContentChanged } from '../../site/page-cache.ts';
import { IdParams, formFields, idParam } from '../console-forms.ts';
import type { Route, RouteContext } from '../routes.ts';

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
        const fields = formFields(request.body, 1000);
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
      handler: async (request, reply) => sendConsolePage(reply, 200, <SurveyEditPage context={consoleContext(request)} row={await loadSurvey(db, idParam(request))} />),
    },
    {
      method: 'POST',
      url: '/console/awareness/:id',
      permission: 'site:edit',
      summary: 'Change a survey result',
      hidden: true,
      schema: { params: IdParams },
      handler: async (request, reply) => {
        const fields = formFields(request.body, 1000);
        const row = await loadSurvey(db, idParam(request));
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
        await deleteSurvey(db, request.staff!, idParam(request));
        siteContentChanged();
        return reply.redirect('/console/awareness?done=deleted', 303);
      },
    },
  ];
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { WORK_FORMS, workOnCase, type WorkForm } from '../../assistance/case-work.ts';
import { CASES_PER_PAGE, DEADLINE_FILTERS, STATE_FILTERS, listCases, type DeadlineFilter, type StateFilter } from '../../assistance/list-cases.ts';
import { isCaseReference } from '../../assistance/model.ts';
import { assertCanSeeCases, assertCanWorkOnCases, canWorkOnCases } from '../../assistance/policy.ts';
import { CaseNotFoundError, viewCase } from '../../assistance/view-case.ts';
import { CaseListPage } from '../../console/assistance/case-list.tsx';
import { CasePage, type FormProblems } from '../../console/assistance/case-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { ValidationError, type FieldIssue } from '../../errors.ts';
import { legalHelpForm } from '../handlers/legal-help.tsx';
import { formValues } from '../handlers/request-forms.tsx';
import type { Route, RouteContext } from '../routes.ts';

const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
const CaseParams = Type.Object({ reference: Type.String({ maxLength: 40 }) });
const WorkParams = Type.Object({ reference: Type.String({ maxLength: 40 }), form: Type.String({ maxLength: 20 }) });
const ListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 20 })),
  deadline: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 8 })),
});

function caseReference(request: FastifyRequest): string {
  const { reference } = request.params as { reference: string };
  const normalized = reference.toUpperCase();
  if (!isCaseReference(normalized)) throw new CaseNotFoundError(reference);
  return normalized;
}

/** Reads the list's filters; a value the list does not offer is a problem shown above it. */
function listFilters(query: Record<string, string | undefined>): { filters: { state: StateFilter; deadline: DeadlineFilter; page: number }; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const state = (query.state || 'open') as StateFilter;
  const deadline = (query.deadline || 'any') as DeadlineFilter;
  const page = query.page ? Number(query.page) : 1;
  if (!STATE_FILTERS.includes(state)) issues.push({ field: 'state', message: 'unknown state', code: 'assistance-list-bad-state', params: [String(query.state).slice(0, 20)] });
  if (!DEADLINE_FILTERS.includes(deadline)) issues.push({ field: 'deadline', message: 'unknown deadline filter', code: 'assistance-list-bad-deadline', params: [String(query.deadline).slice(0, 20)] });
  if (!Number.isInteger(page) || page < 1) issues.push({ field: 'page', message: 'not a page number', code: 'assistance-list-bad-page', params: [String(query.page).slice(0, 8)] });
  const safe = { state: STATE_FILTERS.includes(state) ? state : 'open', deadline: DEADLINE_FILTERS.includes(deadline) ? deadline : 'any', page: issues.some((issue) => issue.field === 'page') ? 1 : page } as const;
  return { filters: safe, issues };
}

/**
 * Contributor assistance: the public form at `/{lang}/legal-help`, and the console's cases for
 * counsel and administrators. Every view of a case page is recorded in the audit trail.
 */
export function assistanceRoutes(context: RouteContext): Route[] {
  const { handle } = context;
  const form = legalHelpForm(handle);

  async function showCase(request: FastifyRequest, reply: FastifyReply, reference: string, status: number, problems?: FormProblems) {
    const staff = request.staff!;
    const view = await viewCase(handle.db, reference, staff.email);
    const { saved, unchanged } = request.query as { saved?: string; unchanged?: string };
    const notice = status === 200 ? (WORK_FORMS.find((name) => name === saved) ? { form: saved as WorkForm, changed: true } : WORK_FORMS.find((name) => name === unchanged) ? { form: unchanged as WorkForm, changed: false } : undefined) : undefined;
    return sendConsolePage(reply, status, <CasePage context={consoleContext(request)} view={view} canWork={canWorkOnCases(staff)} problems={problems} notice={notice} />);
  }

  return [
    { method: 'GET', url: '/:lang/legal-help', permission: 'public', summary: 'Contributors ask for legal help', hidden: true, schema: { tags: ['site'], params: LangParams }, handler: form.show },
    { method: 'POST', url: '/:lang/legal-help', permission: 'public', summary: 'Send the legal-help form', hidden: true, schema: { tags: ['site'], params: LangParams }, handler: form.submit },
    {
      method: 'GET',
      url: '/console/assistance',
      permission: 'assistance:read',
      summary: 'Legal-help cases, soonest court deadline first, filtered by state and deadline',
      hidden: true,
      schema: { querystring: ListQuery },
      handler: async (request, reply) => {
        assertCanSeeCases(request.staff!);
        const { filters, issues } = listFilters(request.query as Record<string, string | undefined>);
        const { items, total } = await listCases(handle.db, filters);
        const pages = Math.max(1, Math.ceil(total / CASES_PER_PAGE));
        return sendConsolePage(reply, issues.length > 0 ? 400 : 200, <CaseListPage context={consoleContext(request)} filters={filters} items={items} total={total} pages={pages} issues={issues} />);
      },
    },
    {
      method: 'GET',
      url: '/console/assistance/:reference',
      permission: 'assistance:read',
      summary: "A legal-help case: the threat, the contributor's contact data, the desk's work; each view is audited",
      hidden: true,
      schema: { params: CaseParams, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })), unchanged: Type.Optional(Type.String({ maxLength: 20 })) }) },
      handler: async (request, reply) => {
        assertCanSeeCases(request.staff!);
        return showCase(request, reply, caseReference(request), 200);
      },
    },
    {
      method: 'POST',
      url: '/console/assistance/:reference/:form',
      permission: 'assistance:work',
      summary: 'Record eligibility, counsel, funding, the outcome or a state; link or unlink a request',
      hidden: true,
      schema: { params: WorkParams },
      handler: async (request, reply) => {
        const staff = request.staff!;
        assertCanWorkOnCases(staff);
        const reference = caseReference(request);
        const name = WORK_FORMS.find((known) => known === (request.params as { form: string }).form);
        if (!name) throw new CaseNotFoundError(reference);
        const values = formValues(request.body);
        try {
          const changed = await workOnCase(handle.db, reference, name, values, staff.email);
          return reply.redirect(`/console/assistance/${reference}?${changed ? 'saved' : 'unchanged'}=${name}#${name}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return showCase(request, reply, reference, 400, { form: name, issues: [...error.issues], values });
        }
      },
    },
  ];
}

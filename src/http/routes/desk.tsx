import type { FastifyReply, FastifyRequest } from 'fastify';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { QueuePage } from '../../console/desk/queue-page.tsx';
import { RequestPage, type FormProblem } from '../../console/desk/request-page.tsx';
import { addNote } from '../../desk/add-note.ts';
import { assignRequest, assignableStaff } from '../../desk/assign-request.ts';
import { findRequestForStaff } from '../../desk/find-request.ts';
import { linkCounterNotice, linkDuplicate } from '../../desk/link-requests.ts';
import { loadDeskRequest } from '../../desk/load-request.ts';
import { moveRequest, nextStates } from '../../desk/move-request.ts';
import { notifyAffectedUser } from '../../desk/notify-users.ts';
import { canDecideRequest, canWorkOnRequest } from '../../desk/policy.ts';
import { listQueue, type QueueFilters } from '../../desk/queue.ts';
import { recordDecision } from '../../desk/record-decision.ts';
import { recordEvaluation, type EvaluationInput } from '../../desk/record-evaluation.ts';
import { fillTemplate, findTemplate, listTemplates, placeholderValues } from '../../desk/reply-templates.ts';
import { sendReply } from '../../desk/send-reply.ts';
import { saveTemplate } from '../../desk/save-template.ts';
import { kindDeadlines, setKindDeadlines } from '../../desk/deadlines.ts';
import { DeskSettingsPage } from '../../console/desk/settings-page.tsx';
import { DESK_KINDS } from '../../requests/model.ts';
import { readAttachment } from '../../attachments/storage.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { replyLanguage } from '../../intake/acknowledge.ts';
import { STATES, type State } from '../../requests/model.ts';
import { formFields } from '../console-forms.ts';
import type { Route, RouteContext } from '../routes.ts';

function referenceOf(request: FastifyRequest): string {
  return (request.params as { reference: string }).reference;
}

const staffName = (s: { display_name: string | null; email: string }) => s.display_name ?? s.email;

/** Renders the request page, with a failed form's problems and values when there is one. */
async function renderRequest(handle: RouteContext['handle'], request: FastifyRequest, reply: FastifyReply, status: number, problem?: FormProblem) {
  const context = consoleContext(request);
  const staff = request.staff!;
  const data = await loadDeskRequest(handle.db, staff, referenceOf(request));
  const query = request.query as Record<string, string | undefined>;
  const templates = await listTemplates(handle.db);
  const names = [...new Set(templates.map((template) => template.name))].map((name) => ({ name, languages: templates.filter((x) => x.name === name).map((x) => x.language) }));
  const language = query.lang && LANGUAGES.includes(query.lang) ? query.lang : replyLanguage(data.request.requester_language);
  const chosen = query.template ? await findTemplate(handle.db, query.template, language) : undefined;
  const values = placeholderValues(data.request, language, staff.displayName ?? staff.email);
  const staffOptions = (await assignableStaff(handle.db)).map((s) => ({ id: s.id, name: staffName(s) }));
  const page = (
    <RequestPage
      context={context}
      data={data}
      can={{ work: canWorkOnRequest(staff, data.request), decide: canDecideRequest(staff, data.request) }}
      staffOptions={staffOptions}
      nextStates={nextStates(data.request.state, data.request.kind)}
      templates={names}
      reply={{ template: chosen?.name ?? '', language, subject: chosen ? fillTemplate(chosen.subject, values) : '', body: chosen ? fillTemplate(chosen.body, values) : '' }}
      problem={problem}
      done={status === 200 && typeof query.done === 'string' && /^[a-z-]{1,30}$/.test(query.done) ? query.done : undefined}
    />
  );
  return sendConsolePage(reply, status, page);
}

/**
 * The pattern of every action on a request: do it, then go back to the page (303) saying it is
 * done; a problem with the input shows the page again with the form's problems and what was typed.
 */
function action(handle: RouteContext['handle'], form: string, anchor: string, work: (request: FastifyRequest, fields: Record<string, string>) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = formFields(request.body);
    try {
      await work(request, fields);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderRequest(handle, request, reply, 400, { form, issues: error.issues, values: fields });
    }
    return reply.redirect(`/console/requests/${encodeURIComponent(referenceOf(request))}?done=${form}#${anchor}`, 303);
  };
}

const nullable = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

async function renderSettings(handle: RouteContext['handle'], request: FastifyRequest, reply: FastifyReply, status: number, problem?: FormProblem) {
  const context = consoleContext(request);
  const done = status === 200 && (request.query as { done?: string }).done === 'yes' ? 'yes' : undefined;
  const page = <DeskSettingsPage context={context} deadlines={await kindDeadlines(handle.db)} templates={await listTemplates(handle.db)} problem={problem} done={done} />;
  return sendConsolePage(reply, status, page);
}

/** The desk's settings: deadlines per kind and reply templates. */
function settingsRoutes(handle: RouteContext['handle']): Route[] {
  const save = (form: string, anchor: string, run: (request: FastifyRequest, fields: Record<string, string>) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = formFields(request.body);
    try {
      await run(request, fields);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderSettings(handle, request, reply, 400, { form, issues: error.issues, values: fields });
    }
    return reply.redirect(`/console/desk?done=yes#${anchor}`, 303);
  };
  return [
    { method: 'GET', url: '/console/desk', permission: 'desk:configure', summary: 'Deadlines per kind and reply templates', hidden: true, handler: (request, reply) => renderSettings(handle, request, reply, 200) },
    {
      method: 'POST',
      url: '/console/desk/deadlines',
      permission: 'desk:configure',
      summary: 'Change the deadline of each kind',
      hidden: true,
      handler: save('deadlines', 'deadlines', (request, f) =>
        setKindDeadlines(handle.db, Object.fromEntries(DESK_KINDS.filter((kind) => f[`hours_${kind}`] !== undefined).map((kind) => [kind, { hours: f[`hours_${kind}`] ?? '', basis: f[`basis_${kind}`] ?? '' }])), `staff:${request.staff!.email}`),
      ),
    },
    {
      method: 'POST',
      url: '/console/desk/templates',
      permission: 'desk:configure',
      summary: 'Create or change a reply template in one language',
      hidden: true,
      handler: save('template', 'template-form', (request, f) => saveTemplate(handle.db, request.staff!, { name: f.name ?? '', language: f.language ?? '', subject: f.subject ?? '', body: f.body ?? '' })),
    },
  ];
}

/** The desk: the queue, a request's page and every action on it. */
export function deskRoutes({ handle }: RouteContext): Route[] {
  const db = handle.db;
  const ref = { type: 'object', properties: { reference: { type: 'string', maxLength: 64 } }, required: ['reference'] };
  const work = (url: string, form: string, anchor: string, permission: 'requests:work' | 'requests:decide', summary: string, run: (request: FastifyRequest, fields: Record<string, string>) => Promise<unknown>): Route => ({
    method: 'POST',
    url: `/console/requests/:reference/${url}`,
    permission,
    summary,
    hidden: true,
    schema: { params: ref },
    handler: action(handle, form, anchor, run),
  });
  return [
    ...settingsRoutes(handle),
    {
      method: 'GET',
      url: '/console/requests',
      permission: 'requests:read',
      summary: 'The queue of requests, with filters and deadline warnings',
      hidden: true,
      handler: async (request, reply) => {
        const context = consoleContext(request);
        const filters = formFields(request.query) as QueueFilters;
        const staffOptions = (await assignableStaff(db)).map((s) => ({ id: s.id, name: staffName(s) }));
        try {
          const result = await listQueue(db, request.staff!, filters);
          return sendConsolePage(reply, 200, <QueuePage context={context} filters={filters} {...result} staffOptions={staffOptions} issues={[]} />);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return sendConsolePage(reply, 400, <QueuePage context={context} filters={filters} items={[]} hasMore={false} page={1} staffOptions={staffOptions} issues={error.issues} />);
        }
      },
    },
    {
      method: 'GET',
      url: '/console/requests/:reference',
      permission: 'requests:read',
      summary: "A request's page: its facts, correspondence, notes, the work on it and its timeline",
      hidden: true,
      schema: { params: ref },
      handler: (request, reply) => renderRequest(handle, request, reply, 200),
    },
    {
      method: 'GET',
      url: '/console/requests/:reference/attachments/:id',
      permission: 'requests:read',
      summary: 'A file that came with a request, always as a download',
      hidden: true,
      schema: { params: { type: 'object', properties: { reference: { type: 'string', maxLength: 64 }, id: { type: 'string', pattern: '^[0-9]{1,12}$' } }, required: ['reference', 'id'] } },
      handler: async (request, reply) => {
        const found = await findRequestForStaff(db, request.staff!, referenceOf(request));
        const id = Number((request.params as { id: string }).id);
        const owner = await db.selectFrom('request_attachments').select('request_id').where('id', '=', id).executeTakeFirst();
        const file = owner?.request_id === found.id ? await readAttachment(db, id) : undefined;
        if (!file) throw new NotFoundError('desk-error-attachment-not-found', [id]);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    },
    work('notes', 'note', 'notes-heading', 'requests:work', 'Keep an internal note (never sent)', (request, f) => addNote(db, request.staff!, referenceOf(request), f.note ?? '')),
    work('reply', 'reply', 'mail-heading', 'requests:work', 'Reply to the requester by e-mail', (request, f) =>
      sendReply(db, request.staff!, referenceOf(request), { language: f.language ?? '', subject: f.subject ?? '', body: f.body ?? '', template: nullable(f.template), waitForAnswer: f.wait === 'yes' }),
    ),
    work('evaluation', 'evaluation', 'evaluation-heading', 'requests:work', 'Record the structured evaluation', (request, f) => recordEvaluation(db, request.staff!, referenceOf(request), f as EvaluationInput)),
    work('state', 'move', 'workflow-heading', 'requests:work', 'Move a request along its lifecycle', (request, f) => {
      if (!f.state || !(STATES as readonly string[]).includes(f.state)) throw new ValidationError([{ field: 'state', message: 'is not a state', code: 'desk-error-filter', params: ['state'] }]);
      return moveRequest(db, request.staff!, referenceOf(request), f.state as State);
    }),
    work('assignee', 'assign', 'workflow-heading', 'requests:work', 'Assign a request to a member of staff', (request, f) => {
      const value = nullable(f.assignee);
      if (value !== null && !/^\d{1,12}$/.test(value)) throw new ValidationError([{ field: 'assignee', message: 'cannot work on this request', code: 'desk-error-assignee' }]);
      return assignRequest(db, request.staff!, referenceOf(request), value === null ? null : Number(value));
    }),
    work('duplicate-of', 'duplicate', 'workflow-heading', 'requests:work', 'Link a request as a duplicate of another (empty: unlink)', (request, f) => linkDuplicate(db, request.staff!, referenceOf(request), nullable(f.duplicate_of))),
    work('counter-notice-to', 'counter', 'workflow-heading', 'requests:work', 'Link a counter-notice to the notice it answers (empty: unlink)', (request, f) => linkCounterNotice(db, request.staff!, referenceOf(request), nullable(f.counter_notice_to))),
    work('decision', 'decision', 'facts-heading', 'requests:decide', 'Record the decision with its rationale', (request, f) =>
      recordDecision(db, request.staff!, referenceOf(request), { outcome: f.outcome, rationale: f.rationale, accountsActuallyAffected: f.accounts_actually_affected }),
    ),
    work('notifications', 'notify', 'notify-heading', 'requests:decide', 'Notify an affected user, or record that the law bars it', (request, f) =>
      notifyAffectedUser(db, request.staff!, referenceOf(request), { account: f.account ?? '', mode: f.mode ?? '', email: f.email, language: f.language, subject: f.subject, body: f.body, barredReason: f.barred_reason }),
    ),
  ];
}


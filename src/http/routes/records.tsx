import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorNames } from '../../audit/actor-names.ts';
import { auditCsv, auditJson } from '../../audit/export-events.ts';
import { listEvents, parseAuditFilters } from '../../audit/list-events.ts';
import { verifyChain } from '../../audit/verify-chain.ts';
import { AuditTrailPage, ChainStatusPage } from '../../console/records/audit-pages.tsx';
import { loadAuditTimeline } from '../../console/records/audit-timeline.tsx';
import { OutboxListPage, OutboxMessagePage } from '../../console/records/outbox-pages.tsx';
import { QuarantineListPage, QuarantineMessagePage } from '../../console/records/quarantine-pages.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { inspectMessage } from '../../mail/inspect-message.ts';
import {
  dismissQuarantined,
  dismissalNote,
  fileQuarantined,
  listQuarantine,
  loadQuarantined,
  parseQuarantineQuery,
  quarantineId,
} from '../../mail/review-quarantine.ts';
import { listOutbox, loadOutboxMessage, outboxId, parseOutboxFilters } from '../../outbox/list-messages.ts';
import { retryMessage } from '../../outbox/retry-message.ts';
import type { Route, RouteContext } from '../routes.ts';

const idParams = { params: Type.Object({ id: Type.String({ maxLength: 40 }) }) };

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** The confirmation a page shows after an action (`?done=…`), if any. */
function doneOf(request: FastifyRequest): string | undefined {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? done : undefined;
}

/** Sends an export as a download, streamed chunk by chunk, never cached. */
function sendExport(reply: FastifyReply, type: string, filename: string, body: AsyncGenerator<string>) {
  return reply
    .status(200)
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(body));
}

/**
 * The console's views of what the system keeps: the audit trail (with the chain's check and
 * exports), the outbox, and the mail quarantine with its actions.
 */
export function recordsRoutes({ handle, config }: RouteContext): Route[] {
  const { db } = handle;
  const today = () => new Date().toISOString().slice(0, 10);
  return [
    {
      method: 'GET',
      url: '/console/audit',
      permission: 'audit:read',
      summary: 'The audit trail across the system, filtered, newest first',
      hidden: true,
      handler: async (request, reply) => {
        const staff = request.staff!;
        const { filters, texts, before } = await parseAuditFilters(db, request.query);
        const page = await listEvents(db, staff, filters, { before });
        const names = await actorNames(db, page.events.map((event) => event.actor));
        return sendConsolePage(
          reply,
          200,
          <AuditTrailPage context={consoleContext(request)} texts={texts} events={page.events} names={names} before={before} nextBefore={page.nextBefore} />,
        );
      },
    },
    {
      method: 'POST',
      url: '/console/audit/verify',
      permission: 'audit:read',
      summary: 'Checks the whole audit chain now and shows the result',
      hidden: true,
      handler: async (request, reply) => {
        const verdict = await verifyChain(db);
        return sendConsolePage(reply, 200, <ChainStatusPage context={consoleContext(request)} verdict={verdict} checkedAt={new Date()} />);
      },
    },
    {
      method: 'GET',
      url: '/console/audit/export.csv',
      permission: 'audit:read',
      summary: 'The filtered audit events as CSV, with the hash-chain fields',
      hidden: true,
      handler: async (request, reply) => {
        const { filters } = await parseAuditFilters(db, request.query);
        return sendExport(reply, 'text/csv; charset=utf-8', `audit-events-${today()}.csv`, auditCsv(db, request.staff!, filters));
      },
    },
    {
      method: 'GET',
      url: '/console/audit/export.json',
      permission: 'audit:read',
      summary: 'The filtered audit events as JSON, with the hash-chain fields',
      hidden: true,
      handler: async (request, reply) => {
        const { filters } = await parseAuditFilters(db, request.query);
        return sendExport(reply, 'application/json; charset=utf-8', `audit-events-${today()}.json`, auditJson(db, request.staff!, filters));
      },
    },
    {
      method: 'GET',
      url: '/console/outbox',
      permission: 'mail:read',
      summary: 'Every message sent or waiting to be sent, newest first',
      hidden: true,
      handler: async (request, reply) => {
        const staff = request.staff!;
        const { filters, texts, before } = await parseOutboxFilters(db, staff, request.query);
        const page = await listOutbox(db, staff, filters, { before });
        return sendConsolePage(reply, 200, <OutboxListPage context={consoleContext(request)} texts={texts} items={page.items} before={before} nextBefore={page.nextBefore} />);
      },
    },
    {
      method: 'GET',
      url: '/console/outbox/:id',
      permission: 'mail:read',
      summary: 'One outgoing message: headers and body',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const staff = request.staff!;
        const message = await loadOutboxMessage(db, staff, outboxId(idOf(request)));
        const events = await loadAuditTimeline(db, staff, 'outbox', message.id);
        const names = await actorNames(db, events.map((event) => event.actor));
        return sendConsolePage(
          reply,
          200,
          <OutboxMessagePage context={consoleContext(request)} message={message} from={config.mailFrom} events={events} names={names} done={doneOf(request)} />,
        );
      },
    },
    {
      method: 'POST',
      url: '/console/outbox/:id/retry',
      permission: 'mail:work',
      summary: 'Sends a failed message again now',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const id = outboxId(idOf(request));
        await retryMessage(db, request.staff!, id);
        return reply.redirect(`/console/outbox/${id}?done=retried`, 303);
      },
    },
    {
      method: 'GET',
      url: '/console/quarantine',
      permission: 'mail:read',
      summary: 'Mail the intake could not use, waiting for a person',
      hidden: true,
      handler: async (request, reply) => {
        const { view, before } = parseQuarantineQuery(request.query);
        const page = await listQuarantine(db, view, { before });
        return sendConsolePage(reply, 200, <QuarantineListPage context={consoleContext(request)} view={view} items={page.items} before={before} nextBefore={page.nextBefore} />);
      },
    },
    {
      method: 'GET',
      url: '/console/quarantine/:id',
      permission: 'mail:read',
      summary: 'One quarantined message: parsed headers and text',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const { raw, ...item } = await loadQuarantined(db, quarantineId(idOf(request)));
        const message = await inspectMessage(raw);
        const events = await loadAuditTimeline(db, request.staff!, 'mail_quarantine', item.id);
        const names = await actorNames(db, events.map((event) => event.actor));
        return sendConsolePage(
          reply,
          200,
          <QuarantineMessagePage context={consoleContext(request)} item={item} message={message} events={events} names={names} done={doneOf(request)} />,
        );
      },
    },
    {
      method: 'GET',
      url: '/console/quarantine/:id/raw',
      permission: 'mail:read',
      summary: 'The raw bytes of a quarantined message, as a download',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const { raw, id } = await loadQuarantined(db, quarantineId(idOf(request)));
        // A download, never a page: a browser must not render what a stranger wrote.
        return reply
          .status(200)
          .header('content-type', 'message/rfc822')
          .header('content-disposition', `attachment; filename="quarantine-${id}.eml"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'no-store')
          .send(raw);
      },
    },
    {
      method: 'POST',
      url: '/console/quarantine/:id/file',
      permission: 'mail:work',
      summary: 'Files a quarantined message as a new request through the e-mail intake',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const id = quarantineId(idOf(request));
        await fileQuarantined(db, request.staff!, id);
        return reply.redirect(`/console/quarantine/${id}?done=filed`, 303);
      },
    },
    {
      method: 'POST',
      url: '/console/quarantine/:id/dismiss',
      permission: 'mail:work',
      summary: 'Dismisses a quarantined message, with a reason',
      hidden: true,
      schema: idParams,
      handler: async (request, reply) => {
        const id = quarantineId(idOf(request));
        await dismissQuarantined(db, request.staff!, id, dismissalNote(request.body));
        return reply.redirect(`/console/quarantine/${id}?done=dismissed`, 303);
      },
    },
  ];
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { DatabaseHandle } from '../../db/connect.ts';
import { ValidationError, type FieldIssue } from '../../errors.ts';
import { findRequest, listRequests } from '../../intake/list-requests.ts';
import { checkRequestRules } from '../../intake/request-from-input.ts';
import { RequestInput, type RequestInputValue } from '../../intake/request-input.ts';
import { presentRequests } from '../../intake/request-presenter.ts';
import { submitRequests } from '../../intake/submit-requests.ts';
import { CHANNELS, KINDS, STATES } from '../../requests/model.ts';

export const MAX_BATCH = 100;

export const SubmittedSchema = Type.Object({
  id: Type.Integer(),
  reference: Type.String({ examples: ['CR-2026-000123'] }),
  status: Type.String(),
});

export const BatchBody = Type.Object({ requests: Type.Array(RequestInput, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false });

export const ListQuery = Type.Object(
  {
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    state: Type.Optional(Type.Enum([...STATES])),
    kind: Type.Optional(Type.Enum([...KINDS])),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'The id, or the reference' }) });

function actorOf(request: FastifyRequest): string {
  return `token:${request.apiToken?.id ?? 'unknown'}`;
}

/** The handlers of the requests API, bound to the database. */
export function requestsApi(handle: DatabaseHandle) {
  return {
    async create(request: FastifyRequest, reply: FastifyReply) {
      const input = request.body as RequestInputValue;
      const issues = checkRequestRules(input);
      if (issues.length > 0) throw new ValidationError(issues);
      const [submitted] = await submitRequests(handle.db, [input], { channel: 'api', actor: actorOf(request) });
      const { created, ...body } = submitted!;
      return reply.status(created ? 201 : 200).send(body);
    },

    async createBatch(request: FastifyRequest, reply: FastifyReply) {
      const { requests } = request.body as Static<typeof BatchBody>;
      const issues = requests.flatMap((input, index) =>
        checkRequestRules(input).map((issue) => ({ ...issue, field: `requests[${index}].${issue.field}` })),
      );
      if (issues.length > 0) throw new ValidationError(issues);
      const keyed = (index: number, issue: FieldIssue) => ({ ...issue, field: `requests[${index}].${issue.field}` });
      const submitted = await submitRequests(handle.db, requests, { channel: 'api', actor: actorOf(request), issueKey: keyed });
      const anyCreated = submitted.some((item) => item.created);
      return reply.status(anyCreated ? 201 : 200).send({ items: submitted.map(({ created: _created, ...item }) => item) });
    },

    async get(request: FastifyRequest) {
      const { id } = request.params as Static<typeof IdParams>;
      const [view] = await presentRequests(handle.db, [await findRequest(handle.db, id)]);
      return view;
    },

    async list(request: FastifyRequest) {
      const query = request.query as Static<typeof ListQuery>;
      const { rows, nextCursor } = await listRequests(
        handle.db,
        { channel: query.channel, state: query.state, kind: query.kind, since: query.since ? new Date(query.since) : undefined },
        { cursor: query.cursor, limit: query.limit ?? 50 },
      );
      return { items: await presentRequests(handle.db, rows), next_cursor: nextCursor };
    },
  };
}

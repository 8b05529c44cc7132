import type { Kysely, Transaction } from 'kysely';
import { storeAttachment } from '../attachments/storage.ts';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { createRequests, type NewRequest } from '../requests/create-requests.ts';
import type { Channel } from '../requests/model.ts';
import { queueAcknowledgement } from './acknowledge.ts';
import { requestFromInput } from './request-from-input.ts';
import type { RequestInputValue } from './request-input.ts';
import { isUniqueViolation } from '../db/errors.ts';

/** What a requester or client is told about a submitted request. */
export interface Submitted {
  id: number;
  reference: string;
  status: string;
  /** False when an earlier submission with the same external id is returned instead. */
  created: boolean;
}

async function existingByExternalId(db: Kysely<Database> | Transaction<Database>, ids: string[]): Promise<Map<string, Submitted>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('requests').select(['id', 'reference', 'state', 'external_id']).where('external_id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.external_id!, { id: row.id, reference: row.reference, status: row.state, created: false }]));
}

/** Finds the notices that counter-notices answer; an unknown reference is an issue of that item. */
async function resolveCounterNotices(trx: Transaction<Database>, inputs: RequestInputValue[], requests: NewRequest[], issueKey: (index: number, issue: FieldIssue) => FieldIssue): Promise<FieldIssue[]> {
  const references = [...new Set(inputs.map((input) => input.counter_notice_to).filter((reference): reference is string => !!reference))];
  if (references.length === 0) return [];
  const rows = await trx.selectFrom('requests').select(['id', 'reference', 'kind']).where('reference', 'in', references).execute();
  const byReference = new Map(rows.map((row) => [row.reference, row]));
  const issues: FieldIssue[] = [];
  inputs.forEach((input, i) => {
    if (!input.counter_notice_to) return;
    const notice = byReference.get(input.counter_notice_to);
    if (!notice || notice.kind !== 'copyright') {
      issues.push(issueKey(i, { field: 'counter_notice_to', message: `no copyright notice has the reference ${input.counter_notice_to}`, code: 'field-counter-notice-unknown', params: [input.counter_notice_to] }));
    } else {
      requests[i]!.counterNoticeToId = notice.id;
    }
  });
  return issues;
}

/**
 * Stores validated requests from one channel, all or nothing, each with its audit event and the
 * acknowledgement to its requester queued in the same transaction. An input whose external id
 * was seen before returns that earlier request instead of a new one (idempotent retries).
 * `issueKey` places an item's issues (the batch API keys them by position).
 */
export async function submitRequests(
  db: Kysely<Database>,
  inputs: RequestInputValue[],
  options: { channel: Channel; actor: string; issueKey?: (index: number, issue: FieldIssue) => FieldIssue },
): Promise<Submitted[]> {
  const issueKey = options.issueKey ?? ((_index: number, issue: FieldIssue) => issue);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const externalIds = inputs.map((input) => input.external_id).filter((id): id is string => !!id);
        const earlier = await existingByExternalId(trx, externalIds);
        const fresh: { index: number; input: RequestInputValue; request: NewRequest }[] = [];
        const seen = new Set<string>();
        inputs.forEach((input, index) => {
          if (input.external_id && (earlier.has(input.external_id) || seen.has(input.external_id))) return;
          if (input.external_id) seen.add(input.external_id);
          fresh.push({ index, input, request: { ...requestFromInput(input, options.channel), language: input.language ?? null } });
        });
        const issues = await resolveCounterNotices(
          trx,
          fresh.map((item) => item.input),
          fresh.map((item) => item.request),
          (i, issue) => issueKey(fresh[i]!.index, issue),
        );
        if (issues.length > 0) throw new ValidationError(issues);
        const created = await createRequests(trx, fresh.map((item) => item.request), options.actor);
        const byIndex = new Map<number, Submitted>();
        for (const [i, item] of fresh.entries()) {
          const row = created[i]!;
          byIndex.set(item.index, { id: row.id, reference: row.reference, status: 'received', created: true });
          for (const attachment of item.request.attachments ?? []) {
            await storeAttachment(trx, { requestId: row.id, filename: attachment.filename, declaredType: attachment.declaredType, content: attachment.content });
          }
          await queueAcknowledgement(trx, row.id, row.reference, item.request);
        }
        const createdByExternal = new Map(fresh.filter((item) => item.input.external_id).map((item) => [item.input.external_id!, byIndex.get(item.index)!]));
        return inputs.map((input, index) => {
          const own = byIndex.get(index);
          if (own) return own;
          const previous = earlier.get(input.external_id!) ?? createdByExternal.get(input.external_id!)!;
          return { ...previous, created: false };
        });
      });
    } catch (error) {
      // Two clients sent the same external id at once: the loser returns the winner's request.
      if (attempt === 0 && isUniqueViolation(error, 'requests_external_id_key')) continue;
      throw error;
    }
  }
}

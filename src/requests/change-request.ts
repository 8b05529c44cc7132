import type { Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { RequestUpdate } from '../db/tables/requests.ts';
import { NotFoundError } from '../errors.ts';

/** Fields whose values may identify a person: the audit log records that they changed, not their values. */
const PERSONAL_FIELDS = new Set(['requester_name', 'requester_organization', 'requester_email', 'original_text']);

function auditable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Applies a change to one request and appends the audit event describing it (old and new
 * values, personal fields by name only), in the caller's transaction. Fields that do not
 * actually change are left out; a change that changes nothing records nothing.
 */
export async function changeRequest(
  trx: Transaction<Database>,
  id: number,
  changes: RequestUpdate,
  actor: string,
  action = 'request.changed',
): Promise<void> {
  const current = await trx.selectFrom('requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw new NotFoundError('error-request-not-found', [id], `request ${id} does not exist`);
  const diff: Record<string, unknown> = {};
  const personal: string[] = [];
  const effective: RequestUpdate = {};
  for (const [field, value] of Object.entries(changes) as [keyof RequestUpdate, unknown][]) {
    if (value === undefined) continue; // left as it is, as the update itself would leave it
    const before = current[field as keyof typeof current];
    if (JSON.stringify(auditable(before)) === JSON.stringify(auditable(value))) continue;
    (effective as Record<string, unknown>)[field] = value;
    if (PERSONAL_FIELDS.has(field)) personal.push(field);
    else diff[field] = { from: auditable(before), to: auditable(value) };
  }
  if (Object.keys(effective).length === 0) return;
  await trx
    .updateTable('requests')
    .set({ ...effective, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await appendEvent(trx, {
    actor,
    action,
    subjectType: 'request',
    subjectId: id,
    payload: { reference: current.reference, changes: diff, personal_fields_changed: personal },
  });
}

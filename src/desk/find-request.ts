import type { Kysely, Transaction } from 'kysely';
import type { StaffSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { NotFoundError } from '../errors.ts';
import { NotAllowedError } from './errors.ts';
import { canSeeRequest } from './policy.ts';

const REFERENCE = /^[A-Z][A-Z0-9]*-[0-9A-Za-z-]{1,40}$/;

/**
 * The request a reference names, if the member of staff may see it; locked for update when
 * asked, so that two people acting at once are applied one after the other.
 */
export async function findRequestForStaff(db: Kysely<Database> | Transaction<Database>, staff: StaffSession, reference: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow> {
  const notFound = () => new NotFoundError('desk-error-request-not-found', [reference.slice(0, 60)]);
  if (!REFERENCE.test(reference)) throw notFound();
  let query = db.selectFrom('requests').selectAll().where('reference', '=', reference);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  if (!canSeeRequest(staff, row)) throw new NotAllowedError();
  return row;
}

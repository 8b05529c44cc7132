import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The hash that stands before the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface HashedEvent {
  id: number;
  occurred_at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  payload: unknown;
  prev_hash: string;
}

/** SHA-256 over an event's fields and the previous event's hash: the link of the audit chain. */
export function eventHash(event: HashedEvent): string {
  // The fields are hashed as one JSON array, so no value can be shifted into its neighbour.
  return createHash('sha256')
    .update(
      canonicalJson([
        event.prev_hash,
        event.id,
        event.occurred_at.toISOString(),
        event.actor,
        event.action,
        event.subject_type,
        event.subject_id,
        event.payload,
      ]),
    )
    .digest('hex');
}

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

/**
 * SHA-256 over an event's fields and the previous event's hash: the link of the audit chain.
 * `payloadJson` is the payload's canonical JSON when the caller has it already (it stores that
 * very text), so that it is not written twice.
 */
export function eventHash(event: HashedEvent, payloadJson: string = canonicalJson(event.payload)): string {
  // The fields are hashed as one JSON array, so no value can be shifted into its neighbour: the
  // canonical text of [prev_hash, id, occurred_at, actor, action, subject_type, subject_id, payload].
  const fields = canonicalJson([event.prev_hash, event.id, event.occurred_at.toISOString(), event.actor, event.action, event.subject_type, event.subject_id]);
  return createHash('sha256').update(`${fields.slice(0, -1)},${payloadJson}]`).digest('hex');
}

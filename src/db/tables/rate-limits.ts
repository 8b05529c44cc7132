import type { Generated } from 'kysely';

/** Hits per bucket and time window; a bucket is a keyed hash, never a raw address. */
export interface RateLimitsTable {
  bucket: string;
  window_start: Date;
  hits: Generated<number>;
}

import type { Generated } from 'kysely';

/** One publication of a period's transparency report, frozen. */
export interface TransparencySnapshotsTable {
  id: Generated<number>;
  /** `2026-H1` or `2026`. */
  period_id: string;
  /** 1 for the first publication of the period, then 2, 3… */
  version: number;
  /** The report as canonical JSON (sorted keys), exactly the bytes offered for download. */
  report: string;
  /** SHA-256 of `report`, lower-case hex. */
  sha256: string;
  published_at: Generated<Date>;
  published_by: number;
}

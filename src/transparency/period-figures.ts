import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { computeReport } from './compute-report.ts';
import type { Period } from './period.ts';
import { isComplete, previousPeriod } from './periods.ts';
import type { TransparencyReport } from './report-shape.ts';
import { latestSnapshot, sealReport, type Snapshot } from './snapshots.ts';

/** What a period's page shows: the published snapshot if there is one, else the live, provisional figures. */
export interface PeriodFigures {
  period: Period;
  complete: boolean;
  snapshot: Snapshot | undefined;
  live: TransparencyReport;
  /** True when the period was published and the requests counted now give other figures. */
  liveDiffers: boolean;
  /** The figures shown: the snapshot's, or the live ones when asked for or when nothing was published. */
  shown: TransparencyReport;
  showingLive: boolean;
  /** The previous period of the same length, as its own page shows it (published or live). */
  previous: TransparencyReport;
}

/** The report a period's page stands on: its latest snapshot, or the live figures. */
export async function publishedOrLive(db: Kysely<Database>, period: Period): Promise<{ report: TransparencyReport; snapshot: Snapshot | undefined }> {
  const snapshot = await latestSnapshot(db, period.id);
  return { report: snapshot ? snapshot.report : await computeReport(db, period), snapshot };
}

/**
 * Loads a period's figures for its page. A published period keeps its published figures; if
 * the live ones now differ, the page says so and can show them apart (`live`), never in their place.
 */
export async function loadPeriodFigures(db: Kysely<Database>, period: Period, options: { live?: boolean; now?: Date } = {}): Promise<PeriodFigures> {
  const snapshot = await latestSnapshot(db, period.id);
  const live = await computeReport(db, period);
  const liveDiffers = snapshot !== undefined && sealReport(live).sha256 !== snapshot.sha256;
  const showingLive = !snapshot || options.live === true;
  const previous = await publishedOrLive(db, previousPeriod(period));
  return {
    period,
    complete: isComplete(period, options.now),
    snapshot,
    live,
    liveDiffers,
    shown: showingLive ? live : snapshot.report,
    showingLive,
    previous: previous.report,
  };
}

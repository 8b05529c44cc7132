import { DomainError } from '../errors.ts';

/** A reporting period: a half-year (`2026-H1`) or a calendar year (`2026`), in UTC. */
export interface Period {
  id: string;
  /** First day, inclusive, `YYYY-MM-DD`. */
  start: string;
  /** Last day, inclusive, `YYYY-MM-DD`. */
  end: string;
  /** The instant the period starts and the instant the next one starts (half-open range for queries). */
  from: Date;
  until: Date;
}

/** The text given is not a period Candor reports on. */
export class InvalidPeriodError extends DomainError {
  constructor(readonly input: string) {
    super(
      'error-invalid-period',
      [input],
      `"${input}" is not a reporting period; use a year such as 2026 or a half-year such as 2026-H1 or 2026-H2`,
    );
  }
}

const PERIOD = /^(\d{4})(?:-H([12]))?$/;

/** Parses `2026`, `2026-H1` or `2026-H2`; anything else raises InvalidPeriodError. */
export function parsePeriod(input: string): Period {
  const match = PERIOD.exec(input);
  if (!match) throw new InvalidPeriodError(input);
  const year = Number(match[1]);
  if (year < 1970) throw new InvalidPeriodError(input);
  const half = match[2] ? Number(match[2]) : undefined;
  const firstMonth = half === 2 ? 6 : 0;
  const months = half ? 6 : 12;
  const from = new Date(Date.UTC(year, firstMonth, 1));
  const until = new Date(Date.UTC(year, firstMonth + months, 1));
  const lastDay = new Date(until.getTime() - 86_400_000);
  return {
    id: half ? `${year}-H${half}` : String(year),
    start: from.toISOString().slice(0, 10),
    end: lastDay.toISOString().slice(0, 10),
    from,
    until,
  };
}

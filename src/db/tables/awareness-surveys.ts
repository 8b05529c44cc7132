import type { Generated, Selectable } from 'kysely';

/** One survey result: the share of a country's internet users who have heard of the projects in a year. */
export interface AwarenessSurveysTable {
  id: Generated<number>;
  country: string;
  year: number;
  /** Tenths of a percent: 473 is 47.3 %. */
  share_tenths: number;
  sample_size: number | null;
  source: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type AwarenessSurveyRow = Selectable<AwarenessSurveysTable>;

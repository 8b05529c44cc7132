/** The transparency report, exactly as PRODUCT.md §5 publishes it (JSON API and `candor report`). */

export interface GrantCounts {
  received: number;
  granted: number;
  partially_granted: number;
}

export interface ProductionCounts {
  received: number;
  produced_full: number;
  produced_partial: number;
}

export type ByCountry<T> = ({ country: string | null } & T)[];

export interface TransparencyReport {
  period: { id: string; start: string; end: string };
  content_alteration: GrantCounts & {
    by_country: ByCountry<GrantCounts>;
    by_project: ({ project: string | null } & GrantCounts)[];
    by_requester_type: ({ requester_type: string | null } & GrantCounts)[];
    by_category: ({ category: string | null } & GrantCounts)[];
  };
  copyright: GrantCounts & {
    counter_notices: number;
    by_country: ByCountry<GrantCounts>;
    by_project: ({ project: string | null } & GrantCounts)[];
  };
  user_data: ProductionCounts & {
    by_instrument: ({ instrument: string | null } & ProductionCounts)[];
    by_country: ByCountry<ProductionCounts>;
    accounts: { potentially_affected: number; actually_affected: number; notified: number };
  };
  preservation: { received: number };
  emergency: { received: number; by_threat: ({ threat: string | null } & GrantCounts)[] };
}

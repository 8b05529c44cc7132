import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Kind, Outcome } from '../../requests/model.ts';
import { buildStatement, type DecisionFacts } from './build-statement.ts';
import { validateStatement, type Statement, type StatementIssue } from './validate-statement.ts';

/** A decision made into a statement, or the rules its statement would break. */
export type StatementResult =
  | { ok: true; requestId: number; reference: string; statement: Statement }
  | { ok: false; requestId: number; reference: string; issues: StatementIssue[] };

/**
 * Loads the decisions that restrict content (see restrictsContent), decided at or after `since`
 * (all of them without it), with their targets, oldest decision first; `onlyUnqueued` leaves out
 * those already queued for the Transparency Database.
 */
export async function loadRestrictingDecisions(db: Kysely<Database>, options: { since?: Date; onlyUnqueued?: boolean } = {}): Promise<(DecisionFacts & { id: number })[]> {
  let query = db
    .selectFrom('requests')
    .select(['id', 'reference', 'kind', 'category', 'outcome', 'received_at', 'decided_at', 'requester_type', 'requester_country', 'jurisdiction', 'laws_cited'])
    .where('outcome', 'in', ['granted', 'partially_granted'])
    .where('decided_at', 'is not', null)
    .where('duplicate_of_id', 'is', null)
    .where((eb) => eb.or([eb('kind', '=', 'content_alteration'), eb.and([eb('kind', '=', 'copyright'), sql<boolean>`category IS DISTINCT FROM 'counter_notice'`])]));
  if (options.since) query = query.where('decided_at', '>=', options.since);
  if (options.onlyUnqueued) query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('dsa_statement_exports').select('request_id').whereRef('dsa_statement_exports.request_id', '=', 'requests.id'))));
  const rows = await query.orderBy('decided_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const targets = await db
    .selectFrom('request_targets')
    .select(['request_id', 'target_type', 'project'])
    .where('request_id', 'in', rows.map((row) => row.id))
    .orderBy('id')
    .execute();
  const byRequest = new Map<number, { type: (typeof targets)[number]['target_type']; project: string | null }[]>();
  for (const target of targets) {
    const list = byRequest.get(Number(target.request_id)) ?? [];
    list.push({ type: target.target_type, project: target.project });
    byRequest.set(Number(target.request_id), list);
  }
  return rows.map((row) => ({
    id: Number(row.id),
    reference: row.reference,
    kind: row.kind as Kind,
    category: row.category,
    outcome: row.outcome as Outcome,
    receivedAt: new Date(row.received_at),
    decidedAt: new Date(row.decided_at!),
    requesterType: row.requester_type,
    requesterCountry: row.requester_country,
    jurisdiction: row.jurisdiction,
    lawsCited: row.laws_cited ?? [],
    targets: byRequest.get(Number(row.id)) ?? [],
  }));
}

/** Builds and checks the statement of every restricting decision since a date. */
export async function statementsSince(db: Kysely<Database>, since: Date | undefined, options: { onlyUnqueued?: boolean } = {}): Promise<StatementResult[]> {
  const decisions = await loadRestrictingDecisions(db, { since, ...options });
  return decisions.map((facts) => {
    const statement = buildStatement(facts);
    const issues = validateStatement(statement as unknown as Record<string, unknown>);
    return issues.length === 0
      ? { ok: true as const, requestId: facts.id, reference: facts.reference, statement }
      : { ok: false as const, requestId: facts.id, reference: facts.reference, issues };
  });
}

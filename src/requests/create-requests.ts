import { sql, type Transaction } from 'kysely';
import { openAuditChain } from '../audit/append-events.ts';
import { bulkInsert, reserveIds, type BulkColumn } from '../db/bulk-insert.ts';
import type { Database } from '../db/database.ts';
import type { NewRequestRow } from '../db/tables/requests.ts';
import type { Channel, DeskKind, Outcome, PartyRole, RequesterType, State, TargetType } from './model.ts';
import { stateForOutcome } from './model.ts';

/** A request as every intake channel hands it over, already validated. */
export interface NewRequest {
  reference?: string | null;
  externalId?: string | null;
  kind: DeskKind;
  category: string | null;
  channel: Channel;
  receivedAt: Date;
  state?: State;
  outcome?: Outcome | null;
  rationale?: string | null;
  decidedAt?: Date | null;
  requester?: {
    name?: string | null;
    organization?: string | null;
    email?: string | null;
    type: RequesterType | null;
    country: string | null;
  };
  /** The requester's language tag (BCP 47), for replies. */
  language?: string | null;
  jurisdiction?: string | null;
  lawsCited?: string[];
  originalText?: string | null;
  accounts?: { potentiallyAffected: number; actuallyAffected: number; notified: number };
  parties?: { role: PartyRole; name?: string | null; organization?: string | null; email?: string | null; address?: string | null; country?: string | null }[];
  targets?: { type: TargetType; url?: string | null; project?: string | null; account?: string | null }[];
  duplicateOfId?: number | null;
  counterNoticeToId?: number | null;
  /** Files that came with the request; stored by the intake, typed by their bytes. */
  attachments?: { filename: string; declaredType: string | null; content: Buffer }[];
}

const CHUNK = 10_000;

type Column<R> = BulkColumn<R>;
const text = <R>(name: keyof R & string): Column<R> => ({ name, type: 'text', value: (row) => row[name] ?? null });
const of = <R>(name: keyof R & string, type: string): Column<R> => ({ name, type, value: (row) => row[name] ?? null });

const REQUEST_COLUMNS: Column<NewRequestRow & { id: number }>[] = [
  of('id', 'bigint'),
  text('reference'), text('external_id'), text('kind'), text('category'), text('channel'), text('state'), text('outcome'),
  text('rationale'), of('received_at', 'timestamptz'), of('decided_at', 'timestamptz'), text('requester_name'),
  text('requester_organization'), text('requester_email'), text('requester_type'), text('requester_country'),
  text('requester_language'), text('jurisdiction'), { name: 'laws_cited', type: 'text[]', value: (row) => row.laws_cited ?? [] },
  text('original_text'), of('accounts_potentially_affected', 'integer'), of('accounts_actually_affected', 'integer'),
  of('accounts_notified', 'integer'), of('duplicate_of_id', 'bigint'), of('counter_notice_to_id', 'bigint'),
  { name: 'projects', type: 'text[]', value: (row) => row.projects ?? [] },
];

interface PartyRow { request_id: number; role: PartyRole; name: string | null; organization: string | null; email: string | null; address: string | null; country: string | null }
const PARTY_COLUMNS: Column<PartyRow>[] = [of('request_id', 'bigint'), text('role'), text('name'), text('organization'), text('email'), text('address'), text('country')];

interface TargetRow { request_id: number; target_type: TargetType; url: string | null; project: string | null; account: string | null }
const TARGET_COLUMNS: Column<TargetRow>[] = [of('request_id', 'bigint'), text('target_type'), text('url'), text('project'), text('account')];

/** Formats a public reference: `CR-2026-000123`. */
export function formatReference(year: number, serial: number): string {
  return `CR-${year}-${String(serial).padStart(6, '0')}`;
}

function toRow(request: NewRequest, reference: string): NewRequestRow {
  const outcome = request.outcome ?? null;
  return {
    reference,
    external_id: request.externalId ?? null,
    kind: request.kind,
    category: request.category,
    channel: request.channel,
    state: request.state ?? stateForOutcome(outcome),
    outcome,
    rationale: request.rationale ?? null,
    received_at: request.receivedAt,
    decided_at: request.decidedAt ?? null,
    requester_name: request.requester?.name ?? null,
    requester_organization: request.requester?.organization ?? null,
    requester_email: request.requester?.email ?? null,
    requester_type: request.requester?.type ?? null,
    requester_country: request.requester?.country ?? null,
    requester_language: request.language ?? null,
    jurisdiction: request.jurisdiction ?? null,
    laws_cited: request.lawsCited ?? [],
    original_text: request.originalText ?? null,
    accounts_potentially_affected: request.accounts?.potentiallyAffected ?? 0,
    accounts_actually_affected: request.accounts?.actuallyAffected ?? 0,
    accounts_notified: request.accounts?.notified ?? 0,
    duplicate_of_id: request.duplicateOfId ?? null,
    counter_notice_to_id: request.counterNoticeToId ?? null,
    projects: [...new Set((request.targets ?? []).map((target) => target.project).filter((project): project is string => project !== null && project !== undefined))].sort(),
  };
}

/**
 * The audit payload of a new request: what it is, never who sent it or what they wrote, so that
 * personal data can later be anonymised without rewriting the tamper-evident log.
 */
function createdPayload(row: NewRequestRow, request: NewRequest): Record<string, unknown> {
  return {
    reference: row.reference,
    kind: row.kind,
    category: row.category,
    channel: row.channel,
    state: row.state,
    outcome: row.outcome,
    received_at: (row.received_at as Date).toISOString(),
    requester_type: row.requester_type,
    requester_country: row.requester_country,
    accounts: [row.accounts_potentially_affected, row.accounts_actually_affected, row.accounts_notified],
    targets: request.targets?.length ?? 0,
    parties: request.parties?.length ?? 0,
  };
}

/**
 * Draws the next references for requests received in the given years. Imported requests may
 * already carry references of the same form, so a drawn reference that is taken (in the database
 * or in the batch) is skipped and another drawn in its place.
 */
async function drawReferences(trx: Transaction<Database>, years: number[], taken: Set<string>): Promise<string[]> {
  const references: (string | undefined)[] = new Array(years.length);
  let pending = years.map((_, i) => i);
  while (pending.length > 0) {
    const serials = (
      await sql<{ serial: number }>`SELECT nextval('request_reference_seq') AS serial FROM generate_series(1, ${pending.length})`.execute(trx)
    ).rows.map((row) => row.serial);
    const candidates = pending.map((index, i) => formatReference(years[index]!, serials[i]!));
    const existing = await trx.selectFrom('requests').select('reference').where('reference', 'in', candidates).execute();
    const clash = new Set([...existing.map((row) => row.reference), ...candidates.filter((candidate) => taken.has(candidate))]);
    const retry: number[] = [];
    pending.forEach((index, i) => {
      if (clash.has(candidates[i]!)) retry.push(index);
      else references[index] = candidates[i]!;
    });
    pending = retry;
  }
  return references as string[];
}

/**
 * Stores new requests with their parties and targets, and one audit event each, inside the
 * caller's transaction. Requests without a reference get the next `CR-YEAR-NNNNNN`.
 * Returns the new ids and references in input order.
 *
 * Ids and references are drawn first, so that every row of a slice (request, parties, targets,
 * audit event) can be built before any is stored; while the database writes one slice, the next
 * is being built.
 */
export async function createRequests(
  trx: Transaction<Database>,
  requests: NewRequest[],
  actor: string,
  action = 'request.created',
  onStored?: (stored: number, total: number) => void,
): Promise<{ id: number; reference: string }[]> {
  if (requests.length === 0) return [];
  const explicit = new Set(requests.map((request) => request.reference).filter((reference): reference is string => !!reference));
  const years = requests.filter((request) => !request.reference).map((request) => request.receivedAt.getUTCFullYear());
  const generated: string[] = [];
  for (let i = 0; i < years.length; i += CHUNK) generated.push(...(await drawReferences(trx, years.slice(i, i + CHUNK), explicit)));
  const ids = await reserveIds(trx, 'requests', 'id', requests.length);
  const chain = await openAuditChain(trx);
  const created: { id: number; reference: string }[] = [];
  let next = 0;
  let writing: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < requests.length; start += CHUNK) {
    const batch = requests.slice(start, start + CHUNK);
    const rows = batch.map((request, i) => {
      const row = toRow(request, request.reference || generated[next++]!) as NewRequestRow & { id: number };
      row.id = ids[start + i]!;
      return row;
    });
    const parties: PartyRow[] = batch.flatMap((request, i) =>
      (request.parties ?? []).map((party) => ({
        request_id: rows[i]!.id,
        role: party.role,
        name: party.name ?? null,
        organization: party.organization ?? null,
        email: party.email ?? null,
        address: party.address ?? null,
        country: party.country ?? null,
      })),
    );
    const targets: TargetRow[] = batch.flatMap((request, i) =>
      (request.targets ?? []).map((target) => ({
        request_id: rows[i]!.id,
        target_type: target.type,
        url: target.url ?? null,
        project: target.project ?? null,
        account: target.account ?? null,
      })),
    );
    const events = chain.link(
      batch.map((request, i) => ({ actor, action, subjectType: 'request', subjectId: rows[i]!.id, payload: createdPayload(rows[i]!, request) })),
    );
    // At most one slice waits in the database while this one was built.
    await writing;
    if (start > 0) onStored?.(start, requests.length);
    // The slice's statements go one after another: when one fails, none of the rest is left
    // queued to run once the transaction has been rolled back.
    writing = (async () => {
      await bulkInsert(trx, 'requests', REQUEST_COLUMNS, rows, [], { overridingSystemValue: true });
      await bulkInsert(trx, 'request_parties', PARTY_COLUMNS, parties);
      await bulkInsert(trx, 'request_targets', TARGET_COLUMNS, targets);
      await chain.insert(events);
    })();
    // Its failure is thrown where it is awaited; until then it must not count as unhandled.
    writing.catch(() => {});
    created.push(...rows.map((row) => ({ id: row.id, reference: row.reference })));
  }
  await writing;
  onStored?.(requests.length, requests.length);
  return created;
}

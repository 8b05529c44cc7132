import { sql, type Transaction } from 'kysely';
import { AUDIT_EVENT_COLUMNS, openAuditChain } from '../audit/append-events.ts';
import { bulkInsert, reserveIds, type BulkColumn } from '../db/bulk-insert.ts';
import type { CopyRows } from '../db/copy-rows.ts';
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
 * personal data can later be anonymised without rewriting the tamper-evident log. The values are
 * those toRow stores; the keys are written in order, which canonical JSON is quickest with.
 */
function createdPayload(request: NewRequest, reference: string): Record<string, unknown> {
  const outcome = request.outcome ?? null;
  const accounts = request.accounts;
  return {
    accounts: [accounts?.potentiallyAffected ?? 0, accounts?.actuallyAffected ?? 0, accounts?.notified ?? 0],
    category: request.category,
    channel: request.channel,
    kind: request.kind,
    outcome,
    parties: request.parties?.length ?? 0,
    received_at: request.receivedAt.toISOString(),
    reference,
    requester_country: request.requester?.country ?? null,
    requester_type: request.requester?.type ?? null,
    state: request.state ?? stateForOutcome(outcome),
    targets: request.targets?.length ?? 0,
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

/** Rows a chunk at a time, built only when the writer asks for the next chunk. */
function* chunksOf<T, R>(items: readonly T[], size: number, build: (slice: readonly T[], start: number) => R[]): Generator<R[]> {
  for (let start = 0; start < items.length; start += size) yield build(items.slice(start, start + size), start);
}

/** How createRequests stores rows: COPY on PostgreSQL when the caller offers it, else one INSERT per chunk. */
type WriteRows = <R>(table: string, columns: readonly BulkColumn<R>[], chunks: (size: number) => Iterable<R[]>, options?: { overridingSystemValue?: boolean }) => Promise<void>;

function insertRows(trx: Transaction<Database>): WriteRows {
  return async (table, columns, chunks, options) => {
    // One statement at a time: when one fails, none of the rest is left queued to run once the
    // transaction has been rolled back.
    for (const chunk of chunks(CHUNK)) await bulkInsert(trx, table, columns, chunk, [], options);
  };
}

/** COPY reads chunks as the server takes them; small ones keep the process and the server busy at once. */
const COPY_CHUNK = 1_000;

function copyRowsWith(copy: CopyRows): WriteRows {
  // COPY stores identity columns as given: no OVERRIDING SYSTEM VALUE is needed.
  return async (table, columns, chunks) => {
    await copy(table, columns, chunks(COPY_CHUNK));
  };
}

export interface CreateRequestsOptions {
  /** Told how many rows (of every table) are stored so far, of how many. */
  onStored?: (stored: number, total: number) => void;
  /** COPY on the transaction's connection (PostgreSQL, transactionWithCopy): several times faster for large batches. */
  copy?: CopyRows;
}

/**
 * Stores new requests with their parties and targets, and one audit event each, inside the
 * caller's transaction. Requests without a reference get the next `CR-YEAR-NNNNNN`.
 * Returns the new ids and references in input order.
 *
 * Ids and references are drawn first, so that the rows of every table can be built a chunk at a
 * time and stored table after table, parents first; with COPY the next chunk is built while the
 * database writes the one before.
 */
export async function createRequests(
  trx: Transaction<Database>,
  requests: NewRequest[],
  actor: string,
  action = 'request.created',
  options: CreateRequestsOptions = {},
): Promise<{ id: number; reference: string }[]> {
  if (requests.length === 0) return [];
  const explicit = new Set(requests.map((request) => request.reference).filter((reference): reference is string => !!reference));
  const years = requests.filter((request) => !request.reference).map((request) => request.receivedAt.getUTCFullYear());
  const generated: string[] = [];
  for (let i = 0; i < years.length; i += CHUNK) generated.push(...(await drawReferences(trx, years.slice(i, i + CHUNK), explicit)));
  const ids = await reserveIds(trx, 'requests', 'id', requests.length);
  let next = 0;
  const references = requests.map((request) => request.reference || generated[next++]!);
  const chain = await openAuditChain(trx);
  const write = options.copy ? copyRowsWith(options.copy) : insertRows(trx);

  const partyCount = requests.reduce((sum, request) => sum + (request.parties?.length ?? 0), 0);
  const targetCount = requests.reduce((sum, request) => sum + (request.targets?.length ?? 0), 0);
  const total = requests.length * 2 + partyCount + targetCount;
  let stored = 0;
  // Counted as chunks are handed over, which with COPY runs a little ahead of the server.
  const counted = <R>(rows: R[]): R[] => {
    stored += rows.length;
    options.onStored?.(stored, total);
    return rows;
  };
  const requestRow = (request: NewRequest, index: number) => {
    const row = toRow(request, references[index]!) as NewRequestRow & { id: number };
    row.id = ids[index]!;
    return row;
  };
  /** Chunks of the rows that `rowsOf` makes of each request (with its id), counted as they are handed over. */
  const rowsFor = <R>(rowsOf: (request: NewRequest, id: number) => R[]) => (size: number) =>
    chunksOf(requests, size, (slice, start) => counted(slice.flatMap((request, i) => rowsOf(request, ids[start + i]!))));

  await write(
    'requests',
    REQUEST_COLUMNS,
    (size) => chunksOf(requests, size, (slice, start) => counted(slice.map((request, i) => requestRow(request, start + i)))),
    { overridingSystemValue: true },
  );
  if (partyCount > 0) {
    await write(
      'request_parties',
      PARTY_COLUMNS,
      rowsFor((request, id) =>
        (request.parties ?? []).map((party) => ({
          request_id: id,
          role: party.role,
          name: party.name ?? null,
          organization: party.organization ?? null,
          email: party.email ?? null,
          address: party.address ?? null,
          country: party.country ?? null,
        })),
      ),
    );
  }
  if (targetCount > 0) {
    await write(
      'request_targets',
      TARGET_COLUMNS,
      rowsFor((request, id) =>
        (request.targets ?? []).map((target) => ({ request_id: id, target_type: target.type, url: target.url ?? null, project: target.project ?? null, account: target.account ?? null })),
      ),
    );
  }
  // The chain links events in the order they are built, which is the order of the requests.
  await write('audit_events', AUDIT_EVENT_COLUMNS, (size) =>
    chunksOf(requests, size, (slice, start) =>
      counted(
        chain.link(
          slice.map((request, i) => ({ actor, action, subjectType: 'request', subjectId: ids[start + i]!, payload: createdPayload(request, references[start + i]!) })),
        ),
      ),
    ),
  );
  return requests.map((_, i) => ({ id: ids[i]!, reference: references[i]! }));
}

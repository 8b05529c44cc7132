import type { Kysely, Transaction } from 'kysely';
import { appendEvent, appendEvents, type AuditEventInput } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { PartyRow } from '../db/tables/request-parties.ts';
import type { TargetRow } from '../db/tables/request-targets.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { NOTICE_KINDS, NOTICE_OUTCOMES, hasPublicNotice } from './model.ts';
import { NOT_ACTIONED_MARKER, PRIVATE_MARKER, foldedForSearch, redact, type RedactionTerms } from './redact.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a request tells the redaction pipeline to hide, and which of its URLs were acted on. */
export interface RequestForNotice {
  request: RequestRow;
  terms: RedactionTerms;
  targetUrls: string[];
  projects: string[];
}

const TITLE_MAX = 120;

/** The pieces of a postal address worth hiding on their own: those with a number in them, such as "Calle Mayor 5". */
function addressPieces(address: string): string[] {
  return [address, ...address.split(/[,\n;]+/).map((part) => part.trim()).filter((part) => part.length >= 4 && /\d/.test(part))];
}

/**
 * Loads what the redaction of a request's notice needs. A private individual's name is hidden with
 * its parts, and so are the names of parties who act for no organisation; the name of someone
 * acting for an organisation is hidden whole. E-mail addresses, postal addresses and the accounts
 * targeted are hidden wherever they appear. For a denial (or a request found not actionable) no
 * URL was acted on; for a partial grant, staff mark the ones that were not.
 */
export async function loadRequestForNotice(db: Db, request: RequestRow, marked: readonly string[] = []): Promise<RequestForNotice> {
  const [parties, targets] = await Promise.all([
    db.selectFrom('request_parties').selectAll().where('request_id', '=', request.id).orderBy('id').execute(),
    db.selectFrom('request_targets').selectAll().where('request_id', '=', request.id).orderBy('id').execute(),
  ]);
  return requestForNotice(request, parties, targets, marked);
}

/** What loadRequestForNotice gives, from the request's parties and targets (each in the order of their ids) already loaded. */
function requestForNotice(request: RequestRow, parties: PartyRow[], targets: TargetRow[], marked: readonly string[]): RequestForNotice {
  const names: string[] = [];
  const literals: string[] = [];
  const privateRequester = request.requester_type === 'individual' || request.requester_type === null;
  if (request.requester_name) {
    if (privateRequester) names.push(request.requester_name);
    else if (request.requester_name !== request.requester_organization) literals.push(request.requester_name);
  }
  if (privateRequester && request.requester_organization) literals.push(request.requester_organization);
  if (request.requester_email) literals.push(request.requester_email);
  for (const party of parties) {
    if (party.name) (party.organization ? literals : names).push(party.name);
    if (party.email) literals.push(party.email);
    if (party.address) literals.push(...addressPieces(party.address));
  }
  for (const target of targets) if (target.account) literals.push(target.account);
  const targetUrls = [...new Set(targets.map((target) => target.url).filter((url): url is string => url !== null))];
  const notActionedUrls = request.outcome === 'denied' || request.outcome === 'not_actionable' ? targetUrls : request.outcome === 'partially_granted' ? marked.filter((url) => targetUrls.includes(url)) : [];
  const projects = [...new Set(targets.map((target) => target.project).filter((project): project is string => project !== null))].sort();
  return { request, terms: { names, literals, notActionedUrls }, targetUrls, projects };
}

/** The targets as the public sees them: a URL, a URL with a private name in it redacted, or a marker. */
export function publicTargets(source: RequestForNotice, targets: { url: string | null; account: string | null; project: string | null }[]): string[] {
  return targets.map((target) => {
    if (target.url) return redact(target.url, source.terms).text;
    if (target.account) return PRIVATE_MARKER;
    return target.project ?? NOT_ACTIONED_MARKER;
  });
}

/** A title from the demand's first line, cut at a word; staff may write a better one. */
export function draftTitle(text: string | null, reference: string): string {
  const first = (text ?? '').split('\n').map((line) => line.trim()).find((line) => line.length > 0);
  if (!first) return reference;
  if (first.length <= TITLE_MAX) return first;
  const cut = first.slice(0, TITLE_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

/** The redacted text of a notice prepared from its request's own words. */
export async function redactedFromOriginal(db: Db, source: RequestForNotice) {
  const targets = await db.selectFrom('request_targets').select(['url', 'account', 'project']).where('request_id', '=', source.request.id).orderBy('id').execute();
  return redactedWith(source, targets);
}

function redactedWith(source: RequestForNotice, targets: { url: string | null; account: string | null; project: string | null }[]) {
  return {
    title: redact(draftTitle(source.request.original_text, source.request.reference), source.terms).text,
    body: redact(source.request.original_text ?? '', source.terms).text,
    targets: publicTargets(source, targets),
  };
}

/**
 * Prepares (or refreshes) the draft notice of a decided request, inside the caller's
 * transaction, with its audit event. Requests of kinds that have no public notice, and
 * undecided ones, get none. A notice already published or withdrawn is left as it is, and a
 * draft staff have edited keeps their text.
 */
export async function prepareNoticeDraft(trx: Transaction<Database>, requestId: number, actor: string, now = new Date()): Promise<boolean> {
  const event = await draftWithoutEvent(trx, requestId, now);
  if (event) await appendEvent(trx, { ...event, actor });
  return event !== null;
}

type DraftEvent = Omit<AuditEventInput, 'actor'>;

/** Whether a request is of a kind, and decided in a way, that has a public notice. */
function takesNotice(request: RequestRow): boolean {
  return hasPublicNotice(request.kind) && !!request.outcome && (NOTICE_OUTCOMES as readonly string[]).includes(request.outcome);
}

async function draftWithoutEvent(trx: Transaction<Database>, requestId: number, now: Date): Promise<DraftEvent | null> {
  const request = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  if (!takesNotice(request)) return null;
  const existing = await trx.selectFrom('public_notices').select(['id', 'state', 'edited_at', 'not_actioned_urls']).where('request_id', '=', request.id).forUpdate().executeTakeFirst();
  if (existing && existing.state !== 'draft') return null;
  const source = await loadRequestForNotice(trx, request, existing?.not_actioned_urls ?? []);
  return writeDraft(trx, source, await redactedFromOriginal(trx, source), existing, now);
}

/**
 * draftWithoutEvent for many requests at once: the same drafts and events, in the order of
 * `requestIds`, with the rows they need read in four queries rather than five a request.
 */
async function draftsWithoutEvents(trx: Transaction<Database>, requestIds: number[], now: Date): Promise<(DraftEvent | null)[]> {
  const requests = new Map((await trx.selectFrom('requests').selectAll().where('id', 'in', requestIds).execute()).map((row) => [row.id, row]));
  const eligible = requestIds.filter((id) => {
    const request = requests.get(id);
    if (!request) throw new Error(`request ${id} does not exist`);
    return takesNotice(request);
  });
  if (eligible.length === 0) return requestIds.map(() => null);
  const [existing, parties, targets] = await Promise.all([
    trx.selectFrom('public_notices').select(['id', 'request_id', 'state', 'edited_at', 'not_actioned_urls']).where('request_id', 'in', eligible).forUpdate().execute(),
    trx.selectFrom('request_parties').selectAll().where('request_id', 'in', eligible).orderBy('id').execute(),
    trx.selectFrom('request_targets').selectAll().where('request_id', 'in', eligible).orderBy('id').execute(),
  ]);
  const byRequest = <T extends { request_id: number }>(rows: T[]) => {
    const grouped = new Map<number, T[]>();
    for (const row of rows) grouped.set(row.request_id, [...(grouped.get(row.request_id) ?? []), row]);
    return (id: number) => grouped.get(id) ?? [];
  };
  const partiesOf = byRequest(parties);
  const targetsOf = byRequest(targets);
  const noticeOf = new Map(existing.map((notice) => [notice.request_id, notice]));
  const takingNotice = new Set(eligible);
  const events: (DraftEvent | null)[] = [];
  // New drafts are inserted together, after the loop; their places in `events` wait for their ids.
  const added: { at: number; request: RequestRow; row: NewDraft }[] = [];
  for (const id of requestIds) {
    const notice = noticeOf.get(id);
    if (!takingNotice.has(id) || (notice && notice.state !== 'draft')) {
      events.push(null);
      continue;
    }
    const source = requestForNotice(requests.get(id)!, partiesOf(id), targetsOf(id), notice?.not_actioned_urls ?? []);
    const redacted = redactedWith(source, targetsOf(id));
    if (notice) events.push(await writeDraft(trx, source, redacted, notice, now));
    else {
      const row = newDraft(source, redacted, now);
      events.push(null);
      if (row) added.push({ at: events.length - 1, request: source.request, row });
    }
  }
  const ids = await insertDrafts(
    trx,
    added.map(({ row }) => row),
  );
  for (const { at, request, row } of added) {
    const noticeId = ids.get(row.request_id);
    if (noticeId !== undefined) events[at] = drafted(request, noticeId, false, now);
  }
  return events;
}

/** What a draft holds of its request, its text redacted; null for a request without an outcome. */
function draftFacts(source: RequestForNotice, redacted: ReturnType<typeof redactedWith>, now: Date) {
  const { request } = source;
  // Undecided requests were left out by takesNotice; this says so to the type checker.
  const { outcome } = request;
  if (!outcome) return null;
  return {
    reference: request.reference,
    requester_type: request.requester_type,
    requester_organization: request.requester_type && request.requester_type !== 'individual' ? request.requester_organization : null,
    kind: request.kind,
    category: request.category,
    country: request.requester_country,
    projects: source.projects,
    outcome,
    received_at: request.received_at,
    decided_at: request.decided_at,
    targets: redacted.targets,
    not_actioned_urls: source.terms.notActionedUrls as string[],
    updated_at: now,
  };
}

/** The row of a new draft. */
function newDraft(source: RequestForNotice, redacted: ReturnType<typeof redactedWith>, now: Date) {
  const facts = draftFacts(source, redacted, now);
  if (!facts) return null;
  return { ...facts, request_id: source.request.id, title: redacted.title, body: redacted.body, folded: foldedForSearch(redacted.title, redacted.body) };
}
type NewDraft = NonNullable<ReturnType<typeof newDraft>>;

/** The most drafts one INSERT holds (each row takes 17 parameters of the 65,535 a statement may have). */
const DRAFTS_AN_INSERT = 500;

/**
 * Inserts new drafts, a few hundred a statement; returns the notice id of each request whose draft
 * was inserted. Two reviewers opening the list at once may both prepare one: the first one wins,
 * and the other's is left out.
 */
async function insertDrafts(trx: Transaction<Database>, rows: NewDraft[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let start = 0; start < rows.length; start += DRAFTS_AN_INSERT) {
    const inserted = await trx
      .insertInto('public_notices')
      .values(rows.slice(start, start + DRAFTS_AN_INSERT))
      .onConflict((conflict) => conflict.column('request_id').doNothing())
      .returning(['id', 'request_id'])
      .execute();
    for (const { id, request_id } of inserted) ids.set(request_id, id);
  }
  return ids;
}

/** The audit event of a draft made or refreshed. */
function drafted(request: RequestRow, noticeId: number, refreshed: boolean, now: Date): DraftEvent {
  return { action: 'notice.drafted', subjectType: 'public_notice', subjectId: noticeId, payload: { reference: request.reference, request_id: request.id, refreshed }, occurredAt: now };
}

async function writeDraft(
  trx: Transaction<Database>,
  source: RequestForNotice,
  redacted: ReturnType<typeof redactedWith>,
  existing: { id: number; edited_at: Date | null } | undefined,
  now: Date,
): Promise<DraftEvent | null> {
  if (!existing) {
    const row = newDraft(source, redacted, now);
    const noticeId = row && (await insertDrafts(trx, [row])).get(row.request_id);
    return noticeId === undefined || noticeId === null ? null : drafted(source.request, noticeId, false, now);
  }
  const facts = draftFacts(source, redacted, now);
  if (!facts) return null;
  const text = existing.edited_at ? {} : { title: redacted.title, body: redacted.body, folded: foldedForSearch(redacted.title, redacted.body) };
  await trx.updateTable('public_notices').set({ ...facts, ...text }).where('id', '=', existing.id).execute();
  return drafted(source.request, existing.id, true, now);
}

/**
 * Prepares the drafts of decided requests that have none yet, such as those imported with their
 * outcome; the console's review list runs it, a bounded number at a time.
 */
export async function prepareMissingDrafts(db: Kysely<Database>, limit = 200, now = new Date()): Promise<number> {
  const missing = await db
    .selectFrom('requests')
    .select('id')
    .where('kind', 'in', [...NOTICE_KINDS])
    .where('outcome', 'in', [...NOTICE_OUTCOMES])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('public_notices').select('public_notices.id').whereRef('public_notices.request_id', '=', 'requests.id'))))
    .orderBy('id')
    .limit(limit)
    .execute();
  if (missing.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const events: AuditEventInput[] = [];
    for (const event of await draftsWithoutEvents(trx, missing.map(({ id }) => id), now)) {
      if (event) events.push({ ...event, actor: 'system:notices' });
    }
    await appendEvents(trx, events);
    return events.length;
  });
}

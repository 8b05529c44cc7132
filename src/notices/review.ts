import type { Kysely, Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { requireStepUp } from '../auth/step-up.ts';
import type { Database } from '../db/database.ts';
import type { PublicNoticeRow } from '../db/tables/public-notices.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { ANONYMISED } from '../retention/anonymise.ts';
import { NoticeNotFoundError, NoticeStateError } from './model.ts';
import { loadRequestForNotice, publicTargets, redactedFromOriginal, type RequestForNotice } from './prepare-draft.ts';
import { foldedForSearch, redact, type RedactedSpan } from './redact.ts';

const TITLE_MAX = 300;
const BODY_MAX = 200_000;
const REFERENCE = /^[A-Z][A-Z0-9]*-[0-9A-Za-z-]{1,40}$/;

const actorOf = (staff: StaffSession) => `staff:${staff.email}`;

/** A notice with its request and what its redaction needs: what the review page shows side by side. */
export interface NoticeForReview {
  notice: PublicNoticeRow;
  source: RequestForNotice;
  /** The targets of the request, for marking which ones were not acted on. */
  targets: { url: string | null; account: string | null; project: string | null }[];
  /** What the pipeline finds in the original text, for highlighting it. */
  originalSpans: RedactedSpan[];
}

async function lockNotice(db: Kysely<Database> | Transaction<Database>, reference: string, forUpdate = false): Promise<{ notice: PublicNoticeRow; request: RequestRow }> {
  if (!REFERENCE.test(reference)) throw new NoticeNotFoundError(reference);
  let query = db.selectFrom('public_notices').selectAll().where('reference', '=', reference);
  if (forUpdate) query = query.forUpdate();
  const notice = await query.executeTakeFirst();
  if (!notice) throw new NoticeNotFoundError(reference);
  const request = await db.selectFrom('requests').selectAll().where('id', '=', notice.request_id).executeTakeFirstOrThrow();
  return { notice, request };
}

/** Loads a notice for the console's review page. */
export async function loadNoticeForReview(db: Kysely<Database>, reference: string): Promise<NoticeForReview> {
  const { notice, request } = await lockNotice(db, reference);
  const source = await loadRequestForNotice(db, request, notice.not_actioned_urls);
  const targets = await db.selectFrom('request_targets').select(['url', 'account', 'project']).where('request_id', '=', request.id).orderBy('id').execute();
  return { notice, source, targets, originalSpans: redact(request.original_text ?? '', source.terms).spans };
}

/**
 * Saves staff's edit of a draft's title and text. The redaction runs again over what they wrote,
 * so that an e-mail address or phone number typed in an edit is still caught; returns how many
 * things it replaced. Audited.
 */
export async function editNotice(db: Kysely<Database>, staff: StaffSession, reference: string, input: { title?: string; body?: string }, now = new Date()): Promise<number> {
  const title = (input.title ?? '').replace(/\s+/g, ' ').trim();
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  const issues: FieldIssue[] = [];
  if (!title) issues.push({ field: 'title', message: 'is required', code: 'notices-error-title-required' });
  else if (title.length > TITLE_MAX) issues.push({ field: 'title', message: `is longer than ${TITLE_MAX} characters`, code: 'notices-error-too-long', params: [TITLE_MAX] });
  if (body.length > BODY_MAX) issues.push({ field: 'body', message: `is longer than ${BODY_MAX} characters`, code: 'notices-error-too-long', params: [BODY_MAX] });
  if (issues.length > 0) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const { notice, request } = await lockNotice(trx, reference, true);
    if (notice.state !== 'draft') throw new NoticeStateError(reference, notice.state);
    const source = await loadRequestForNotice(trx, request, notice.not_actioned_urls);
    const redactedTitle = redact(title, source.terms);
    const redactedBody = redact(body, source.terms);
    const caught = redactedTitle.spans.length + redactedBody.spans.length;
    if (redactedTitle.text === notice.title && redactedBody.text === notice.body) return 0;
    await trx.updateTable('public_notices').set({ title: redactedTitle.text, body: redactedBody.text, folded: foldedForSearch(redactedTitle.text, redactedBody.text), edited_at: now, updated_at: now }).where('id', '=', notice.id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'notice.edited', subjectType: 'public_notice', subjectId: notice.id, payload: { reference, redacted_in_edit: caught }, occurredAt: now });
    return caught;
  });
}

/**
 * Records which target URLs of a partial grant were not acted on: they are shown as
 * `[not actioned]` in the notice's targets and wherever its text names them. A draft staff have
 * not edited is prepared again from the original; an edited one is redacted again as it stands.
 */
export async function markNotActioned(db: Kysely<Database>, staff: StaffSession, reference: string, urls: readonly string[], now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { notice, request } = await lockNotice(trx, reference, true);
    if (notice.state !== 'draft') throw new NoticeStateError(reference, notice.state);
    if (request.outcome !== 'partially_granted') throw new ValidationError([{ field: 'not_actioned', message: 'only a partial grant has URLs to mark', code: 'notices-error-not-partial' }]);
    const known = new Set((await trx.selectFrom('request_targets').select('url').where('request_id', '=', request.id).execute()).map((row) => row.url));
    const unknown = urls.filter((url) => !known.has(url));
    if (unknown.length > 0) throw new ValidationError([{ field: 'not_actioned', message: 'is not a target of this request', code: 'notices-error-unknown-url', params: [unknown[0]!.slice(0, 200)] }]);
    const source = await loadRequestForNotice(trx, request, urls);
    const targets = await trx.selectFrom('request_targets').select(['url', 'account', 'project']).where('request_id', '=', request.id).orderBy('id').execute();
    const text = notice.edited_at ? { title: redact(notice.title, source.terms).text, body: redact(notice.body, source.terms).text } : await redactedFromOriginal(trx, source);
    await trx
      .updateTable('public_notices')
      .set({ title: text.title, body: text.body, folded: foldedForSearch(text.title, text.body), targets: publicTargets(source, targets), not_actioned_urls: [...source.terms.notActionedUrls], updated_at: now })
      .where('id', '=', notice.id)
      .execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'notice.targets_marked', subjectType: 'public_notice', subjectId: notice.id, payload: { reference, not_actioned: source.terms.notActionedUrls.length, targets: known.size }, occurredAt: now });
  });
}

/** Publishes a draft (or a withdrawn notice again); needs the second factor entered within minutes. Audited. */
export async function publishNotice(db: Kysely<Database>, staff: StaffSession, reference: string, now = new Date()): Promise<void> {
  requireStepUp(staff, now);
  await db.transaction().execute(async (trx) => {
    const { notice, request } = await lockNotice(trx, reference, true);
    if (notice.state === 'published') throw new NoticeStateError(reference, notice.state);
    // Retention blanked its text with the request's personal data: there is nothing to publish.
    if (request.anonymised_at) throw new NoticeStateError(reference, 'anonymised');
    await trx.updateTable('public_notices').set({ state: 'published', published_at: now, withdrawn_at: null, reviewed_by: staff.userId, updated_at: now }).where('id', '=', notice.id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'notice.published', subjectType: 'public_notice', subjectId: notice.id, payload: { reference, republished: notice.state === 'withdrawn' }, occurredAt: now });
  });
}

/** Withdraws a published notice: its permalink then says it was withdrawn. Audited. */
export async function withdrawNotice(db: Kysely<Database>, staff: StaffSession, reference: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { notice, request } = await lockNotice(trx, reference, true);
    if (notice.state !== 'published') throw new NoticeStateError(reference, notice.state);
    // Retention left a published notice as counsel published it; withdrawn, it is no longer public,
    // and its text goes as the rest of the request's did (it can never be published again).
    const blanked = request.anonymised_at ? { title: ANONYMISED, body: ANONYMISED, targets: [], not_actioned_urls: [], folded: foldedForSearch(ANONYMISED, ANONYMISED) } : {};
    await trx.updateTable('public_notices').set({ state: 'withdrawn', withdrawn_at: now, reviewed_by: staff.userId, updated_at: now, ...blanked }).where('id', '=', notice.id).execute();
    await appendEvent(trx, { actor: actorOf(staff), action: 'notice.withdrawn', subjectType: 'public_notice', subjectId: notice.id, payload: { reference, ...(request.anonymised_at ? { text_removed: true } : {}) }, occurredAt: now });
  });
}

/** The console's review list: notices in one state, most recently decided first. */
export async function listNoticesForReview(db: Kysely<Database>, state: 'draft' | 'published' | 'withdrawn', limit = 200) {
  const [items, counts] = await Promise.all([
    db.selectFrom('public_notices').select(['reference', 'title', 'kind', 'outcome', 'state', 'decided_at', 'published_at', 'edited_at']).where('state', '=', state).orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    db.selectFrom('public_notices').select(['state', db.fn.countAll<string>().as('count')]).groupBy('state').execute(),
  ]);
  return { items, counts: Object.fromEntries(counts.map((row) => [row.state, Number(row.count)])) as Record<string, number> };
}

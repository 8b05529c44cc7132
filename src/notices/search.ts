import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PublicNoticeRow } from '../db/tables/public-notices.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { isCountryCode } from '../requests/countries.ts';
import { CATEGORIES_BY_KIND, REQUESTER_TYPES } from '../requests/model.ts';
import { isProjectName } from '../requests/projects.ts';
import { parsePeriod, type Period } from '../transparency/period.ts';
import { NOTICE_KINDS, NOTICE_OUTCOMES, NoticeNotFoundError, NoticeWithdrawnError } from './model.ts';
import { SNIPPET_START, SNIPPET_STOP, foldForMatching } from './redact.ts';
import { isStorableText } from '../intake/storable-text.ts';

/** The filters of a search of the public notice database, as read from a query string. */
export interface NoticeQuery {
  q?: string;
  kind?: string;
  /** `null` asks for notices whose requester's country is unknown. */
  country?: string | null;
  year?: number;
  outcome?: string;
  project?: string;
  period?: Period;
  requesterType?: string | null;
  category?: string;
  cursor?: { publishedAt: Date; id: number };
  limit: number;
}

/** The parameters a search takes, in the order the form shows them. */
export const QUERY_PARAMETERS = ['q', 'kind', 'country', 'year', 'outcome', 'project', 'period', 'requester_type', 'category', 'cursor', 'limit'] as const;

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const Q_MAX = 200;
const NOTICE_CATEGORIES = new Set<string>(NOTICE_KINDS.flatMap((kind) => CATEGORIES_BY_KIND[kind]));

function first(value: unknown): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : undefined;
}

export function encodeCursor(publishedAt: Date, id: number): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(value: string): { publishedAt: Date; id: number } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,18})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const publishedAt = new Date(match[1]!);
  return Number.isNaN(publishedAt.getTime()) ? undefined : { publishedAt, id: Number(match[2]) };
}

/**
 * Reads a search from query parameters (the API's and the page's form alike). An empty value
 * means no filter; a value the database does not know is a problem named by its field, so that
 * the reader is told rather than shown an empty page.
 */
export function parseNoticeQuery(raw: Record<string, unknown>): NoticeQuery {
  const issues: FieldIssue[] = [];
  const bad = (field: string, code: string, value: string) => issues.push({ field, message: `"${value.slice(0, 60)}" is not accepted`, code, params: [value.slice(0, 60)] });
  const query: NoticeQuery = { limit: DEFAULT_LIMIT };
  const q = first(raw.q);
  if (q !== undefined) {
    if (q.length > Q_MAX) issues.push({ field: 'q', message: `is longer than ${Q_MAX} characters`, code: 'notices-error-q-too-long', params: [Q_MAX] });
    else if (!isStorableText(q)) issues.push({ field: 'q', message: 'holds a character that cannot be searched for', code: 'notices-error-q-unstorable' });
    else query.q = q;
  }
  const kind = first(raw.kind);
  if (kind !== undefined) (NOTICE_KINDS as readonly string[]).includes(kind) ? (query.kind = kind) : bad('kind', 'notices-error-kind', kind);
  const country = first(raw.country);
  if (country !== undefined) {
    if (country === 'unknown') query.country = null;
    else if (isCountryCode(country.toUpperCase())) query.country = country.toUpperCase();
    else bad('country', 'notices-error-country', country);
  }
  const year = first(raw.year);
  if (year !== undefined) /^\d{4}$/.test(year) && Number(year) >= 1970 ? (query.year = Number(year)) : bad('year', 'notices-error-year', year);
  const outcome = first(raw.outcome);
  if (outcome !== undefined) (NOTICE_OUTCOMES as readonly string[]).includes(outcome) ? (query.outcome = outcome) : bad('outcome', 'notices-error-outcome', outcome);
  const project = first(raw.project);
  if (project !== undefined) isProjectName(project.toLowerCase()) ? (query.project = project.toLowerCase()) : bad('project', 'notices-error-project', project);
  const period = first(raw.period);
  if (period !== undefined) {
    try {
      query.period = parsePeriod(period);
    } catch {
      bad('period', 'notices-error-period', period);
    }
  }
  const requesterType = first(raw.requester_type);
  if (requesterType !== undefined) {
    if (requesterType === 'unknown') query.requesterType = null;
    else if ((REQUESTER_TYPES as readonly string[]).includes(requesterType)) query.requesterType = requesterType;
    else bad('requester_type', 'notices-error-requester-type', requesterType);
  }
  const category = first(raw.category);
  if (category !== undefined) NOTICE_CATEGORIES.has(category) ? (query.category = category) : bad('category', 'notices-error-category', category);
  const cursor = first(raw.cursor);
  if (cursor !== undefined) {
    const decoded = cursor.length <= 200 ? decodeCursor(cursor) : undefined;
    decoded ? (query.cursor = decoded) : bad('cursor', 'notices-error-cursor', cursor);
  }
  const limit = first(raw.limit);
  if (limit !== undefined) /^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_LIMIT ? (query.limit = Number(limit)) : bad('limit', 'notices-error-limit', limit);
  if (issues.length > 0) throw new ValidationError(issues);
  return query;
}

/** The words as typed, or without their accents: "articulo" finds "artículo" and the other way round. */
function tsQuery(q: string) {
  const folded = foldForMatching(q);
  // Words that fold to themselves would be asked for twice, reading the index twice.
  if (folded === q) return sql`websearch_to_tsquery('simple', ${q})`;
  return sql`(websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('simple', ${folded}))`;
}

const RECEIVED_YEAR = sql`extract(year FROM public_notices.received_at AT TIME ZONE 'UTC')`;
const RECEIVED_HALF = sql`(CASE WHEN extract(month FROM public_notices.received_at AT TIME ZONE 'UTC') > 6 THEN 2 ELSE 1 END)`;

type NoticeSelect<O> = SelectQueryBuilder<Database, 'public_notices', O>;

/** The WHERE clause of a search: published notices matching every filter given (its cursor aside). */
export function filtered<O>(builder: NoticeSelect<O>, query: NoticeQuery): NoticeSelect<O> {
  let qb = builder.where('public_notices.state', '=', 'published');
  if (query.q) qb = qb.where(sql<boolean>`public_notices.search @@ ${tsQuery(query.q)}`);
  if (query.kind) qb = qb.where('public_notices.kind', '=', query.kind);
  if (query.country !== undefined) qb = query.country === null ? qb.where('public_notices.country', 'is', null) : qb.where('public_notices.country', '=', query.country);
  // The year as the index public_notices_year_published_idx has it, so that a page of one year is read in order.
  if (query.year !== undefined) qb = qb.where(sql<boolean>`${RECEIVED_YEAR} = ${query.year}`);
  if (query.period) {
    qb = qb.where('public_notices.received_at', '>=', query.period.from).where('public_notices.received_at', '<', query.period.until);
    // The same period by the index's keys (public_notices_year_published_idx, public_notices_half_published_idx).
    const half = /-H([12])$/.exec(query.period.id)?.[1];
    qb = qb.where(sql<boolean>`${RECEIVED_YEAR} = ${query.period.from.getUTCFullYear()}`);
    if (half) qb = qb.where(sql<boolean>`${RECEIVED_HALF} = ${Number(half)}`);
  }
  if (query.outcome) qb = qb.where('public_notices.outcome', '=', query.outcome);
  if (query.project) qb = qb.where(sql<boolean>`public_notices.projects @> ARRAY[${query.project}]::text[]`);
  if (query.requesterType !== undefined) qb = query.requesterType === null ? qb.where('public_notices.requester_type', 'is', null) : qb.where('public_notices.requester_type', '=', query.requesterType);
  if (query.category) qb = qb.where('public_notices.category', '=', query.category);
  return qb;
}

export type NoticeHit = PublicNoticeRow & { snippet: string };

const HEADLINE_OPTIONS = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * How many matches a search that may match few notices reads through its filters' indexes
 * before it gives up and walks from the newest instead. Reading matches this way costs a visit
 * to each one's row; walking costs a test of the stored text-search column (kept apart, in
 * TOAST) of every published notice newer than the page's last hit: for a word that 2,449 of a
 * million notices have, 2,449 rows against 7,900 tested (27 ms against 84 ms, measured). The two
 * cost the same near the square root of (page size × notices), about 4,500 at a million. The
 * worst a search then costs is just past the cap: the reading thrown away, then a walk of about
 * 5,000 rows, each about 45 ms at a million notices with nothing cached.
 */
export const FEW_MATCHES = 4_000;

/**
 * The planner's estimate of the matches of a search (its cursor applied): one planning of the
 * statement, nothing read. For a word that is not among the commonest the planner keeps, it only
 * knows that the word is rarer than those; that is enough to skip the capped reading for a
 * common word, which would find its cap at once and be thrown away.
 */
async function estimatedMatches(db: Kysely<Database>, query: NoticeQuery, after: (qb: NoticeSelect<any>) => NoticeSelect<any>): Promise<number> {
  const { sql: text, parameters } = after(filtered(db.selectFrom('public_notices').select(sql<number>`1`.as('one')), query)).compile();
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${text}`, [...parameters]));
  const raw = rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return plan[0]!.Plan['Plan Rows'];
}

/**
 * One page of a search, newest published first, by keyset (published_at, id): every page costs
 * the same however deep. A snippet of the body comes with each hit, the query's words marked.
 * `few` says the search is known to match few notices (its counts were exact and under
 * COUNT_LIMIT): they are then found by the indexes of their filters and sorted, rather than by
 * walking every published notice from the newest, which for a rare word tests thousands.
 * `maybeFew` says its size is not known (its counts stopped at COUNT_LIMIT): unless the planner
 * expects many matches, up to FEW_MATCHES are read that way, and only a search with more walks.
 * Whichever way is taken, the hits and their order are the same.
 */
export async function searchNotices(
  db: Kysely<Database>,
  query: NoticeQuery,
  options: { few?: boolean; maybeFew?: boolean } = {},
): Promise<{ hits: NoticeHit[]; nextCursor: string | null; read: 'by-index' | 'walking' }> {
  const snippet = query.q
    ? sql<string>`ts_headline('simple', public_notices.body, ${tsQuery(query.q)}, ${HEADLINE_OPTIONS})`
    : sql<string>`left(public_notices.body, 240)`;
  const after = (qb: NoticeSelect<any>) => (query.cursor ? qb.where(sql<boolean>`(public_notices.published_at, public_notices.id) < (${query.cursor.publishedAt}, ${query.cursor.id})`) : qb);
  // `read` says which way the page was found, for those who look at its cost (tests, profiles).
  const page = (rows: NoticeHit[], read: 'by-index' | 'walking') => {
    const hits = rows.slice(0, query.limit);
    const last = hits[hits.length - 1];
    return { hits, nextCursor: rows.length > query.limit && last ? encodeCursor(last.published_at!, last.id) : null, read };
  };
  // Only a walk that tests words is slow for a search of middling size: filters alone walk indexes of their own.
  const tryFew = options.maybeFew && query.q !== undefined && (await estimatedMatches(db, query, after)) <= 4 * FEW_MATCHES;
  const cap = options.few ? undefined : tryFew ? FEW_MATCHES : null;
  if (cap !== null) {
    // The matches by the filters' own indexes (at most cap + 1 of them, when capped), the page's sorted from them.
    const limited = after(filtered(db.selectFrom('public_notices').select(['public_notices.id', 'public_notices.published_at']), query));
    const matches = cap === undefined ? limited : limited.limit(cap + 1);
    const rows = (await db
      .with((cte) => cte('matches').materialized(), () => matches)
      .with('page', (w) => w.selectFrom('matches').select('matches.id').orderBy('matches.published_at', 'desc').orderBy('matches.id', 'desc').limit(query.limit + 1))
      .selectFrom('public_notices')
      .selectAll('public_notices')
      .select(snippet.as('snippet'))
      .$if(cap !== undefined, (qb) => qb.select((w) => w.selectFrom('matches').select(sql<string>`count(*)::text`.as('n')).as('matched')))
      .where('public_notices.id', 'in', (w) => w.selectFrom('page').select('page.id'))
      .orderBy('public_notices.published_at', 'desc')
      .orderBy('public_notices.id', 'desc')
      .execute()) as (NoticeHit & { matched?: string })[];
    // Past the cap, the matches read are not all of them, and their newest need not be the newest.
    if (cap === undefined || rows.length === 0 || Number(rows[0]!.matched) <= cap) {
      for (const row of rows) delete row.matched;
      return page(rows, 'by-index');
    }
  }
  const qb = after(filtered(db.selectFrom('public_notices').selectAll('public_notices').select(snippet.as('snippet')), query));
  return page((await qb.orderBy('public_notices.published_at', 'desc').orderBy('public_notices.id', 'desc').limit(query.limit + 1).execute()) as NoticeHit[], 'walking');
}

/** The notice a permalink names: published, or withdrawn (which its page says), never a draft. */
export async function findPublicNotice(db: Kysely<Database>, reference: string): Promise<PublicNoticeRow> {
  if (!/^[A-Z][A-Z0-9]*-[0-9A-Za-z-]{1,40}$/.test(reference)) throw new NoticeNotFoundError(reference);
  const notice = await db.selectFrom('public_notices').selectAll().where('reference', '=', reference).where('state', 'in', ['published', 'withdrawn']).executeTakeFirst();
  if (!notice) throw new NoticeNotFoundError(reference);
  if (notice.state === 'withdrawn') throw new NoticeWithdrawnError(notice.reference, notice.withdrawn_at!);
  return notice;
}

/** The newest published notices, for the feed. */
export async function latestNotices(db: Kysely<Database>, limit = 50): Promise<PublicNoticeRow[]> {
  return db.selectFrom('public_notices').selectAll().where('state', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

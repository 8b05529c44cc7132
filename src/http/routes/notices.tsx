import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { roleHolds } from '../../auth/permissions.ts';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { NoticeListPage } from '../../console/notices/list-page.tsx';
import { NoticeReviewPage, type ReviewProblem } from '../../console/notices/review-page.tsx';
import { ValidationError, type FieldIssue } from '../../errors.ts';
import { noticeFeed } from '../../notices/atom.ts';
import { NOTICE_STATES, NoticeNotFoundError, NoticeWithdrawnError } from '../../notices/model.ts';
import { prepareMissingDrafts } from '../../notices/prepare-draft.ts';
import { presentHit, presentNotice } from '../../notices/presenter.ts';
import { editNotice, listNoticesForReview, loadNoticeForReview, markNotActioned, publishNotice, withdrawNotice } from '../../notices/review.ts';
import { COUNT_LIMIT, FACETS, noticeCounts } from '../../notices/facets.ts';
import { QUERY_PARAMETERS, findPublicNotice, latestNotices, parseNoticeQuery, searchNotices, type NoticeQuery } from '../../notices/search.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { PageCache } from '../../site/page-cache.ts';
import { noticeSitemap } from '../../notices/sitemap.ts';
import { NoticeMissingPage, NoticePage, NoticeWithdrawnPage } from '../../site/pages/notices-notice.tsx';
import { NoticeSearchPage, type NoticeForm, type NoticeResults } from '../../site/pages/notices.tsx';
import { ErrorBodySchema } from '../error-handler.ts';
import type { Route, RouteContext } from '../routes.ts';
import { pageLanguage, sendCachedPage, sendHtml } from '../site-pages.ts';

const text = (description: string, examples?: string[]) => Type.Optional(Type.String({ maxLength: 200, description, ...(examples ? { examples } : {}) }));

/** The search's parameters, documented for the OpenAPI description; their values are checked by parseNoticeQuery. */
export const NoticeSearchQuery = Type.Object({
  q: text('Words to find in the title and text (web-search syntax: "a phrase", -word, or)', ['defamation']),
  kind: text('content_alteration or copyright'),
  country: text("The requester's country, ISO 3166-1 alpha-2, or unknown", ['DE', 'unknown']),
  year: text('The year the request was received', ['2026']),
  outcome: text('granted, partially_granted, denied or not_actionable'),
  project: text('A project the request targets', ['en.wikipedia.org']),
  period: text('A reporting period the request was received in', ['2026-H1']),
  requester_type: text('executive, law_enforcement, court, regulator, individual, company, lawyer, organization, or unknown'),
  category: text('The ground (defamation, privacy, erasure, trademark, unlawful, other) or counter_notice'),
  cursor: text('next_cursor from the previous page'),
  limit: text('Notices per page, 1 to 100 (20 by default)', ['20']),
});

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);
const NoticeHit = Type.Object({
  reference: Type.String({ examples: ['CR-2026-000123'] }),
  title: Type.String(),
  kind: Type.String(),
  category: Nullable(Type.String()),
  outcome: Type.String(),
  requester: Type.Object({ type: Nullable(Type.String()), country: Nullable(Type.String()), organization: Nullable(Type.String({ description: 'Only when the requester is not a private individual' })) }),
  country: Nullable(Type.String()),
  projects: Type.Array(Type.String()),
  targets: Type.Array(Type.String({ description: 'A URL, or [not actioned] / [private] in its place' })),
  received_on: Type.String({ format: 'date' }),
  decided_on: Nullable(Type.String({ format: 'date' })),
  published_at: Type.String({ format: 'date-time' }),
  snippet: Type.String({ description: 'Redacted text around the words found, each between ⟪ and ⟫' }),
});
const FacetCounts = Type.Array(Type.Object({ key: Nullable(Type.String()), count: Type.Integer() }));
const SearchResponse = Type.Object({
  items: Type.Array(NoticeHit),
  next_cursor: Nullable(Type.String()),
  total: Type.Integer({ description: `Notices matching the search, on every page; when counts_exact is false, the first ${COUNT_LIMIT} matches found (at least this many match)` }),
  counts_exact: Type.Boolean({ description: `Whether total and the facet counts count every match. The search without filters or with one of kind, country, year, outcome or project is always counted exactly; any other counts at most ${COUNT_LIMIT} matches, and when it reaches that many this is false and each figure is a lower bound` }),
  facets: Type.Object(Object.fromEntries(FACETS.map((facet) => [facet, FacetCounts]))),
});



function formOf(query: Record<string, unknown>): NoticeForm {
  const form: NoticeForm = {};
  for (const key of QUERY_PARAMETERS) {
    if (key === 'cursor') continue;
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string' && value.trim()) form[key] = value.trim().slice(0, 200);
  }
  return form;
}

async function runSearch(handle: RouteContext['handle'], query: NoticeQuery) {
  // The counts first: a search they show to match few notices, or may, reads its page by another way.
  const counts = await noticeCounts(handle.db, query);
  const { hits, nextCursor } = await searchNotices(handle.db, query, { few: counts.exact && counts.total < COUNT_LIMIT, maybeFew: !counts.exact });
  return { hits: hits.map(presentHit), nextCursor, facets: counts.facets, total: counts.total, exact: counts.exact };
}

/**
 * How long a page of search results is kept, as long as its Cache-Control lets any cache keep it;
 * how many are kept, since readers choose the searches. A search costs two queries (the notices
 * and the facet counts), which on the embedded database's one connection run one after another:
 * readers arriving together with the same search share one. A notice published or withdrawn here
 * shows at once; through another process, within the minute.
 */
const SEARCH_PAGE_TTL_MS = 60_000;
const SEARCH_PAGES_KEPT = 500;

/** What a page of results depends on: the language and each parameter's first value, as the search reads it. */
function searchPageKey(lang: string, raw: Record<string, unknown>): string {
  const value = (key: string) => {
    const one = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key];
    return typeof one === 'string' ? one.trim() : null;
  };
  return `${lang} /notices ${JSON.stringify(QUERY_PARAMETERS.map(value))}`;
}

const referenceOf = (request: FastifyRequest) => (request.params as { reference: string }).reference.toUpperCase();

const formValues = (body: unknown): Record<string, string | string[]> => (body && typeof body === 'object' ? (body as Record<string, string | string[]>) : {});
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/**
 * The public notice database: its search API, its pages, its feed, and the console's review of
 * drafts. Public output goes through the presenter; the console shows the original to staff.
 */
/** Notice pages may be kept a minute; error pages not at all. */
const html = (reply: FastifyReply, status: number, body: string | Buffer) => sendHtml(reply, status, body, status === 200 ? 'public, max-age=60' : 'no-store');

export function noticesRoutes({ handle, config }: RouteContext): Route[] {
  const db = handle.db;
  const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
  const NoticeParams = Type.Object({ lang: Type.String({ maxLength: 20 }), reference: Type.String({ maxLength: 64 }) });
  const ConsoleParams = Type.Object({ reference: Type.String({ maxLength: 64 }) });
  const searchPages = new PageCache(Date.now, SEARCH_PAGES_KEPT);
  const sitemap = noticeSitemap(db);

  async function showReview(request: FastifyRequest, reply: FastifyReply, status: number, problem?: ReviewProblem) {
    const review = await loadNoticeForReview(db, referenceOf(request));
    const done = (request.query as { done?: string }).done;
    const page = <NoticeReviewPage context={consoleContext(request)} review={review} canPublish={roleHolds(request.staff!.role, 'notices:publish')} problem={problem} done={status === 200 && done && /^(text|targets|publish|withdraw|text-caught)$/.test(done) ? done : undefined} />;
    return sendConsolePage(reply, status, page);
  }

  /** A review action: do it and go back to the page (303); a problem with the input shows the page again (400). */
  const act = (form: ReviewProblem['form'], work: (request: FastifyRequest, fields: Record<string, string | string[]>) => Promise<string | void>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = formValues(request.body);
    let done: string = form;
    try {
      done = (await work(request, fields)) ?? form;
      // What the public search and the sitemap show may have changed.
      searchPages.clear();
      sitemap.changed();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const values = { title: one(fields.title), body: one(fields.body) };
      return showReview(request, reply, 400, { form, issues: error.issues, values });
    }
    return reply.redirect(`/console/notices/${encodeURIComponent(referenceOf(request))}?done=${done}#${form === 'text' ? 'text' : form === 'targets' ? 'targets' : 'publish'}`, 303);
  };

  return [
    {
      method: 'GET',
      url: '/api/v1/notices',
      permission: 'public',
      summary: 'Search the public, redacted notices: newest published first, with facet counts, a page at a time (pass next_cursor back as cursor)',
      schema: { tags: ['open data'], querystring: NoticeSearchQuery, response: { 200: SearchResponse, 400: ErrorBodySchema } },
      handler: async (request, reply) => {
        const query = parseNoticeQuery(request.query as Record<string, unknown>);
        const { hits, nextCursor, facets, total, exact } = await runSearch(handle, query);
        return reply.header('cache-control', 'public, max-age=60').send({ items: hits, next_cursor: nextCursor, total, counts_exact: exact, facets });
      },
    },
    {
      method: 'GET',
      url: '/:lang/notices',
      permission: 'public',
      summary: 'The public notice database: search, filters and facets',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const context = pageContext(pageLanguage(request), '/notices');
        const raw = request.query as Record<string, unknown>;
        const form = formOf(raw);
        let query: NoticeQuery;
        try {
          query = parseNoticeQuery(raw);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return html(reply, 400, renderPage(<NoticeSearchPage context={context} form={form} issues={error.issues as FieldIssue[]} results={null} />));
        }
        const key = searchPageKey(context.lang, raw);
        const { page } = await searchPages.get(key, SEARCH_PAGE_TTL_MS, async () => {
          const found = await runSearch(handle, query);
          const results: NoticeResults = { ...found, continued: query.cursor !== undefined };
          return renderPage(<NoticeSearchPage context={context} form={form} issues={[]} results={results} />);
        });
        return sendCachedPage(request, reply, searchPages, key, page, { cacheControl: 'public, max-age=60' });
      },
    },
    {
      method: 'GET',
      url: '/:lang/notices/feed.atom',
      permission: 'public',
      summary: 'An Atom feed of the newest published notices',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const { t } = pageContext(lang, '/notices');
        const base = config.publicUrl.replace(/\/$/, '');
        const notices = (await latestNotices(db)).map(presentNotice);
        const body = noticeFeed(notices, {
          lang,
          title: t('notices-feed-title'),
          subtitle: t('notices-lead'),
          author: t('site-name'),
          selfUrl: `${base}/${lang}/notices/feed.atom`,
          pageUrl: `${base}/${lang}/notices`,
          noticeUrl: (reference) => `${base}/${lang}/notices/${reference}`,
          summary: (notice) => t('notices-feed-summary', t(`desk-kind-${notice.kind}`), t(`desk-outcome-${notice.outcome}`), notice.projects.join(', ') || '—'),
        });
        return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);
      },
    },
    {
      method: 'GET',
      url: '/:lang/notices/:reference',
      permission: 'public',
      summary: 'One published notice, by its stable reference; a withdrawn one says so (410)',
      hidden: true,
      schema: { params: NoticeParams },
      sitemapPages: sitemap,
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const reference = referenceOf(request);
        const context = pageContext(lang, `/notices/${reference}`);
        try {
          const notice = await findPublicNotice(db, reference);
          return html(reply, 200, renderPage(<NoticePage context={context} notice={presentNotice(notice)} />));
        } catch (error) {
          if (error instanceof NoticeWithdrawnError) return html(reply, 410, renderPage(<NoticeWithdrawnPage context={context} reference={error.reference} withdrawnAt={error.withdrawnAt} />));
          if (error instanceof NoticeNotFoundError) return html(reply, 404, renderPage(<NoticeMissingPage context={context} reference={reference} />));
          throw error;
        }
      },
    },
    {
      method: 'GET',
      url: '/console/notices',
      permission: 'requests:read',
      summary: 'Public notices: drafts to review, published and withdrawn; prepares the drafts decided requests lack',
      hidden: true,
      schema: { querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 20 })) }) },
      handler: async (request, reply) => {
        const wanted = (request.query as { state?: string }).state || 'draft';
        const state = (NOTICE_STATES as readonly string[]).includes(wanted) ? (wanted as (typeof NOTICE_STATES)[number]) : 'draft';
        const prepared = await prepareMissingDrafts(db);
        const { items, counts } = await listNoticesForReview(db, state);
        return sendConsolePage(reply, 200, <NoticeListPage context={consoleContext(request)} state={state} items={items} counts={counts} prepared={prepared} />);
      },
    },
    {
      method: 'GET',
      url: '/console/notices/:reference',
      permission: 'requests:read',
      summary: 'A notice: the original beside the redacted text, its targets, and its state',
      hidden: true,
      schema: { params: ConsoleParams },
      handler: (request, reply) => showReview(request, reply, 200),
    },
    {
      method: 'POST',
      url: '/console/notices/:reference/text',
      permission: 'notices:publish',
      summary: "Edit a draft's title and text; the redaction runs again over the edit",
      hidden: true,
      schema: { params: ConsoleParams },
      handler: act('text', async (request, fields) => {
        const caught = await editNotice(db, request.staff!, referenceOf(request), { title: one(fields.title), body: one(fields.body) });
        return caught > 0 ? 'text-caught' : 'text';
      }),
    },
    {
      method: 'POST',
      url: '/console/notices/:reference/targets',
      permission: 'notices:publish',
      summary: 'Mark which target URLs of a partial grant were not acted on',
      hidden: true,
      schema: { params: ConsoleParams },
      handler: act('targets', async (request, fields) => {
        const marked = fields.not_actioned === undefined ? [] : [fields.not_actioned].flat().filter((value) => typeof value === 'string');
        await markNotActioned(db, request.staff!, referenceOf(request), marked);
      }),
    },
    {
      method: 'POST',
      url: '/console/notices/:reference/publish',
      permission: 'notices:publish',
      summary: 'Publish a notice (needs a fresh second factor)',
      hidden: true,
      schema: { params: ConsoleParams },
      handler: act('publish', async (request) => publishNotice(db, request.staff!, referenceOf(request))),
    },
    {
      method: 'POST',
      url: '/console/notices/:reference/withdraw',
      permission: 'notices:publish',
      summary: 'Withdraw a published notice; its permalink then says it was withdrawn',
      hidden: true,
      schema: { params: ConsoleParams },
      handler: act('withdraw', async (request) => withdrawNotice(db, request.staff!, referenceOf(request))),
    },
  ];
}

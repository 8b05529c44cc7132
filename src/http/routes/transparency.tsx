import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import { requireStepUp } from '../../auth/step-up.ts';
import { PublishPage } from '../../console/transparency/publish-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { Database } from '../../db/database.ts';
import { LANGUAGES, negotiateLanguage } from '../../i18n/translate.ts';
import { pageContext, renderPage, type PageContext } from '../../site/layout.tsx';
import { PageCache, onSiteContentChange } from '../../site/page-cache.ts';
import { TransparencyErrorPage } from '../../site/pages/transparency-error.tsx';
import { TransparencyIndexPage, type PeriodSummary } from '../../site/pages/transparency-index.tsx';
import { TransparencyPeriodPage } from '../../site/pages/transparency-period.tsx';
import { COUNTED_KINDS } from '../../transparency/compute-report.ts';
import { takedownFigures } from '../../transparency/headline.ts';
import { InvalidPeriodError, parsePeriod, type Period } from '../../transparency/period.ts';
import { loadPeriodFigures, publishedOrLive } from '../../transparency/period-figures.ts';
import { isComplete, lastFullYear, listPeriods } from '../../transparency/periods.ts';
import { publishSnapshot } from '../../transparency/publish-snapshot.ts';
import { reportToCsv } from '../../transparency/report-csv.ts';
import type { TransparencyReport } from '../../transparency/report-shape.ts';
import { reportTables, tableCsv, tableJson } from '../../transparency/report-tables.ts';
import { findSnapshot, latestSnapshots, sealReport, snapshotHistory } from '../../transparency/snapshots.ts';
import type { Route, RouteContext } from '../routes.ts';
import { sendCachedPage, sendHtml } from '../site-pages.ts';
import { LIVE_FIGURES_TTL_MS } from './site.tsx';

const langParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
const periodParams = Type.Object({ lang: Type.String({ maxLength: 20 }), period: Type.String({ maxLength: 40 }) });
const fileParams = Type.Object({ lang: Type.String({ maxLength: 20 }), period: Type.String({ maxLength: 40 }), file: Type.String({ maxLength: 80 }) });

/** A public page or download could not be given: the reason, as a page in the reader's language. */
class PageProblem {
  constructor(
    readonly status: 400 | 404,
    readonly key: string,
    readonly params: string[],
  ) {}
}


/** The page's language from its address; an unknown one is answered in the language the browser asks for. */
function languageOf(request: FastifyRequest): { lang: string; known: boolean } {
  const { lang } = request.params as { lang: string };
  return LANGUAGES.includes(lang) ? { lang, known: true } : { lang: negotiateLanguage(request.headers['accept-language']), known: false };
}

/** The period of the address: malformed is a 400, one that has not begun a 404. */
function periodOf(raw: string, now: Date): Period {
  let period: Period;
  try {
    period = parsePeriod(raw);
  } catch (error) {
    if (error instanceof InvalidPeriodError) throw new PageProblem(400, 'transparency-error-bad-period', [raw]);
    throw error;
  }
  if (period.from.getTime() > now.getTime()) throw new PageProblem(404, 'transparency-error-future-period', [period.id]);
  return period;
}

/** Runs a public handler, answering its problems as pages in the reader's language, never as a 500. */
async function publicPage(request: FastifyRequest, reply: FastifyReply, path: (lang: string) => string, work: (context: PageContext) => Promise<unknown>) {
  const { lang, known } = languageOf(request);
  const context = pageContext(lang, path(lang));
  try {
    if (!known) throw new PageProblem(404, 'transparency-error-no-page', [request.url.split('?')[0]!]);
    return await work(context);
  } catch (error) {
    if (!(error instanceof PageProblem)) throw error;
    const titleKey = error.status === 400 ? 'transparency-error-bad-title' : 'transparency-error-missing-title';
    return sendHtml(reply, error.status, renderPage(<TransparencyErrorPage context={context} titleKey={titleKey} message={context.t(error.key, ...error.params)} />));
  }
}

function total(report: TransparencyReport): number {
  return report.content_alteration.received + report.copyright.received + report.copyright.counter_notices + report.user_data.received + report.preservation.received + report.emergency.received;
}

/** Requests received per half-year, every kind together, duplicates aside, in one grouped query. */
async function receivedByHalf(db: Kysely<Database>): Promise<Map<string, number>> {
  const { rows } = await sql<{ year: number; half: number; received: number }>`
    SELECT extract(year FROM received_at AT TIME ZONE 'UTC')::int AS year,
           CASE WHEN extract(month FROM received_at AT TIME ZONE 'UTC') <= 6 THEN 1 ELSE 2 END AS half,
           count(*)::int AS received
      FROM requests WHERE duplicate_of_id IS NULL AND ${COUNTED_KINDS} GROUP BY 1, 2`.execute(db);
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(`${row.year}-H${row.half}`, Number(row.received));
    counts.set(String(row.year), (counts.get(String(row.year)) ?? 0) + Number(row.received));
  }
  return counts;
}

function download(reply: FastifyReply, type: string, filename: string, body: string) {
  return reply
    .status(200)
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-cache')
    .send(body);
}

const FILE = /^([a-z_-]+|snapshot-v[1-9]\d{0,6})\.(csv|json)$/;

/** How many report pages (language × period × figures) are kept rendered at most. */
const REPORT_PAGES_KEPT = 64;

/**
 * The public transparency report (the list of periods, a period's page, its downloads) and the
 * console's page for publishing a period as a frozen, hashed snapshot.
 */
export function transparencyRoutes({ handle }: RouteContext): Route[] {
  const { db } = handle;
  const wantsLive = (request: FastifyRequest) => (request.query as Record<string, unknown> | undefined)?.figures === 'live';
  // The report pages are rendered at most once a minute per language, period and choice of
  // figures, as the home page's live figures are (LIVE_FIGURES_TTL_MS says why a time to live):
  // a period's page computes its report, the period before it, and draws its charts and map,
  // ~100 ms of work that readers arriving together would otherwise repeat. Publishing here
  // renders them again at once; readers of another process on the same database see a new
  // version within the minute.
  // Any period back to 1970 can be asked for: the pages kept are bounded, the least recent dropped first.
  const pages = new PageCache(Date.now, REPORT_PAGES_KEPT);
  onSiteContentChange(() => pages.clear());
  const cachedHtml = async (request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>) => {
    const { page } = await pages.get(key, LIVE_FIGURES_TTL_MS, render);
    return sendCachedPage(request, reply, pages, key, page, { cacheControl: 'no-store' });
  };
  return [
    {
      method: 'GET',
      url: '/:lang/transparency',
      permission: 'public',
      summary: 'The transparency report: the headline for last year and every period with figures',
      hidden: true,
      schema: { params: langParams },
      handler: (request, reply) =>
        publicPage(request, reply, () => '/transparency', (context) => cachedHtml(request, reply, `${context.lang} /transparency`, async () => {
          const now = new Date();
          const year = lastFullYear(now);
          const last = await publishedOrLive(db, year);
          const published = await latestSnapshots(db);
          const counts = await receivedByHalf(db);
          const periods: PeriodSummary[] = (await listPeriods(db, now)).map((period) => {
            const snapshot = published.get(period.id);
            return { period, received: snapshot ? total(snapshot.report) : (counts.get(period.id) ?? 0), version: snapshot?.version ?? null, complete: isComplete(period, now) };
          });
          const headline = { year: year.id, ...takedownFigures(last.report), published: !!last.snapshot };
          return renderPage(<TransparencyIndexPage context={context} headline={headline} periods={periods} />);
        })),
    },
    {
      method: 'GET',
      url: '/:lang/transparency/:period',
      permission: 'public',
      summary: "One period's report: its figures (published or provisional), charts, tables and downloads",
      hidden: true,
      schema: { params: periodParams },
      sitemap: async () => (await listPeriods(handle.db)).map((period) => `/transparency/${period.id}`),
      handler: (request, reply) => {
        const { period: raw } = request.params as { period: string };
        return publicPage(request, reply, () => `/transparency/${raw}`, async (context) => {
          const period = periodOf(raw, new Date());
          const live = wantsLive(request);
          return cachedHtml(request, reply, `${context.lang} /transparency/${raw}${live ? ' live' : ''}`, async () => {
            const figures = await loadPeriodFigures(db, period, { live });
            return renderPage(<TransparencyPeriodPage context={context} figures={figures} />);
          });
        });
      },
    },
    {
      method: 'GET',
      url: '/:lang/transparency/:period/:file',
      permission: 'public',
      summary: "A period's figures as CSV or JSON: the whole report, one table, or a published snapshot exactly as hashed",
      hidden: true,
      schema: { params: fileParams },
      handler: (request, reply) => {
        const { period: raw, file } = request.params as { period: string; file: string };
        return publicPage(request, reply, () => `/transparency/${raw}`, async () => {
          const period = periodOf(raw, new Date());
          const match = FILE.exec(file);
          if (!match) throw new PageProblem(404, 'transparency-error-no-file', [file]);
          const [, name, format] = match as unknown as [string, string, 'csv' | 'json'];
          if (name.startsWith('snapshot-v')) {
            const snapshot = format === 'json' ? await findSnapshot(db, period.id, Number(name.slice('snapshot-v'.length))) : undefined;
            if (!snapshot) throw new PageProblem(404, 'transparency-error-no-file', [file]);
            return download(reply, 'application/json; charset=utf-8', `transparency-${period.id}-v${snapshot.version}.json`, snapshot.text);
          }
          const figures = await loadPeriodFigures(db, period, { live: wantsLive(request) });
          const source = figures.showingLive ? ({ kind: 'live' } as const) : ({ kind: 'snapshot', version: figures.snapshot!.version, sha256: figures.snapshot!.sha256 } as const);
          const stem = `transparency-${period.id}${figures.showingLive ? '-live' : `-v${figures.snapshot!.version}`}`;
          if (name === 'report') {
            if (format === 'csv') return download(reply, 'text/csv; charset=utf-8', `${stem}.csv`, reportToCsv(figures.shown));
            return download(reply, 'application/json; charset=utf-8', `${stem}.json`, figures.showingLive ? sealReport(figures.shown).text : figures.snapshot!.text);
          }
          const table = reportTables(figures.shown, figures.previous).find((candidate) => candidate.id === name);
          if (!table) throw new PageProblem(404, 'transparency-error-no-file', [file]);
          if (format === 'csv') return download(reply, 'text/csv; charset=utf-8', `${stem}-${table.id}.csv`, tableCsv(table));
          return download(reply, 'application/json; charset=utf-8', `${stem}-${table.id}.json`, JSON.stringify(tableJson(table, figures.shown.period, source), null, 2));
        });
      },
    },
    {
      method: 'GET',
      url: '/console/transparency',
      permission: 'transparency:publish',
      summary: 'Publishing the transparency report: every period, its published versions, and the button to publish',
      hidden: true,
      handler: async (request, reply) => {
        const now = new Date();
        const periods = await Promise.all((await listPeriods(db, now)).map(async (period) => ({ period, complete: isComplete(period, now), versions: await snapshotHistory(db, period.id) })));
        const ids = [...new Set(periods.flatMap((entry) => entry.versions.map((snapshot) => snapshot.publishedBy)))];
        const rows = ids.length > 0 ? await db.selectFrom('staff_users').select(['id', 'email']).where('id', 'in', ids).execute() : [];
        const done = (request.query as Record<string, unknown> | undefined)?.done;
        return sendConsolePage(
          reply,
          200,
          <PublishPage context={consoleContext(request)} periods={periods} names={new Map(rows.map((row) => [Number(row.id), row.email]))} done={typeof done === 'string' && FILE_SAFE.test(done) ? done : undefined} />,
        );
      },
    },
    {
      method: 'POST',
      url: '/console/transparency/:period/publish',
      permission: 'transparency:publish',
      summary: "Freezes a period that has ended into the next version of its snapshot (needs a recent second factor)",
      hidden: true,
      schema: { params: Type.Object({ period: Type.String({ maxLength: 40 }) }) },
      handler: async (request, reply) => {
        const staff = request.staff!;
        requireStepUp(staff);
        const { period } = request.params as { period: string };
        const snapshot = await publishSnapshot(db, period, staff.userId);
        pages.clear();
        return reply.redirect(`/console/transparency?done=${encodeURIComponent(`${snapshot.periodId} v${snapshot.version}`)}`, 303);
      },
    },
  ];
}

/** What a confirmation may say: a period and a version, nothing else. */
const FILE_SAFE = /^\d{4}(-H[12])? v\d{1,7}$/;

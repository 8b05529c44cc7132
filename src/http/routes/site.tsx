import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ConfigError } from '../../config.ts';
import { NotFoundError } from '../../errors.ts';
import { LANGUAGES, negotiateLanguage } from '../../i18n/translate.ts';
import { TOPIC_SLUGS, type TopicSlug } from '../../site/content/types.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { liveFigures } from '../../site/live-figures.ts';
import { PageCache, onSiteContentChange, type CachedPage, type RenderedPage } from '../../site/page-cache.ts';
import { loadPublicSurveys } from '../../awareness/presenter.ts';
import { loadPublishedImages } from '../../media/published.ts';
import { AwarenessPage } from '../../site/pages/awareness.tsx';
import { listVisibleNews, newsPageTtl } from '../../news/visibility.ts';
import { recentLinks } from '../../elsewhere/list-links.ts';
import { ElsewherePage } from '../../site/pages/elsewhere.tsx';
import { HomePage } from '../../site/pages/home.tsx';
import { LitigationPage } from '../../site/pages/litigation.tsx';
import { StoriesPage } from '../../site/pages/stories.tsx';
import { TopicPage } from '../../site/pages/topic.tsx';
import { configureSite, siteSettings } from '../../site/settings.ts';
import { SITEMAP_URLS_MAX, renderSitemap, renderSitemapIndex, type PagedSitemap } from '../../site/sitemap.ts';
import type { Route, RouteContext } from '../routes.ts';
import { pageLanguage, sendCachedPage } from '../site-pages.ts';

/**
 * The policy of the site's own pages: nothing but this site's stylesheet and icon, no script,
 * no framing, forms only to this site.
 */
export const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * How long the home page's live figures are kept. A time to live rather than a version counter:
 * requests are written by more than this process (`candor import`, e-mail intake, other servers
 * on one PostgreSQL), which no in-process counter would see, and checking the data on every
 * view would cost a query per reader. So the report is computed at most once a minute per
 * language, and the figures are at most a minute old.
 */
export const LIVE_FIGURES_TTL_MS = 60_000;

/**
 * How long a page showing content from the database (images, survey results) is kept. A change
 * made through this process's console clears its cache at once (siteContentChanged); this bounds
 * how long another process on the same database may show the previous version.
 */
export const SITE_CONTENT_TTL_MS = 300_000;
/** How many of the latest posts the home page shows. */
const HOME_NEWS = 3;

const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
const TopicParams = Type.Object({ lang: Type.String({ maxLength: 20 }), slug: Type.String({ maxLength: 60 }) });


/**
 * The public site: `/` (to the reader's language), the home page with live figures, litigation,
 * community voices, a page per topic, and the sitemap of every public page. `others` are the
 * rest of the route table, so that the navigation and the sitemap list every public page the
 * server answers.
 */
export function siteRoutes(context: RouteContext, others: Route[]): Route[] {
  const { handle, config } = context;
  if (config.secondLanguage && config.secondLanguage !== 'none' && !LANGUAGES.includes(config.secondLanguage)) {
    throw new ConfigError('SECOND_LANGUAGE', `has no catalog for "${config.secondLanguage}"; use one of ${LANGUAGES.join(', ')} or none`);
  }
  const cache = new PageCache();
  // Pages show news, images and survey results: a change to any of them renders them again.
  onSiteContentChange(() => cache.clear());
  /** Sends the page kept under `key`, rendered first if it is not; readers may keep it `maxAge` seconds. */
  const sendKept = async (request: FastifyRequest, reply: FastifyReply, key: string, ttlMs: number, maxAge: number, render: () => Promise<string | RenderedPage> | string) => {
    const { page } = await cache.get(key, ttlMs, render);
    return sendCachedPage(request, reply, cache, key, page, { cacheControl: `public, max-age=${maxAge}`, csp: SITE_CSP });
  };
  const fixed = (path: string, render: (lang: string) => preact.VNode) => async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = pageLanguage(request);
    return sendKept(request, reply, `${lang} ${path}`, Infinity, 300, () => renderPage(render(lang)));
  };

  const own: Route[] = [
    {
      method: 'GET',
      url: '/',
      permission: 'public',
      summary: 'To the home page in the reader’s language',
      hidden: true,
      handler: async (request, reply) => reply.header('vary', 'Accept-Language').header('cache-control', 'no-cache').redirect(`/${negotiateLanguage(request.headers['accept-language'])}/`, 302),
    },
    {
      method: 'GET',
      url: '/:lang',
      permission: 'public',
      summary: 'A language’s home page, reached without its final slash',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => reply.redirect(`/${pageLanguage(request)}/`, 301),
    },
    {
      method: 'GET',
      url: '/:lang/',
      permission: 'public',
      summary: 'The home page',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        return sendKept(request, reply, `${lang} /`, LIVE_FIGURES_TTL_MS, 60, async () => {
          const now = new Date();
          const [figures, news, ttlMs, images, surveys] = await Promise.all([
            liveFigures(handle.db),
            listVisibleNews(handle.db, lang, now, HOME_NEWS),
            newsPageTtl(handle.db, now, LIVE_FIGURES_TTL_MS),
            loadPublishedImages(handle.db),
            loadPublicSurveys(handle.db),
          ]);
          const elsewhere = await recentLinks(handle.db, 6);
          return { html: renderPage(<HomePage context={pageContext(lang, '/', { images })} figures={figures} surveys={surveys} news={news} elsewhere={elsewhere} />), ttlMs };
        });
      },
    },
    {
      method: 'GET',
      url: '/:lang/elsewhere',
      permission: 'public',
      summary: 'Links gathered from sister sites’ feeds',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        // Fetched by a background round in any process: kept a minute, as the home page's figures are.
        return sendKept(request, reply, `${lang} /elsewhere`, LIVE_FIGURES_TTL_MS, 60, async () => renderPage(<ElsewherePage context={pageContext(lang, '/elsewhere')} links={await recentLinks(handle.db, 60)} />));
      },
    },
    { method: 'GET', url: '/:lang/litigation', permission: 'public', summary: 'Litigation and legal efforts', hidden: true, schema: { params: LangParams }, handler: fixed('/litigation', (lang) => <LitigationPage context={pageContext(lang, '/litigation')} />) },
    { method: 'GET', url: '/:lang/stories', permission: 'public', summary: 'Community voices', hidden: true, schema: { params: LangParams }, handler: fixed('/stories', (lang) => <StoriesPage context={pageContext(lang, '/stories')} />) },
    {
      method: 'GET',
      url: '/:lang/topics/:slug',
      permission: 'public',
      summary: 'One of the topics the organisation works on',
      hidden: true,
      schema: { params: TopicParams },
      sitemap: async () => TOPIC_SLUGS.map((slug) => `/topics/${slug}`),
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const { slug } = request.params as { slug: string };
        if (!(TOPIC_SLUGS as readonly string[]).includes(slug)) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
        const path = `/topics/${slug}`;
        return sendKept(request, reply, `${lang} ${path}`, SITE_CONTENT_TTL_MS, 300, async () => renderPage(<TopicPage context={pageContext(lang, path, { images: await loadPublishedImages(handle.db) })} slug={slug as TopicSlug} />));
      },
    },
    {
      method: 'GET',
      url: '/:lang/awareness',
      permission: 'public',
      summary: 'Awareness of the projects by country and year: a chart and its tables',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        return sendKept(request, reply, `${lang} /awareness`, SITE_CONTENT_TTL_MS, 300, async () => renderPage(<AwarenessPage context={pageContext(lang, '/awareness', { images: await loadPublishedImages(handle.db) })} surveys={await loadPublicSurveys(handle.db)} />));
      },
    },
  ];

  const all = [...others, ...own];
  // A public page in every language: a GET under /:lang/ with no other parameter.
  const published = all
    // Pages, not feeds or downloads (a name with an extension).
    .filter((route) => route.method === 'GET' && route.permission === 'public' && !route.unlisted && route.url.startsWith('/:lang/') && !route.url.slice('/:lang/'.length).includes(':') && !/\.[a-z]+$/.test(route.url))
    .map((route) => route.url.slice('/:lang'.length));
  configureSite({ publicUrl: config.publicUrl, donateUrl: config.donateUrl, secondLanguage: config.secondLanguage, publishedPaths: new Set(published) });

  own.push(...sitemapRoutes(all, published));
  return own;
}

/**
 * How many keys (notices) one child sitemap lists, each in every language: well under the
 * 50,000 URLs a file may hold, so that each child stays a few megabytes to render and keep.
 */
const KEYS_PER_SITEMAP = Math.min(1_000, Math.floor(SITEMAP_URLS_MAX / LANGUAGES.length));
/** How many sitemap documents are kept in memory: the index, the pages and the most recently asked children. */
const SITEMAPS_KEPT = 20;
const SitemapParams = Type.Object({ page: Type.String({ maxLength: 12 }) });

/**
 * Sends a sitemap document from the cache: compressed when taken, 304 when the crawler has it
 * already. `again` as for sendCachedPage: a child's place in the list is read first, each time.
 */
function sendSitemap(request: FastifyRequest, reply: FastifyReply, documents: PageCache, key: string, page: CachedPage, again = true) {
  return sendCachedPage(request, reply, documents, key, page, { type: 'application/xml; charset=utf-8', cacheControl: 'public, max-age=3600', again });
}

/**
 * The sitemap: /sitemap.xml is an index (sitemaps.org) of /sitemap-pages.xml (every public page
 * with its language alternates: the site's, the sections', news posts, periods) and, for each
 * route with too many pages for one file, its children /sitemap-NAME-N.xml. Each document is
 * kept in memory, dropped when what it lists changes in this process, and rendered again after
 * SITE_CONTENT_TTL_MS for changes made by other processes sharing the database.
 */
function sitemapRoutes(all: Route[], published: string[]): Route[] {
  const documents = new PageCache(Date.now, SITEMAPS_KEPT);
  const paged = all.map((route) => route.sitemapPages).filter((entry): entry is PagedSitemap => entry !== undefined);
  /** Each paged sitemap's first keys, kept until its keys change or the time to live passes. */
  const starts = new Map<string, { keys: Promise<string[]>; expires: number }>();
  const startsOf = (sitemap: PagedSitemap) => {
    const kept = starts.get(sitemap.name);
    if (kept && kept.expires > Date.now()) return kept.keys;
    const keys = sitemap.starts(KEYS_PER_SITEMAP);
    const entry = { keys, expires: Date.now() + SITE_CONTENT_TTL_MS };
    starts.set(sitemap.name, entry);
    // A failed query is not kept.
    keys.catch(() => starts.get(sitemap.name) === entry && starts.delete(sitemap.name));
    return keys;
  };
  // News posts are listed with the pages; a change to news renders that document again.
  onSiteContentChange(() => documents.invalidate((key) => key === 'pages'));
  for (const sitemap of paged) {
    sitemap.onChange(() => {
      starts.delete(sitemap.name);
      documents.invalidate((key) => key === 'index' || key.startsWith(`${sitemap.name} `));
    });
  }
  const origin = () => siteSettings().publicUrl;

  return [
    {
      method: 'GET',
      url: '/sitemap.xml',
      permission: 'public',
      summary: 'The sitemap index: every public page, with its language alternates, in child sitemaps',
      hidden: true,
      handler: async (request, reply) => {
        const { page } = await documents.get('index', SITE_CONTENT_TTL_MS, async () => {
          const children = ['/sitemap-pages.xml'];
          for (const sitemap of paged) (await startsOf(sitemap)).forEach((_key, index) => children.push(`/sitemap-${sitemap.name}-${index + 1}.xml`));
          return renderSitemapIndex(origin(), children);
        });
        return sendSitemap(request, reply, documents, 'index', page);
      },
    },
    {
      method: 'GET',
      url: '/sitemap-pages.xml',
      permission: 'public',
      summary: 'Every public page but those listed in paged sitemaps, with its language alternates',
      hidden: true,
      handler: async (request, reply) => {
        const { page } = await documents.get('pages', SITE_CONTENT_TTL_MS, async () => {
          const listed = (await Promise.all(all.filter((route) => route.sitemap).map((route) => route.sitemap!()))).flat();
          const paths = [...new Set([...published, ...listed.filter((entry) => typeof entry === 'string')])];
          return renderSitemap(origin(), paths, listed.filter((entry) => typeof entry !== 'string'));
        });
        return sendSitemap(request, reply, documents, 'pages', page);
      },
    },
    ...paged.map(
      (sitemap): Route => ({
        method: 'GET',
        url: `/sitemap-${sitemap.name}-:page.xml`,
        permission: 'public',
        summary: `One page of the ${sitemap.name} sitemap: at most ${KEYS_PER_SITEMAP} pages, each in every language`,
        hidden: true,
        schema: { params: SitemapParams },
        handler: async (request, reply) => {
          const { page: number } = request.params as { page: string };
          const index = /^[1-9]\d{0,8}$/.test(number) ? Number(number) - 1 : -1;
          const start = index >= 0 ? (await startsOf(sitemap))[index] : undefined;
          if (start === undefined) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
          const key = `${sitemap.name} ${start}`;
          const { page } = await documents.get(key, SITE_CONTENT_TTL_MS, async () => renderSitemap(origin(), await sitemap.paths(start, KEYS_PER_SITEMAP)));
          return sendSitemap(request, reply, documents, key, page, false);
        },
      }),
    ),
  ];
}

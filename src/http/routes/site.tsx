import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ConfigError } from '../../config.ts';
import { NotFoundError } from '../../errors.ts';
import { LANGUAGES, negotiateLanguage } from '../../i18n/translate.ts';
import { TOPIC_SLUGS, type TopicSlug } from '../../site/content/types.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { liveFigures } from '../../site/live-figures.ts';
import { PageCache, onSiteContentChange, type RenderedPage } from '../../site/page-cache.ts';
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
import { renderSitemap } from '../../site/sitemap.ts';
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

  own.push({
    method: 'GET',
    url: '/sitemap.xml',
    permission: 'public',
    summary: 'Every public page, with its language alternates',
    hidden: true,
    handler: async (_request, reply) => {
      const listed = (await Promise.all(all.filter((route) => route.sitemap).map((route) => route.sitemap!()))).flat();
      const paths = [...new Set([...published, ...listed.filter((entry) => typeof entry === 'string')])];
      const localized = listed.filter((entry) => typeof entry !== 'string');
      return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(renderSitemap(siteSettings().publicUrl, paths, localized));
    },
  });
  return own;
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { newsFeed } from '../../news/atom.ts';
import { onSiteContentChange } from '../../site/page-cache.ts';
import { renderToString } from 'preact-render-to-string';
import { renderPostMarkdown } from '../../news/markdown.ts';
import { pageImages } from '../../news/post-images.ts';
import { loadPublishedImages, type PublishedImage } from '../../media/published.ts';
import { ImageCredits } from '../../site/site-image.tsx';
import { NEWS_PAGE_TTL_MS, findVisibleNews, listVisibleNews, newsPageTtl, newsSitemap, renamedSlug, visiblePostsWithSlug, visibleTranslations } from '../../news/visibility.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { PageCache, type CachedPage } from '../../site/page-cache.ts';
import { NewsListPage, NewsMissingPage, NewsPostPage } from '../../site/pages/news.tsx';
import { siteSettings } from '../../site/settings.ts';
import type { Route, RouteContext } from '../routes.ts';
import { newsConsoleRoutes } from './news-console.tsx';
import { SITE_CSP } from './site.tsx';
import { pageLanguage, sendCachedPage } from '../site-pages.ts';

const LangParams = Type.Object({ lang: Type.String({ maxLength: 20 }) });
const ListQuery = Type.Object({ page: Type.Optional(Type.String({ maxLength: 12 })) });

/** Posts on each page of the news list; the feed carries the latest FEED_SIZE. */
const PAGE_SIZE = 20;
const FEED_SIZE = 50;
const PostParams = Type.Object({ lang: Type.String({ maxLength: 20 }), slug: Type.String({ maxLength: 200 }) });


/**
 * Sends a cached page or feed: compressed when taken, 304 when the reader has it already.
 * `again` says whether the same request may be answered from memory while the page is current,
 * which holds when nothing but the kept page decides the answer.
 */
function send(request: FastifyRequest, reply: FastifyReply, cache: PageCache, key: string, page: CachedPage, type: string, again = true) {
  return sendCachedPage(request, reply, cache, key, page, { type, cacheControl: 'public, max-age=60', csp: type.startsWith('text/html') ? SITE_CSP : undefined, again });
}

const HTML = 'text/html; charset=utf-8';

/**
 * A post's text for its feed entry, followed by the credits of the images it shows: a feed
 * reader shows the images away from the post's page, so each entry carries its own credits.
 */
function entryHtml(body: string, lang: string, base: string, images: ReadonlyMap<string, PublishedImage>): string {
  const context = pageContext(lang, '/news', { images });
  const html = renderPostMarkdown(body, base, pageImages(context));
  return context.images!.shown.length > 0 ? `${html}${renderToString(<ImageCredits context={context} />)}` : html;
}

/** No such post or page of the list (404), in the reader's language, with the way to the news. */
function missing(reply: FastifyReply, context: ReturnType<typeof pageContext>) {
  return reply.status(404).header('content-type', HTML).header('content-security-policy', SITE_CSP).header('cache-control', 'no-store').send(renderPage(<NewsMissingPage context={context} />));
}

/**
 * The public news: the list of a language's posts, a post, and the language's Atom feed, all
 * served from memory and rendered again after every change to news (this process's) or within
 * a minute (another's), and never past a scheduled post's time. The console's pages are in
 * news-console.tsx.
 */
export function newsRoutes(context: RouteContext): Route[] {
  const { db } = context.handle;
  const cache = new PageCache();
  onSiteContentChange(() => cache.invalidate(() => true));
  const origin = () => siteSettings().publicUrl || context.config.publicUrl;

  const publicRoutes: Route[] = [
    {
      method: 'GET',
      url: '/:lang/news',
      permission: 'public',
      summary: 'The news published in a language, newest first',
      hidden: true,
      schema: { params: LangParams, querystring: ListQuery },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const raw = (request.query as { page?: string }).page;
        const number = raw === undefined || raw === '1' ? 1 : /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 0;
        // A later page exists in this language alone: the switcher leads to the other languages' first pages.
        const path = number > 1 ? `/news?page=${number}` : '/news';
        const context = number > 1 ? pageContext(lang, path, { versions: { paths: new Map([[lang, path]]), fallback: '/news' } }) : pageContext(lang, path);
        const render = async () => {
          const now = new Date();
          const [items, ttlMs] = await Promise.all([number > 0 ? listVisibleNews(db, lang, now, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE) : [], newsPageTtl(db, now)]);
          if (number !== 1 && items.length === 0) return undefined;
          return { html: renderPage(<NewsListPage context={context} items={items.slice(0, PAGE_SIZE)} page={number} hasMore={items.length > PAGE_SIZE} />), ttlMs };
        };
        // The first page, which nearly every reader asks for, is kept in memory; later pages (any number can be asked for) are not.
        if (number === 1) {
          const key = `${lang} /news`;
          const { page } = await cache.get(key, NEWS_PAGE_TTL_MS, async () => (await render())!);
          return send(request, reply, cache, key, page, HTML);
        }
        const rendered = await render();
        if (!rendered) return missing(reply, pageContext(lang, path, { versions: { paths: new Map(), fallback: '/news' } }));
        return reply.header('content-type', HTML).header('content-security-policy', SITE_CSP).header('cache-control', 'public, max-age=60').send(rendered.html);
      },
    },
    {
      method: 'GET',
      url: '/:lang/feed.atom',
      permission: 'public',
      summary: 'An Atom feed of the news published in a language',
      hidden: true,
      schema: { params: LangParams },
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const key = `${lang} /feed.atom`;
        const { page } = await cache.get(key, NEWS_PAGE_TTL_MS, async () => {
          const now = new Date();
          const [items, ttlMs, images] = await Promise.all([listVisibleNews(db, lang, now, FEED_SIZE), newsPageTtl(db, now), loadPublishedImages(db)]);
          const { t } = pageContext(lang, '/news');
          const base = origin();
          const authority = base ? new URL(base).hostname : 'candor.invalid';
          const body = newsFeed(
            items,
            {
              lang,
              title: t('news-feed-title'),
              subtitle: t('news-lead'),
              author: t('site-name'),
              selfUrl: `${base}/${lang}/feed.atom`,
              pageUrl: `${base}/${lang}/news`,
              postUrl: (slug) => `${base}/${lang}/news/${slug}`,
              html: (item) => entryHtml(item.body, lang, base, images),
            },
            authority,
          );
          return { html: body, ttlMs };
        });
        return send(request, reply, cache, key, page, 'application/atom+xml; charset=utf-8');
      },
    },
    {
      method: 'GET',
      url: '/:lang/news/:slug',
      permission: 'public',
      summary: 'One news post in one language',
      hidden: true,
      schema: { params: PostParams },
      sitemap: () => newsSitemap(db, new Date()),
      handler: async (request, reply) => {
        const lang = pageLanguage(request);
        const { slug } = request.params as { slug: string };
        const now = new Date();
        const item = await findVisibleNews(db, lang, slug, now);
        if (!item) {
          // An address the translation had before its slug was changed: to the one it has now. Not a
          // 301, which browsers keep: the slug may be changed back, and a kept 301 would then loop.
          const renamed = await renamedSlug(db, lang, slug, now);
          if (renamed) return reply.header('cache-control', 'no-cache').redirect(`/${lang}/news/${renamed}`, 302);
          // An address of the same post in another language: to this language's own, if it has one.
          for (const postId of await visiblePostsWithSlug(db, slug, now)) {
            const own = (await visibleTranslations(db, postId, now)).get(lang);
            if (own) return reply.header('cache-control', 'no-cache').redirect(`/${lang}/news/${own}`, 302);
          }
          return missing(reply, pageContext(lang, `/news/${slug}`, { versions: { paths: new Map(), fallback: '/news' } }));
        }
        const key = `${lang} /news/${item.slug}`;
        const { page } = await cache.get(key, NEWS_PAGE_TTL_MS, async () => {
          const [versions, ttlMs] = await Promise.all([visibleTranslations(db, item.postId, now), newsPageTtl(db, now)]);
          const paths = new Map([...versions].map(([code, own]) => [code, `/news/${own}`]));
          // The post's library images are entered in the page's credits as its text is rendered, before the layout lists them.
          const postContext = pageContext(lang, `/news/${item.slug}`, { versions: { paths, fallback: '/news' }, images: await loadPublishedImages(db) });
          return { html: renderPage(<NewsPostPage context={postContext} item={item} html={renderPostMarkdown(item.body, origin(), pageImages(postContext))} />), ttlMs };
        });
        // Whether the post is still to be shown is read from the database first, each time.
        return send(request, reply, cache, key, page, HTML, false);
      },
    },
  ];
  return [...publicRoutes, ...newsConsoleRoutes(context)];
}

import type { NewsItem } from '../../news/visibility.ts';
import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { Layout, siteUrl, type FeedLink, type PageContext } from '../layout.tsx';

/** A day in the reader's language, with the exact instant machine-readable. */
export function NewsDate({ context, value, itemProp }: { context: PageContext; value: Date; itemProp?: string }) {
  return (
    <time dateTime={value.toISOString()} itemProp={itemProp}>
      {new Intl.DateTimeFormat(context.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(value)}
    </time>
  );
}

/** The feed of a language's news, as the head of every news page offers it. */
export function newsFeedLink(context: PageContext): FeedLink {
  return { href: siteUrl(`/${context.lang}/feed.atom`), title: context.t('news-feed-title') };
}

/** A list of posts: title, date and summary each; used by the news page and the home page. */
export function NewsList({ context, items, headingLevel = 2 }: { context: PageContext; items: NewsItem[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2';
  return (
    <ol class="news-list">
      {items.map((item) => (
        <li key={item.slug} data-slug={item.slug}>
          <Heading>
            <a href={`/${context.lang}/news/${item.slug}`}>{item.title}</a>
          </Heading>
          <p class="meta">
            <NewsDate context={context} value={item.publishedAt} />
          </p>
          {item.summary ? <p>{item.summary}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** `/{lang}/news` (and `?page=2`…): the posts published in the reader's language, newest first, and the feed. */
export function NewsListPage({ context, items, page = 1, hasMore = false }: { context: PageContext; items: NewsItem[]; page?: number; hasMore?: boolean }) {
  const { t, lang } = context;
  const title = page > 1 ? t('news-title-page', page) : t('news-title');
  return (
    <Layout context={context} title={title} description={t('news-lead')} feeds={[newsFeedLink(context)]}>
      <BilingualHeading context={context} level={1} text={message('news-title')} />
      <p class="lead">{t('news-lead')}</p>
      {items.length === 0 ? <p>{t('news-none')}</p> : <NewsList context={context} items={items} />}
      {page > 1 || hasMore ? (
        <nav aria-label={t('news-pages')} class="pages">
          {page > 1 ? (
            <a href={page === 2 ? `/${lang}/news` : `/${lang}/news?page=${page - 1}`} rel="prev">
              {t('news-newer')}
            </a>
          ) : null}{' '}
          {hasMore ? (
            <a href={`/${lang}/news?page=${page + 1}`} rel="next">
              {t('news-older')}
            </a>
          ) : null}
        </nav>
      ) : null}
      <p>
        <a href={`/${lang}/feed.atom`} type="application/atom+xml">
          {t('news-feed-link')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * `/{lang}/news/{slug}`: one post, with schema.org NewsArticle microdata (read by search engines
 * without any script on the page, which the site's policy forbids) and Open Graph article data.
 * `html` is the post's Markdown, rendered and sanitised.
 */
export function NewsPostPage({ context, item, html }: { context: PageContext; item: NewsItem; html: string }) {
  const { t, lang } = context;
  const url = siteUrl(`/${lang}/news/${item.slug}`);
  return (
    <Layout
      context={context}
      title={item.title}
      description={item.summary || undefined}
      feeds={[newsFeedLink(context)]}
      article={{ publishedTime: item.publishedAt, modifiedTime: item.updatedAt, section: t('news-title') }}
    >
      <p class="breadcrumb">
        <a href={`/${lang}/news`}>{t('news-back')}</a>
      </p>
      <article class="post" itemScope itemType="https://schema.org/NewsArticle">
        <link itemProp="mainEntityOfPage url" href={url} />
        <meta itemProp="inLanguage" content={lang} />
        <h1 itemProp="headline">{item.title}</h1>
        <p class="meta">
          <span itemProp="author publisher" itemScope itemType="https://schema.org/Organization">
            <span itemProp="name">{t('site-name')}</span>
          </span>{' '}
          · <NewsDate context={context} value={item.publishedAt} itemProp="datePublished" />
          <meta itemProp="dateModified" content={item.updatedAt.toISOString()} />
        </p>
        {item.summary ? (
          <p class="lead" itemProp="description">
            {item.summary}
          </p>
        ) : null}
        <div class="post-body" itemProp="articleBody" dangerouslySetInnerHTML={{ __html: html }} />
      </article>
      <p>
        <a href={`/${lang}/feed.atom`} type="application/atom+xml">
          {t('news-feed-link')}
        </a>
      </p>
    </Layout>
  );
}

/** No post is published at this address in this language (404): the way to the news list. */
export function NewsMissingPage({ context }: { context: PageContext }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('news-missing-title')} feeds={[newsFeedLink(context)]}>
      <BilingualHeading context={context} level={1} text={message('news-missing-title')} />
      <p role="alert">{t('news-missing-text')}</p>
      <p>
        <a href={`/${lang}/news`}>{t('news-back')}</a>
      </p>
    </Layout>
  );
}

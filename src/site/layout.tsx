import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DEFAULT_LANGUAGE, LANGUAGES, translator, type Translate } from '../i18n/translate.ts';
import { ASSETS } from './assets.ts';
import { ImageCredits, imageShelf, type ImageShelf } from './site-image.tsx';
import type { PublishedImage } from '../media/published.ts';
import { isPublished, siteSettings } from './settings.ts';

/** Languages written right to left among those Candor may have catalogs for. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ckb', 'yi', 'dv']);

export function direction(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

/** What every page needs to know: its language, its translator, and where it lives in each language. */
export interface PageContext {
  lang: string;
  t: Translate;
  /** The path of this page without the language prefix, e.g. `/requests/new`. */
  path: string;
  /** On a page that shows images of the media library: those it may show, and those it showed (for the credits). */
  images?: ImageShelf;
  /** Set when the page is not the same path in every language (see LanguageVersions). */
  versions?: LanguageVersions;
}

/**
 * A page's context. `images`: the published images, when the page may show some (see SiteImage);
 * `versions`: where the page lives in each language, when that is not the same path.
 */
export function pageContext(lang: string, path: string, extras: { images?: ReadonlyMap<string, PublishedImage>; versions?: LanguageVersions } = {}): PageContext {
  return { lang, t: translator(lang), path, ...(extras.images ? { images: imageShelf(extras.images) } : {}), ...(extras.versions ? { versions: extras.versions } : {}) };
}

/** Open Graph's locale names (language_TERRITORY) for the languages with catalogs. */
const OG_LOCALES: Record<string, string> = { en: 'en_GB', es: 'es_ES', ar: 'ar_AR' };

/** The main navigation, in order; a section appears once the server answers its page. */
const MAIN_NAVIGATION: { path: string; key: string }[] = [
  { path: '/', key: 'site-nav-home' },
  { path: '/news', key: 'news-nav' },
  { path: '/transparency', key: 'site-nav-transparency' },
  { path: '/notices', key: 'site-nav-notices' },
  { path: '/legal-help', key: 'assistance-nav-legal-help' },
  { path: '/requests/new', key: 'site-nav-submit' },
  { path: '/connect', key: 'connect-nav' },
];

/** The footer's links to the organisation's work. */
const FOOTER_NAVIGATION: { path: string; key: string }[] = [
  { path: '/litigation', key: 'site-nav-litigation' },
  { path: '/stories', key: 'site-nav-stories' },
  { path: '/awareness', key: 'awareness-nav' },
];

/** An absolute URL on this site when the public address is known, else a path. */
export function siteUrl(path: string): string {
  return `${siteSettings().publicUrl}${path}`;
}

function languageName(code: string): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

/**
 * For a page that exists in only some languages, at a different path in each (a news post):
 * the path of this page in each language it exists in, and where the language switcher leads
 * in the others (so that it never leads to a page that does not exist).
 */
export interface LanguageVersions {
  paths: ReadonlyMap<string, string>;
  fallback: string;
}

/** What Open Graph says of an article (https://ogp.me/#type_article). */
export interface ArticleMeta {
  publishedTime: Date;
  modifiedTime: Date;
  section: string;
}

const pathIn = (context: PageContext, code: string) => (context.versions ? (context.versions.paths.get(code) ?? context.versions.fallback) : context.path);
const languagesOf = (context: PageContext) => (context.versions ? LANGUAGES.filter((code) => context.versions!.paths.has(code)) : LANGUAGES);

function LanguageLinks({ context }: { context: PageContext }) {
  return (
    <nav class="languages" aria-label={context.t('site-languages')}>
      <ul>
        {LANGUAGES.map((code) =>
          code === context.lang ? (
            <li key={code}>
              <span aria-current="true" lang={code} dir={direction(code)}>
                {languageName(code)}
              </span>
            </li>
          ) : (
            <li key={code}>
              <a href={`/${code}${pathIn(context, code)}`} hrefLang={code} lang={code} dir={direction(code)}>
                {languageName(code)}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

function isCurrent(context: PageContext, path: string): boolean {
  return path === '/' ? context.path === '/' : context.path === path || context.path.startsWith(`${path}/`);
}

function NavLinks({ context, items }: { context: PageContext; items: { path: string; key: string }[] }) {
  return (
    <ul>
      {items
        .filter((item) => isPublished(item.path))
        .map((item) => (
          <li key={item.path}>
            <a href={`/${context.lang}${item.path}`} aria-current={isCurrent(context, item.path) ? 'page' : undefined}>
              {context.t(item.key)}
            </a>
          </li>
        ))}
    </ul>
  );
}

/** A feed a page offers (`<link rel="alternate" type="application/atom+xml">`). */
export interface FeedLink {
  href: string;
  title: string;
}

/**
 * Language alternates of this page (only the languages it exists in), x-default included where
 * the default language has it, and its Open Graph description.
 */
function HeadLinks({ context, title, description, article, feeds = [] }: { context: PageContext; title: string; description?: string; article?: ArticleMeta; feeds?: FeedLink[] }) {
  const { lang, path, t } = context;
  const languages = languagesOf(context);
  return (
    <>
      <link rel="canonical" href={siteUrl(`/${lang}${path}`)} />
      {languages.map((code) => (
        <link key={code} rel="alternate" hrefLang={code} href={siteUrl(`/${code}${pathIn(context, code)}`)} />
      ))}
      {languages.includes(DEFAULT_LANGUAGE) ? <link rel="alternate" hrefLang="x-default" href={siteUrl(path === '/' ? '/' : `/${DEFAULT_LANGUAGE}${pathIn(context, DEFAULT_LANGUAGE)}`)} /> : null}
      {feeds.map((feed) => (
        <link key={feed.href} rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
      ))}
      {description ? <meta name="description" content={description} /> : null}
      <meta property="og:site_name" content={t('site-name')} />
      <meta property="og:type" content={article ? 'article' : 'website'} />
      <meta property="og:title" content={title} />
      {description ? <meta property="og:description" content={description} /> : null}
      <meta property="og:url" content={siteUrl(`/${lang}${path}`)} />
      <meta property="og:locale" content={OG_LOCALES[lang] ?? lang} />
      {languages.filter((code) => code !== lang).map((code) => (
        <meta key={code} property="og:locale:alternate" content={OG_LOCALES[code] ?? code} />
      ))}
      {article ? (
        <>
          <meta property="article:published_time" content={article.publishedTime.toISOString()} />
          <meta property="article:modified_time" content={article.modifiedTime.toISOString()} />
          <meta property="article:section" content={article.section} />
        </>
      ) : null}
    </>
  );
}

/**
 * The frame of every public page: language and direction, language alternates, skip link,
 * header with the navigation, the contact and donate links, footer. No script unless a page asks for one.
 */
export function Layout({ context, title, description, children, scripts = [], article, feeds }: { context: PageContext; title: string; description?: string; children: ComponentChildren; scripts?: string[]; article?: ArticleMeta; feeds?: FeedLink[] }) {
  const { t, lang } = context;
  const { donateUrl } = siteSettings();
  // A path (the demo's) is a page of this site, in the reader's language.
  const donateHref = donateUrl?.startsWith('/') ? `/${lang}${donateUrl}` : donateUrl;
  return (
    <html lang={lang} dir={direction(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('site-name')}`}</title>
        <link rel="stylesheet" href={ASSETS.css.url} />
        <link rel="icon" href={ASSETS.icon.url} type="image/svg+xml" />
        <HeadLinks context={context} title={title} description={description} article={article} feeds={feeds} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site-skip')}
        </a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href={`/${lang}/`}>
              {t('site-name')}
            </a>
            <LanguageLinks context={context} />
            <a class="contact-link" href={`/${lang}/contact`} aria-current={context.path === '/contact' ? 'page' : undefined}>
              {t('contact-nav')}
            </a>
            {donateHref ? (
              <a class="donate" href={donateHref} rel="noreferrer">
                {t('site-donate')}
              </a>
            ) : null}
          </div>
          <nav class="wrap main-nav" aria-label={t('site-nav-label')}>
            <NavLinks context={context} items={MAIN_NAVIGATION} />
          </nav>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        {/* After the main content in the tree, so it lists every image the page showed; printed with the page. */}
        <ImageCredits context={context} />
        <footer class="site">
          <div class="wrap">
            <p class="brand-line">{t('site-name')}</p>
            <nav aria-label={t('site-footer-nav-label')}>
              <NavLinks context={context} items={[...MAIN_NAVIGATION.filter((item) => item.path !== '/'), ...FOOTER_NAVIGATION]} />
            </nav>
            <p>{t('site-privacy-line')}</p>
          </div>
        </footer>
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </body>
    </html>
  );
}

/** Renders a page to a complete HTML document. */
export function renderPage(page: preact.VNode): string {
  return `<!doctype html>\n${renderToString(page)}`;
}

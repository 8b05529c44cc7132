import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DEFAULT_LANGUAGE, LANGUAGES, translator, type Translate } from '../i18n/translate.ts';
import { ASSETS } from './assets.ts';
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
}

export function pageContext(lang: string, path: string): PageContext {
  return { lang, t: translator(lang), path };
}

/** Open Graph's locale names (language_TERRITORY) for the languages with catalogs. */
const OG_LOCALES: Record<string, string> = { en: 'en_GB', es: 'es_ES', ar: 'ar_AR' };

/** The main navigation, in order; a section appears once the server answers its page. */
const MAIN_NAVIGATION: { path: string; key: string }[] = [
  { path: '/', key: 'site-nav-home' },
  { path: '/transparency', key: 'site-nav-transparency' },
  { path: '/notices', key: 'site-nav-notices' },
  { path: '/legal-help', key: 'assistance-nav-legal-help' },
  { path: '/requests/new', key: 'site-nav-submit' },
  // News (`/news`) and Connect (`/connect`) take their places here once they are built.
];

/** The footer's links to the organisation's work. */
const FOOTER_NAVIGATION: { path: string; key: string }[] = [
  { path: '/litigation', key: 'site-nav-litigation' },
  { path: '/stories', key: 'site-nav-stories' },
];

/** An absolute URL on this site when the public address is known, else a path. */
export function siteUrl(path: string): string {
  return `${siteSettings().publicUrl}${path}`;
}

function languageName(code: string): string {
  return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
}

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
              <a href={`/${code}${context.path}`} hrefLang={code} lang={code} dir={direction(code)}>
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

/** Language alternates of this page, x-default included, and its Open Graph description. */
function HeadLinks({ context, title, description }: { context: PageContext; title: string; description?: string }) {
  const { lang, path, t } = context;
  return (
    <>
      <link rel="canonical" href={siteUrl(`/${lang}${path}`)} />
      {LANGUAGES.map((code) => (
        <link key={code} rel="alternate" hrefLang={code} href={siteUrl(`/${code}${path}`)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={siteUrl(path === '/' ? '/' : `/${DEFAULT_LANGUAGE}${path}`)} />
      {description ? <meta name="description" content={description} /> : null}
      <meta property="og:site_name" content={t('site-name')} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      {description ? <meta property="og:description" content={description} /> : null}
      <meta property="og:url" content={siteUrl(`/${lang}${path}`)} />
      <meta property="og:locale" content={OG_LOCALES[lang] ?? lang} />
      {LANGUAGES.filter((code) => code !== lang).map((code) => (
        <meta key={code} property="og:locale:alternate" content={OG_LOCALES[code] ?? code} />
      ))}
    </>
  );
}

/**
 * The frame of every public page: language and direction, language alternates, skip link,
 * header with the navigation, the contact and donate links, footer. No script unless a page asks for one.
 */
export function Layout({ context, title, description, children, scripts = [] }: { context: PageContext; title: string; description?: string; children: ComponentChildren; scripts?: string[] }) {
  const { t, lang } = context;
  const { donateUrl } = siteSettings();
  return (
    <html lang={lang} dir={direction(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('site-name')}`}</title>
        <link rel="stylesheet" href={ASSETS.css.url} />
        <link rel="icon" href={ASSETS.icon.url} type="image/svg+xml" />
        <HeadLinks context={context} title={title} description={description} />
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
            {donateUrl ? (
              <a class="donate" href={donateUrl} rel="noreferrer">
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

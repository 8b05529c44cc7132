import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { LANGUAGES, translator, type Translate } from '../i18n/translate.ts';
import { ASSETS } from './assets.ts';

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

function LanguageLinks({ context }: { context: PageContext }) {
  const names = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return (
    <nav aria-label={context.t('site-languages')}>
      <ul>
        {LANGUAGES.map((code) =>
          code === context.lang ? (
            <li key={code}>
              <span aria-current="true" lang={code} dir={direction(code)}>
                {names(code)}
              </span>
            </li>
          ) : (
            <li key={code}>
              <a href={`/${code}${context.path}`} hrefLang={code} lang={code} dir={direction(code)}>
                {names(code)}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** The frame of every public page: language and direction, skip link, header, footer. No script unless asked. */
export function Layout({ context, title, children, scripts = [] }: { context: PageContext; title: string; children: ComponentChildren; scripts?: string[] }) {
  const { t, lang } = context;
  return (
    <html lang={lang} dir={direction(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('site-name')}`}</title>
        <link rel="stylesheet" href={ASSETS.css.url} />
        {LANGUAGES.map((code) => (
          <link key={code} rel="alternate" hrefLang={code} href={`/${code}${context.path}`} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site-skip')}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={`/${lang}/`}>
              {t('site-name')}
            </a>
            <LanguageLinks context={context} />
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site">
          <div class="wrap">
            <ul>
              <li>
                <a href={`/${lang}/requests/new`}>{t('site-nav-submit')}</a>
              </li>
              <li>
                <a href={`/${lang}/legal-help`}>{t('assistance-nav-legal-help')}</a>
              </li>
              <li>
                <a href={`/${lang}/notices`}>{t('notices-nav')}</a>
              </li>
            </ul>
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

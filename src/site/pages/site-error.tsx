import { Layout, renderPage, type PageContext } from '../layout.tsx';

/** Which page an error status gets: the address has no page, the request was malformed, or the server failed. */
function kindOf(status: number): 'not-found' | 'bad-request' | 'internal' {
  if (status === 404) return 'not-found';
  return status >= 500 ? 'internal' : 'bad-request';
}

/**
 * The page a reader gets instead of a missing or malformed public page (or a failure of the
 * server): the site's frame, so the navigation, the language switcher and the contact link
 * remain, what went wrong in the reader's language, and the way back home. `details` are the
 * problems with the request, already translated.
 */
export function SiteErrorPage({ context, status, path, details = [] }: { context: PageContext; status: number; path: string; details?: string[] }) {
  const { t, lang } = context;
  const kind = kindOf(status);
  const title = t(`site-error-${kind}-title`);
  return (
    <Layout context={context} title={title}>
      <h1>{title}</h1>
      <p role="alert">
        {kind === 'not-found' ? t('site-error-not-found-text', path) : kind === 'internal' ? t('site-error-internal-text') : t('site-error-bad-request-text')}
      </p>
      {details.length > 0 ? (
        <ul>
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={`/${lang}/`}>{t('site-error-home')}</a>
      </p>
    </Layout>
  );
}

/** The error page as a document, for the error handler (which has no JSX of its own). */
export function renderSiteError(context: PageContext, status: number, path: string, details: string[]): string {
  return renderPage(<SiteErrorPage context={context} status={status} path={path} details={details} />);
}

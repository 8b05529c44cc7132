import type { ComponentChildren } from 'preact';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleHolds, type ConsolePermission } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { negotiateLanguage, translator, type Translate } from '../i18n/translate.ts';
import { ASSETS } from '../site/assets.ts';
import { direction, renderPage } from '../site/layout.tsx';

/** What every console page knows: the reader's language, the signed-in member of staff, the path. */
export interface ConsoleContext {
  lang: string;
  t: Translate;
  staff?: StaffSession;
  path: string;
}

/** The console speaks the staff member's browser language (Accept-Language). */
export function consoleContext(request: FastifyRequest): ConsoleContext {
  const lang = negotiateLanguage(request.headers['accept-language']);
  return { lang, t: translator(lang), staff: request.staff, path: request.url.split('?')[0]! };
}

/** The hidden field every state-changing console form carries. */
export function CsrfField({ context }: { context: ConsoleContext }) {
  return context.staff ? <input type="hidden" name="_csrf" value={context.staff.csrfToken} /> : null;
}

const SECTIONS: { href: string; key: string; permission: ConsolePermission }[] = [
  { href: '/console/requests', key: 'console-nav-requests', permission: 'requests:read' },
  { href: '/console/notices', key: 'notices-console-nav', permission: 'requests:read' },
  { href: '/console/assistance', key: 'console-nav-assistance', permission: 'assistance:read' },
  { href: '/console/outbox', key: 'console-nav-outbox', permission: 'mail:read' },
  { href: '/console/quarantine', key: 'console-nav-quarantine', permission: 'mail:read' },
  { href: '/console/audit', key: 'console-nav-audit', permission: 'audit:read' },
  { href: '/console/desk', key: 'console-nav-desk-settings', permission: 'desk:configure' },
  { href: '/console/retention', key: 'retention-console-nav', permission: 'retention:configure' },
  { href: '/console/users', key: 'console-nav-users', permission: 'users:manage' },
  { href: '/console/jobs', key: 'jobs-console-nav', permission: 'jobs:read' },
  { href: '/console/transparency', key: 'transparency-console-nav', permission: 'transparency:publish' },
  { href: '/console/media', key: 'media-console-nav', permission: 'site:edit' },
  { href: '/console/awareness', key: 'awareness-console-nav', permission: 'site:edit' },
  { href: '/console/connect', key: 'connect-console-nav', permission: 'subscribers:manage' },
  { href: '/console/news', key: 'news-console-title', permission: 'site:edit' },
  { href: '/console/elsewhere', key: 'elsewhere-console-nav', permission: 'site:edit' },
];

function Navigation({ context }: { context: ConsoleContext }) {
  const { t, staff, path } = context;
  if (!staff) return null;
  return (
    <nav aria-label={t('console-nav-label')}>
      <ul>
        {SECTIONS.filter((section) => roleHolds(staff.role, section.permission)).map((section) => (
          <li key={section.href}>
            <a href={section.href} aria-current={path === section.href || path.startsWith(`${section.href}/`) ? 'page' : undefined}>
              {t(section.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Account({ context }: { context: ConsoleContext }) {
  const { t, staff } = context;
  if (!staff) return null;
  return (
    <div class="account">
      <a href="/console/sessions">{staff.displayName ?? staff.email}</a>
      <span class="role">{t(`console-role-${staff.role}`)}</span>
      <form method="post" action="/console/logout">
        <CsrfField context={context} />
        <button type="submit" class="link">
          {t('console-sign-out')}
        </button>
      </form>
    </div>
  );
}

/** The frame of every console page: dense, quiet, usable without JavaScript. */
export function ConsoleLayout({ context, title, children }: { context: ConsoleContext; title: string; children: ComponentChildren }) {
  const { t, lang } = context;
  return (
    <html lang={lang} dir={direction(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} — ${t('console-name')}`}</title>
        <link rel="stylesheet" href={ASSETS.consoleCss.url} />
      </head>
      <body class="console">
        <a class="skip" href="#main">
          {t('console-skip')}
        </a>
        <header class="console">
          <a class="brand" href="/console/">
            {t('console-name')}
          </a>
          <Navigation context={context} />
          <Account context={context} />
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

/** Sends a console page: HTML, never cached, never framed. */
export function sendConsolePage(reply: FastifyReply, status: number, page: preact.VNode) {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(page));
}

/** A console page that says what went wrong, in the reader's language. */
export function ConsoleErrorPage({ context, title, message }: { context: ConsoleContext; title: string; message: string }) {
  return (
    <ConsoleLayout context={context} title={title}>
      <h1>{title}</h1>
      <p role="alert" class="problem">
        {message}
      </p>
      <p>
        <a href="/console/">{context.t('console-back-home')}</a>
      </p>
    </ConsoleLayout>
  );
}

import { roleHolds } from '../../auth/permissions.ts';
import { ConsoleLayout, consoleContext, sendConsolePage } from '../../console/layout.tsx';
import type { Route, RouteContext } from '../routes.ts';

/** The console's front door: signed-in staff land on their work; everyone else on signing in. */
export function consoleHomeRoutes(_context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      url: '/console',
      permission: 'public',
      summary: 'The console, without the trailing slash',
      hidden: true,
      handler: async (_request, reply) => reply.redirect('/console/', 308),
    },
    {
      method: 'GET',
      url: '/console/',
      permission: 'console:self',
      summary: "The console's home: the queue for the desk, the site for editors",
      hidden: true,
      handler: async (request, reply) => {
        const staff = request.staff!;
        if (roleHolds(staff.role, 'requests:read')) return reply.redirect('/console/requests', 303);
        const context = consoleContext(request);
        const { t } = context;
        return sendConsolePage(
          reply,
          200,
          <ConsoleLayout context={context} title={t('console-home-title')}>
            <h1>{t('console-home-title')}</h1>
            <p>{t('console-home-lead', t(`console-role-${staff.role}`))}</p>
          </ConsoleLayout>,
        );
      },
    },
  ];
}

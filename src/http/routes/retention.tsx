import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireStepUp } from '../../auth/step-up.ts';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { RetentionPage } from '../../console/retention/retention-page.tsx';
import { staffActor } from '../../desk/errors.ts';
import { ValidationError } from '../../errors.ts';
import { RETENTION_RECORDS, retentionPeriods, setRetentionPeriods } from '../../retention/periods.ts';
import { dueRecords, runRetention } from '../../retention/run-retention.ts';
import type { Route, RouteContext } from '../routes.ts';

/** How many due records the page lists. */
const LISTED = 100;

/** The periods' fields of a form body, by kind of record. */
function periodFields(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const record of RETENTION_RECORDS) {
    const value = (body as Record<string, unknown>)[record];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string') values[record] = text.slice(0, 20);
  }
  return values;
}

/** Retention in the console: the periods (admin and counsel), what is due, and anonymising it now. */
export function retentionRoutes({ handle }: RouteContext): Route[] {
  const db = handle.db;
  const render = async (request: FastifyRequest, reply: FastifyReply, status: number, problem?: { issues: ValidationError['issues']; values: Record<string, string> }) => {
    const query = request.query as { done?: string; anonymised?: string };
    const anonymised = /^\d{1,9}$/.test(query.anonymised ?? '') ? Number(query.anonymised) : undefined;
    const { due, total } = await dueRecords(db, new Date(), LISTED);
    const page = (
      <RetentionPage
        context={consoleContext(request)}
        periods={await retentionPeriods(db)}
        due={due}
        total={total}
        problem={problem}
        done={status === 200 && (query.done === 'saved' || anonymised !== undefined) ? { saved: query.done === 'saved', anonymised } : undefined}
      />
    );
    return sendConsolePage(reply, status, page);
  };
  return [
    {
      method: 'GET',
      url: '/console/retention',
      permission: 'retention:configure',
      summary: 'How long personal data is kept, per kind of record, and what is due to be anonymised',
      hidden: true,
      handler: (request, reply) => render(request, reply, 200),
    },
    {
      method: 'POST',
      url: '/console/retention/periods',
      permission: 'retention:configure',
      summary: 'Change the retention periods; all or nothing (needs a recent second factor: a shorter period anonymises within the hour)',
      hidden: true,
      handler: async (request, reply) => {
        requireStepUp(request.staff!);
        const values = periodFields(request.body);
        try {
          await setRetentionPeriods(db, values, staffActor(request.staff!));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return render(request, reply, 400, { issues: error.issues, values });
        }
        return reply.redirect('/console/retention?done=saved#periods', 303);
      },
    },
    {
      method: 'POST',
      url: '/console/retention/run',
      permission: 'retention:configure',
      summary: 'Anonymise now what is past its period (needs a recent second factor: it cannot be undone)',
      hidden: true,
      handler: async (request, reply) => {
        const staff = request.staff!;
        requireStepUp(staff);
        const round = await runRetention(db, new Date(), { actor: staffActor(staff) });
        return reply.redirect(`/console/retention?anonymised=${round.anonymised}#due`, 303);
      },
    },
  ];
}

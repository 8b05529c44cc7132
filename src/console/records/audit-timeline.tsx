import type { Kysely } from 'kysely';
import type { StaffSession } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import { subjectEvents, type AuditEventView } from '../../audit/list-events.ts';
import type { ConsoleContext } from '../layout.tsx';
import { Time } from '../format.tsx';
import { PayloadView } from './payload-view.tsx';

export type { AuditEventView };

/**
 * The events of one subject (`request` and its id, `outbox`, `mail_quarantine`…), oldest first,
 * with the audit policy applied for this member of staff: what a subject's page shows as its history.
 */
export function loadAuditTimeline(db: Kysely<Database>, staff: StaffSession, subjectType: string, subjectId: number): Promise<AuditEventView[]> {
  return subjectEvents(db, staff, subjectType, subjectId);
}

/** How an actor is named: a member of staff by e-mail where known, anything else as the log has it. */
export type ActorNames = ReadonlyMap<string, string>;

export function Actor({ actor, names }: { actor: string; names?: ActorNames }) {
  const name = names?.get(actor);
  return name ? (
    <span>
      {name} <span class="muted ltr">({actor})</span>
    </span>
  ) : (
    <span class="ltr">{actor}</span>
  );
}

/** The history of one subject: each event's time, actor, action and (where the reader may see it) details. */
export function AuditTimeline({ context, events, names, heading }: { context: ConsoleContext; events: AuditEventView[]; names?: ActorNames; heading?: string }) {
  const { t } = context;
  return (
    <section class="audit-timeline" aria-labelledby="audit-timeline-heading">
      <h2 id="audit-timeline-heading">{heading ?? t('records-timeline-title')}</h2>
      {events.length === 0 ? (
        <p>{t('records-timeline-empty')}</p>
      ) : (
        <ol class="timeline">
          {events.map((event) => (
            <li key={event.id} id={`event-${event.id}`}>
              <Time lang={context.lang} value={event.occurredAt} />
              <strong class="ltr">{event.action}</strong> · <Actor actor={event.actor} names={names} />
              <PayloadView context={context} payload={event.payload} restricted={event.restricted} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import type { TimelineEvent } from '../../desk/load-request.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { ConsoleContext } from '../layout.tsx';
import { Time } from '../format.tsx';
import { optionalMessage } from './format.ts';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What an event changed, one line per field: `state: triage → in_review`. */
function changeLines(t: Translate, payload: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const changes = payload.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes && typeof changes === 'object') {
    for (const [field, change] of Object.entries(changes)) {
      if (field === 'rationale') lines.push(t('desk-timeline-rationale', show(change?.to)));
      else lines.push(`${optionalMessage(t, `desk-field-${field.replace(/_/g, '-')}`, field)}: ${show(change?.from)} → ${show(change?.to)}`);
    }
  }
  const personal = payload.personal_fields_changed as string[] | undefined;
  if (Array.isArray(personal) && personal.length > 0) lines.push(t('desk-timeline-personal', personal.join(', ')));
  return lines;
}

/** A request's timeline: every audit event about it, oldest first, always in view beside the page. */
export function Timeline({ context, events }: { context: ConsoleContext; events: TimelineEvent[] }) {
  const { t, lang } = context;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('desk-timeline')}</h2>
      <ol class="timeline">
        {events.map((event) => (
          <li key={event.id} id={`event-${event.id}`} data-action={event.action}>
            <Time lang={lang} value={event.occurredAt} />
            <strong>{optionalMessage(t, `desk-event-${event.action.replace(/\./g, '-')}`, event.action)}</strong>{' '}
            <span class="hint ltr">{event.actor}</span>
            {changeLines(t, event.payload).map((line, index) => (
              <div key={index} class="hint">
                {line}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

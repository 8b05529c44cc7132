import type { ConsoleContext } from '../layout.tsx';

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return String(value);
}

/** A change recorded as `{from, to}`, which the log writes for every changed field. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  return keys.length === 2 && keys[0] === 'from' && keys[1] === 'to' && isScalar((value as { from: unknown }).from) && isScalar((value as { to: unknown }).to);
}

function Value({ value }: { value: unknown }) {
  if (isScalar(value)) return <span class="ltr-auto">{scalarText(value)}</span>;
  if (isChange(value)) {
    return (
      <span>
        <span>{scalarText(value.from)}</span> → <span>{scalarText(value.to)}</span>
      </span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>—</span>;
    if (value.every(isScalar)) return <span>{value.map(scalarText).join(', ')}</span>;
    return (
      <ol class="payload-list">
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <span>—</span>;
  return (
    <dl class="payload">
      {entries.map(([key, item]) => [<dt key={`k-${key}`}>{key.replace(/_/g, ' ')}</dt>, <dd key={`v-${key}`}><Value value={item} /></dd>])}
    </dl>
  );
}

/**
 * An event's payload, readable: fields as a list of names and values, changes as "from → to",
 * nested values indented; the exact JSON beside it, folded. Every string is escaped.
 */
export function PayloadView({ context, payload, restricted }: { context: ConsoleContext; payload: unknown; restricted: boolean }) {
  if (restricted) return <p class="restricted">{context.t('records-audit-restricted')}</p>;
  return (
    <div class="payload-view">
      <Value value={payload} />
      <details>
        <summary>{context.t('records-audit-json')}</summary>
        <pre class="ltr">{JSON.stringify(payload, null, 2)}</pre>
      </details>
    </div>
  );
}

/**
 * JSON with object keys sorted at every depth, so that a payload hashes the same before it is
 * stored and after jsonb has given it back (jsonb does not keep key order). Otherwise it writes
 * what JSON.stringify writes, which is what gets stored: a Date (anything with toJSON) as its
 * JSON form, undefined properties left out, undefined array elements as null.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/** The canonical text of a value, or undefined where JSON.stringify would leave it out. */
function write(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const entries = Object.keys(value)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((key) => {
      const text = write((value as Record<string, unknown>)[key]);
      return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
    });
  return `{${entries.join(',')}}`;
}

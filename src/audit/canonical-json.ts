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
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      // As JSON.stringify does: a BigInt has no JSON form.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i > 0 ? ',' : ''}${write(value[i]) ?? 'null'}`;
    return `${text}]`;
  }
  const own = Object.keys(value);
  if (flatInOrder(value as Record<string, unknown>, own)) return JSON.stringify(value);
  // Keys in UTF-16 code unit order, which is what sort() does to strings by default.
  const keys = own.sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = write((value as Record<string, unknown>)[key]);
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${item}`;
    first = false;
  }
  return `${text}}`;
}

const isPlainScalar = (item: unknown) => item === null || item === undefined || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean';

/**
 * Whether JSON.stringify already writes an object's canonical text: its keys in order and its
 * values scalars or arrays of scalars (nothing that could hold keys out of order, and nothing
 * written differently here: undefined is left out or written null by both, a number that is not
 * finite is null in both). Payloads are mostly built so, and the native writer is much faster.
 */
function flatInOrder(value: Record<string, unknown>, keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    const item = value[keys[i]!];
    if (isPlainScalar(item)) continue;
    if (!Array.isArray(item)) return false;
    for (const element of item) if (!isPlainScalar(element)) return false;
  }
  return true;
}

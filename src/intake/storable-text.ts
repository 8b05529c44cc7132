/**
 * Text the database cannot keep as it was given: U+0000 (PostgreSQL's text refuses it, so storing
 * it failed with a 500) and half of a surrogate pair (UTF-8 cannot encode it, so it was silently
 * stored as U+FFFD).
 */
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether the database can keep `text` exactly: the one check the JSON schemas (validate-input.ts)
 * and the public forms' readers share, so that no channel lets such text reach an INSERT.
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE_TEXT.test(text);
}

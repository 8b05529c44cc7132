import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';
import type { FieldIssue } from '../errors.ts';
import { isStorableText } from './storable-text.ts';

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** The pointer (`/targets/0/url`) of every string in a value that holds unstorable text; iterative, so no nesting can overflow the stack. */
function unstorableText(value: unknown): ErrorObject[] {
  const found: ErrorObject[] = [];
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [item, pointer] = pending.pop()!;
    if (typeof item === 'string') {
      if (!isStorableText(item)) found.push({ keyword: 'unstorableText', instancePath: pointer, schemaPath: '#', params: {}, message: 'contains a character that cannot be stored (U+0000 or half of a surrogate pair)' });
    } else if (Array.isArray(item)) {
      item.forEach((child, index) => pending.push([child, `${pointer}/${index}`]));
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) pending.push([child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return found.reverse();
}

/**
 * Every validator the instance compiles also refuses unstorable text, once the value has the
 * schema's shape (so the walk is bounded by the schema, and schema problems are reported first).
 */
function refusingUnstorableText(instance: Ajv): Ajv {
  const compile = instance.compile.bind(instance) as (schema: object, meta?: boolean) => ValidateFunction;
  instance.compile = ((schema: object, meta?: boolean) => {
    const validate = compile(schema, meta);
    const checked = ((data: unknown, context?: never) => {
      if (!validate(data, context)) {
        checked.errors = validate.errors;
        return false;
      }
      const found = unstorableText(data);
      checked.errors = found.length > 0 ? found : null;
      return found.length === 0;
    }) as ValidateFunction;
    return Object.assign(checked, { schema: validate.schema, schemaEnv: validate.schemaEnv, source: validate.source });
  }) as Ajv['compile'];
  return instance;
}

/**
 * RFC 3339 allows a leap second (`23:59:60`) that neither JavaScript's Date nor PostgreSQL can
 * represent; such a date-time passed the schema and then failed in the database (a 500 on
 * `?since=`). A date-time is valid only if it can also be read as an instant.
 */
function representableDateTimes(instance: Ajv): Ajv {
  const format = instance.formats['date-time'];
  const rfc3339 = (typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format) as ((value: string) => boolean) | undefined;
  if (typeof rfc3339 !== 'function') throw new Error('ajv-formats did not define date-time');
  instance.addFormat('date-time', { type: 'string', validate: (value: string) => rfc3339(value) && !Number.isNaN(Date.parse(value)) });
  return instance;
}

/** The Ajv instance every schema of Candor's inputs is checked with, on every channel. */
export const ajv = refusingUnstorableText(representableDateTimes(addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }))));

/**
 * For query strings and path parameters, which arrive as text: the same checks, but "20" may
 * stand for 20 and defaults are filled in.
 */
export const textAjv = refusingUnstorableText(representableDateTimes(addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true }))));

/** `/targets/0/url` → `targets[0].url`: the field names people read in messages. */
function fieldName(pointer: string, child?: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '') || 'body';
}

function issueOf(error: ErrorObject): FieldIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: fieldName(error.instancePath, String(params.missingProperty)), message: 'is required', code: 'field-required' };
    case 'additionalProperties':
      return { field: fieldName(error.instancePath, String(params.additionalProperty)), message: 'is not a known field', code: 'field-unknown' };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return { field: fieldName(error.instancePath), message: `must be one of ${allowed}`, code: 'field-enum', params: [allowed] };
    }
    case 'type':
      return { field: fieldName(error.instancePath), message: `must be ${params.type === 'array' ? 'a list' : `a ${String(params.type)}`}`, code: 'field-type', params: [String(params.type)] };
    case 'format':
      return { field: fieldName(error.instancePath), message: `must be a valid ${String(params.format)}`, code: 'field-format', params: [String(params.format)] };
    case 'maxLength':
      return { field: fieldName(error.instancePath), message: `must be at most ${String(params.limit)} characters`, code: 'field-max-length', params: [Number(params.limit)] };
    case 'minLength':
      return { field: fieldName(error.instancePath), message: 'must not be empty', code: 'field-empty' };
    case 'maxItems':
      return { field: fieldName(error.instancePath), message: `must have at most ${String(params.limit)} items`, code: 'field-max-items', params: [Number(params.limit)] };
    case 'minItems':
      return { field: fieldName(error.instancePath), message: `must have at least ${String(params.limit)} item(s)`, code: 'field-min-items', params: [Number(params.limit)] };
    case 'pattern':
      return { field: fieldName(error.instancePath), message: 'does not have the expected form', code: 'field-pattern' };
    case 'unstorableText':
      return { field: fieldName(error.instancePath), message: error.message!, code: 'field-invalid' };
    default:
      return { field: fieldName(error.instancePath), message: error.message ?? 'is not valid', code: 'field-invalid' };
  }
}

/**
 * Turns Ajv's errors into one issue per field. For a value that may also be null, only the
 * errors against the non-null branch are kept, so that "must be null" never shows.
 */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'anyOf' || /\/anyOf\/[1-9]\d*\//.test(error.schemaPath)) continue;
    const issue = issueOf(error);
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Checks a value against a schema; returns the issues, empty when it is valid. */
export function checkSchema(schema: TSchema, value: unknown): FieldIssue[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : schemaIssues(validate.errors);
}

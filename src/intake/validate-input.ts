import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';
import type { FieldIssue } from '../errors.ts';

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** The Ajv instance every schema of Candor's inputs is checked with, on every channel. */
export const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }));

/**
 * For query strings and path parameters, which arrive as text: the same checks, but "20" may
 * stand for 20 and defaults are filled in.
 */
export const textAjv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true }));

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

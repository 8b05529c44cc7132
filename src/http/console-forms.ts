import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/** The `:id` parameter of a console route (checked as a number by `idParam`). */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 20 }) });

/** A route's numeric `:id`, or 0 (which names nothing) when it is not a number. */
export function idParam(request: FastifyRequest): number {
  const text = (request.params as { id: string }).id;
  return /^\d{1,15}$/.test(text) ? Number(text) : 0;
}

/** The first value of each string field of a form body (the CSRF token aside), each cut to `maxValue` characters. */
export function formFields(body: unknown, maxValue = 100_000): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && key !== '_csrf' && key.length <= 60) fields[key] = text.slice(0, maxValue);
  }
  return fields;
}

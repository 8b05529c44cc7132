import type { FastifyRequest } from 'fastify';

/** One field of a url-encoded console form as a string ('' when missing; the first when repeated). */
export function formField(request: FastifyRequest, name: string, maxLength = 2_000): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, maxLength) : '';
}

/** One query parameter as a string ('' when missing). */
export function queryField(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : '';
}

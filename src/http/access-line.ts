import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { loggablePath } from './log-privacy.ts';

/** Writes the log line of one answer to a request, given its id (`req-1x`, written without escaping) and time. */
export type AccessLine = (reqId: string, responseTime: number) => void;

/** The writer of the log lines of answers to one method, URL and status: what they share is put together once. */
export type AccessLines = (method: string, url: string, status: number) => AccessLine;

/**
 * The line a request answered from memory is logged with: the very line the server's logger
 * writes for `log.info({ reqId, req, res, responseTime }, 'request completed')` (the same keys
 * in the same order, the path cut the same way), put together from its parts and handed to the
 * logger's own stream. Taking the logger's general way (serializers, the privacy formatter, a
 * JSON writer that looks at every key) cost about as much CPU as the rest of such an answer.
 * The parts an answer repeats (its method, path and status) are written once, when it is kept.
 *
 * Undefined when the logger would not write the line (its level is above info) or writes to a
 * stream that needs what pino tells it beside the line (a multistream): the caller then logs
 * the usual way, or not at all.
 */
export function accessLineWriter(fastifyLog: FastifyBaseLogger): AccessLines | undefined {
  const log = fastifyLog as unknown as pino.Logger;
  if (!log.isLevelEnabled('info')) return undefined;
  const internals = log as unknown as Record<symbol, unknown>;
  const stream = internals[pino.symbols.streamSym] as pino.DestinationStream | undefined;
  // The logger's own fields (pid and hostname), as pino has written them once: `,"pid":…,"hostname":"…"`.
  const bindings = internals[pino.symbols.chindingsSym];
  if (!stream || typeof stream.write !== 'function' || typeof bindings !== 'string' || (stream as unknown as Record<symbol, unknown>)[pino.symbols.needsMetadataGsym]) return undefined;
  const start = `{"level":${log.levels.values.info},"time":`;
  const id = `${bindings},"reqId":"`;
  return (method, url, status) => {
    const answered = `","req":{"method":${JSON.stringify(method)},"url":${JSON.stringify(loggablePath(url))}},"res":{"statusCode":${status}},"responseTime":`;
    return (reqId, responseTime) => {
      stream.write(`${start}${Date.now()}${id}${reqId}${answered}${responseTime},"msg":"request completed"}\n`);
    };
  };
}

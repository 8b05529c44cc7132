import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { loggablePath } from './log-privacy.ts';

/** Writes the log line of one answered request; its id and method are plain tokens (`req-1x`, `GET`), written without escaping. */
export type AccessLine = (reqId: string, method: string, url: string, status: number, responseTime: number) => void;

/**
 * The line a request answered from memory is logged with: the very line the server's logger
 * writes for `log.info({ reqId, req, res, responseTime }, 'request completed')` (the same keys
 * in the same order, the path cut the same way), put together from its parts and handed to the
 * logger's own stream. Taking the logger's general way (serializers, the privacy formatter, a
 * JSON writer that looks at every key) cost about as much CPU as the rest of such an answer.
 *
 * Undefined when the logger would not write the line (its level is above info) or writes to a
 * stream that needs what pino tells it beside the line (a multistream): the caller then logs
 * the usual way, or not at all.
 */
export function accessLineWriter(fastifyLog: FastifyBaseLogger): AccessLine | undefined {
  const log = fastifyLog as unknown as pino.Logger;
  if (!log.isLevelEnabled('info')) return undefined;
  const internals = log as unknown as Record<symbol, unknown>;
  const stream = internals[pino.symbols.streamSym] as pino.DestinationStream | undefined;
  // The logger's own fields (pid and hostname), as pino has written them once: `,"pid":…,"hostname":"…"`.
  const bindings = internals[pino.symbols.chindingsSym];
  if (!stream || typeof stream.write !== 'function' || typeof bindings !== 'string' || (stream as unknown as Record<symbol, unknown>)[pino.symbols.needsMetadataGsym]) return undefined;
  const info = log.levels.values.info;
  return (reqId, method, url, status, responseTime) => {
    stream.write(
      `{"level":${info},"time":${Date.now()}${bindings},"reqId":"${reqId}","req":{"method":"${method}","url":${JSON.stringify(loggablePath(url))}},"res":{"statusCode":${status}},"responseTime":${responseTime},"msg":"request completed"}\n`,
    );
  };
}

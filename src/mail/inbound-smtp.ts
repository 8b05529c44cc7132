import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Database } from '../db/database.ts';
import { DEFAULT_LANGUAGE, translator } from '../i18n/translate.ts';
import { receiveMessage } from './receive-message.ts';

/** The logging Candor's listener needs; pino's and Fastify's loggers fit. */
export interface MailLog {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export interface InboundSmtpOptions {
  /** 0 asks the system for a free port; the one chosen is returned. */
  port: number;
  /** The address to listen on (127.0.0.1 unless told). */
  host?: string;
  db: Kysely<Database>;
  log: MailLog;
  /** The largest message accepted, in bytes (announced with SIZE, enforced while receiving); 25 MiB unless told. */
  maxBytes?: number;
  /** A certificate to offer STARTTLS with; without one STARTTLS is not offered (the library's own has expired). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** A running listener: the port it took, and how to stop it. */
export interface InboundSmtp {
  port: number;
  /** Stops accepting connections, lets messages being stored finish, then closes the rest. */
  close(): Promise<void>;
}

/** The size limit when none is given: 25 MiB, what common mail services accept. */
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

// Replies are protocol text read by the sending server's operators: in the default language.
const t = translator(DEFAULT_LANGUAGE);

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Starts the SMTP listener of the intake. A message is answered 250 only once everything it
 * causes (a request, a threaded reply, or its place in quarantine) has been committed, so a
 * sender never has to deliver twice what was acknowledged; a failure to store it answers 451
 * and the sender retries. A message over `maxBytes` is refused with 552 and nothing of it is
 * kept: announced with the SIZE extension, refused at MAIL FROM when declared, and otherwise
 * when the data passes the limit (it is drained, not buffered).
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { db, log } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const inFlight = new Set<Promise<void>>();

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.on('error', (error: Error) => log.warn({ err: error.message }, 'inbound mail: the data stream failed'));
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) {
        log.info({ bytes: size, limit: maxBytes }, 'inbound mail: refused a message over the size limit');
        callback(smtpError(552, t('mail-smtp-too-large', maxBytes)));
        return;
      }
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
      const delivery = receiveMessage(db, Buffer.concat(chunks, size), {
        source: 'smtp',
        actor: 'smtp',
        envelopeFrom,
        envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
      }).then(
        (received) => {
          // Outcome and size only: addresses and subjects are personal data and stay out of logs.
          log.info({ outcome: received.outcome, reference: 'reference' in received ? received.reference : undefined, bytes: size }, 'inbound mail: stored');
          callback(null, t('mail-smtp-accepted'));
        },
        (error: unknown) => {
          log.error({ err: error instanceof Error ? error.message : String(error), bytes: size }, 'inbound mail: storing a message failed');
          callback(smtpError(451, t('mail-smtp-unavailable')));
        },
      );
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    });
  };

  // Loaded only by a server that receives mail (INBOUND_SMTP_PORT).
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    secure: false,
    size: maxBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 100,
    onData,
  });
  server.on('error', (error: Error) => log.warn({ err: error.message }, 'inbound mail: connection error'));

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.server.once('error', failed);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', failed);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port, maxBytes, starttls: !!options.tls }, 'inbound mail: listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        for (const connection of server.connections) {
          connection.send(421, t('mail-smtp-closing'));
          connection.close();
        }
        await closed;
      })();
      return closing;
    },
  };
}

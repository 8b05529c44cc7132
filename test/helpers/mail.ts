import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import net from 'node:net';

/**
 * Builds an e-mail by hand, byte for byte: header lines (already encoded as the test wants them)
 * and a body, joined with CRLF as they travel over SMTP. A Buffer body is kept as it is, so that
 * a test can write 8-bit text in any charset.
 */
export function eml(headers: Record<string, string>, body: string | Buffer = 'Hello.\r\n'): Buffer {
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

/** A multipart/mixed message with a text part and attachments given as bytes (sent base64-encoded). */
export function emlWithAttachments(
  headers: Record<string, string>,
  text: string,
  attachments: { filename: string; contentType: string; content: Buffer }[],
): Buffer {
  const boundary = `=_candor_test_${attachments.length}_boundary`;
  const parts = [
    `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}\r\n`,
    ...attachments.map(
      (attachment) =>
        `--${boundary}\r\nContent-Type: ${attachment.contentType}; name="${attachment.filename}"\r\n` +
        `Content-Disposition: attachment; filename="${attachment.filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
        `${attachment.content.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`,
    ),
    `--${boundary}--\r\n`,
  ];
  return eml({ ...headers, 'MIME-Version': '1.0', 'Content-Type': `multipart/mixed; boundary="${boundary}"` }, parts.join(''));
}

/** One SMTP reply: its code and its text (all lines of a multi-line reply). */
export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A bare SMTP client over a real socket, for what nodemailer will not do: send DATA without
 * declaring SIZE, or bytes that are not a well-formed message. Dot-stuffing is applied.
 */
export async function rawSmtp(port: number, commands: { mailFrom: string; rcptTo: string[]; mailFromParams?: string; data?: Buffer }): Promise<SmtpReply[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: SmtpReply[] = [];
  let buffer = '';
  let waiting: ((reply: SmtpReply) => void) | undefined;
  const queued: SmtpReply[] = [];
  let lines: string[] = [];
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line.slice(4));
      if (line[3] === ' ' || line.length === 3) {
        const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
        lines = [];
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve(reply);
        } else queued.push(reply);
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  const next = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const ready = queued.shift();
      if (ready) return resolve(ready);
      waiting = resolve;
      void closed.then(() => reject(new Error(`connection closed; replies so far: ${JSON.stringify(replies)}`)));
    });
  const step = async (line?: string | Buffer) => {
    if (line !== undefined) socket.write(line);
    const reply = await next();
    replies.push(reply);
    return reply;
  };
  try {
    await step();
    await step('EHLO client.test\r\n');
    const from = await step(`MAIL FROM:<${commands.mailFrom}>${commands.mailFromParams ? ` ${commands.mailFromParams}` : ''}\r\n`);
    if (from.code !== 250) return replies;
    for (const rcpt of commands.rcptTo) await step(`RCPT TO:<${rcpt}>\r\n`);
    const data = await step('DATA\r\n');
    if (data.code !== 354) return replies;
    const body = commands.data ?? Buffer.alloc(0);
    const stuffed = Buffer.from(body.toString('latin1').replace(/(^|\r\n)\./g, '$1..'), 'latin1');
    const ending = body.subarray(-2).equals(Buffer.from('\r\n')) ? '.\r\n' : '\r\n.\r\n';
    // Written in slices, as a sender streams a large message.
    for (let i = 0; i < stuffed.length; i += 64 * 1024) {
      if (!socket.write(stuffed.subarray(i, i + 64 * 1024))) await new Promise((resolve) => socket.once('drain', resolve));
    }
    await step(ending);
    await step('QUIT\r\n').catch(() => undefined);
    return replies;
  } finally {
    socket.end();
    await closed;
  }
}

/** A mail server on loopback that keeps what it receives, and can refuse everything for a while. */
export function captureServer() {
  const received: ParsedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 }));
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push(mail);
          callback();
        });
      });
    },
  });
  return {
    received,
    refuse(value: boolean) {
      refusing = value;
    },
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` returns something, polling every 100 ms. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

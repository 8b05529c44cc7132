import type { AddressObject, ParsedMail } from 'mailparser';
import { RequesterInput } from '../intake/request-input.ts';
import { checkSchema } from '../intake/validate-input.ts';
import { messageIdsIn } from './message-ids.ts';

/** Why a message went to quarantine; each has a message `mail-quarantine-reason-CODE` in the catalogs. */
export type QuarantineReason = 'empty' | 'unparseable' | 'malformed-mime' | 'no-sender' | 'automatic' | 'invalid';

/** An attachment as the message carried it; its type is judged later from the bytes. */
export interface InboundAttachment {
  filename: string | null;
  declaredType: string | null;
  content: Buffer;
  size: number;
}

/** What Candor takes from an e-mail: the headers that matter, its text and its files, and the original bytes. */
export interface InboundMessage {
  raw: Buffer;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string | null;
  /** The sender, when the From header names a usable address; `senderProblem` says why not otherwise. */
  sender: { name: string | null; address: string } | null;
  senderProblem: string | null;
  to: string[];
  date: Date | null;
  /** The Content-Language header's first tag, when it is a well-formed language tag. */
  language: string | null;
  /** The text of the message (from its HTML part when it has no plain one). */
  text: string;
  attachments: InboundAttachment[];
  /** An automatic message (auto-reply, delivery report): never the start of a request. */
  automatic: boolean;
}

export type ParseResult = { ok: true; message: InboundMessage } | { ok: false; reason: QuarantineReason; detail: string };

/** Text PostgreSQL can store: no NUL characters. */
export function storable(text: string): string {
  return text.replace(/\u0000/g, '');
}

function addresses(value: AddressObject | AddressObject[] | undefined): { name: string; address: string }[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => ({ name: storable(entry.name ?? '').trim(), address: storable(entry.address ?? '').trim() }))
    .filter((entry) => entry.address);
}

function senderOf(mail: ParsedMail): { sender: InboundMessage['sender']; problem: string | null } {
  if (!mail.from) return { sender: null, problem: 'the message has no From header' };
  const candidates = addresses(mail.from);
  // The address must be one the request schema accepts, or no acknowledgement could reach it.
  const usable = candidates.find((candidate) => checkSchema(RequesterInput, { email: candidate.address }).length === 0);
  if (!usable) return { sender: null, problem: `the From header has no usable address (${storable(mail.from.text).slice(0, 200)})` };
  const name = usable.name && usable.name !== usable.address ? [...usable.name].slice(0, 300).join('') : null;
  return { sender: { name, address: usable.address }, problem: null };
}

function headerText(mail: ParsedMail, name: string): string | null {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return null;
}

function languageOf(mail: ParsedMail): string | null {
  const first = headerText(mail, 'content-language')?.split(',')[0]?.trim();
  if (!first) return null;
  const [primary = '', ...rest] = first.split('-');
  const tag = [primary.toLowerCase(), ...rest].join('-');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) && tag.length <= 35 ? tag : null;
}

function isAutomatic(mail: ParsedMail): boolean {
  const autoSubmitted = headerText(mail, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return true;
  const contentType = mail.headers.get('content-type') as { value?: string } | undefined;
  return contentType?.value?.toLowerCase() === 'multipart/report';
}

/** The bytes after the header block, or empty when there is none. */
function bodyOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return Buffer.alloc(0);
  if (lf === -1 || (crlf !== -1 && crlf < lf)) return raw.subarray(crlf + 4);
  return raw.subarray(lf + 2);
}

/**
 * A MIME structure a lenient parser would silently lose content from: a multipart without a
 * boundary, a boundary that never occurs, or a body that yields nothing at all.
 */
function mimeProblem(mail: ParsedMail, raw: Buffer, text: string): string | null {
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase().startsWith('multipart/')) {
    const boundary = contentType.params?.boundary;
    if (!boundary) return `${contentType.value} without a boundary`;
    if (!raw.includes(`--${boundary}`)) return `the boundary of ${contentType.value} never occurs`;
  }
  const body = bodyOf(raw);
  if (!text.trim() && !mail.html && mail.attachments.length === 0 && /\S/.test(body.toString('latin1'))) {
    return 'the body yields no text and no attachment';
  }
  return null;
}

/**
 * Parses a message with a real MIME parser (mailparser), decoding any charset and transfer
 * encoding it declares. A message that cannot be read whole is reported with the reason that
 * sends it to quarantine, never dropped; a missing sender is left for the caller to judge.
 */
export async function parseMessage(raw: Buffer): Promise<ParseResult> {
  if (!/\S/.test(raw.subarray(0, 64 * 1024).toString('latin1'))) return { ok: false, reason: 'empty', detail: 'the message is empty' };
  // Loaded when the first message comes (about 13 MB of memory): most servers never receive mail.
  const { simpleParser } = await import('mailparser');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    return { ok: false, reason: 'unparseable', detail: storable(error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
  const text = storable(mail.text ?? '');
  const problem = mimeProblem(mail, raw, text);
  if (problem) return { ok: false, reason: 'malformed-mime', detail: problem };
  const { sender, problem: senderProblem } = senderOf(mail);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    ok: true,
    message: {
      raw,
      messageId: messageIdsIn(mail.messageId)[0] ?? null,
      inReplyTo: messageIdsIn(mail.inReplyTo),
      references: messageIdsIn(mail.references),
      subject: mail.subject !== undefined ? storable(mail.subject) : null,
      sender,
      senderProblem,
      to: addresses(mail.to).map((entry) => entry.address),
      date,
      language: languageOf(mail),
      text,
      attachments: mail.attachments.map((attachment) => ({
        filename: attachment.filename ? storable(attachment.filename) : null,
        declaredType: attachment.contentType || null,
        content: attachment.content,
        size: attachment.content.length,
      })),
      automatic: isAutomatic(mail),
    },
  };
}

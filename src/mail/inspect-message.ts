import type { AddressObject } from 'mailparser';
import { storable } from './parse-message.ts';

/** A message as a person reads it in the console: its headers and its text, never its HTML. */
export interface InspectedMessage {
  /** False when the bytes could not be parsed at all; `problem` says why and `rawText` shows them. */
  parsed: boolean;
  problem: string | null;
  subject: string | null;
  from: string | null;
  to: string | null;
  cc: string | null;
  date: Date | null;
  messageId: string | null;
  /** Every header line as it was received (unfolded), in order. */
  headerLines: { name: string; line: string }[];
  /** The plain text; from an HTML-only message, mailparser's text rendering of it (never the HTML). */
  text: string;
  attachments: { filename: string | null; contentType: string; size: number }[];
  /** The start of the raw bytes as text, for a message that could not be parsed. */
  rawText: string | null;
}

/** What the console shows of a message at most: enough to judge it; the whole is in the raw download. */
const MAX_TEXT = 200_000;
const MAX_RAW = 64 * 1024;

function addressText(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return storable([value].flat().map((object) => object.text).join(', ')) || null;
}

/**
 * Parses a stored message with mailparser for reading it: headers and text only. Nothing of it
 * is ever rendered as HTML (the pages escape every string); a message mailparser cannot read is
 * shown as the start of its bytes, with the parser's reason.
 */
export async function inspectMessage(raw: Buffer): Promise<InspectedMessage> {
  // Loaded on first use, like in parse-message.ts.
  const { simpleParser } = await import('mailparser');
  try {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, skipHtmlToText: false });
    const text = storable(mail.text ?? '');
    return {
      parsed: true,
      problem: null,
      subject: mail.subject !== undefined ? storable(mail.subject) : null,
      from: addressText(mail.from),
      to: addressText(mail.to),
      cc: addressText(mail.cc),
      date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
      messageId: mail.messageId ? storable(mail.messageId) : null,
      headerLines: mail.headerLines.map((header) => ({ name: storable(header.key), line: storable(header.line.replace(/\r?\n[ \t]+/g, ' ')) })),
      text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text,
      attachments: mail.attachments.map((attachment) => ({
        filename: attachment.filename ? storable(attachment.filename) : null,
        contentType: attachment.contentType || 'application/octet-stream',
        size: attachment.content.length,
      })),
      rawText: null,
    };
  } catch (error) {
    return {
      parsed: false,
      problem: storable(error instanceof Error ? error.message : String(error)).slice(0, 500),
      subject: null,
      from: null,
      to: null,
      cc: null,
      date: null,
      messageId: null,
      headerLines: [],
      text: '',
      attachments: [],
      rawText: storable(raw.subarray(0, MAX_RAW).toString('utf8')),
    };
  }
}

/**
 * The type of an attachment, judged by its bytes. The name and the declared type are never
 * trusted to raise a file to a type a browser would render; they can only lower it: anything
 * that is or claims to be HTML, SVG, XML or a script is kept as application/octet-stream, so
 * that it can only ever be downloaded, never run in a reader's browser.
 */

export const OCTET_STREAM = 'application/octet-stream';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

// Declared types and file name endings that a browser may render or run.
const ACTIVE_TYPES = /^(text\/(html|xml|javascript|ecmascript|css|vbscript|x-[a-z-]*script)|application\/(xhtml\+xml|xml|[a-z.+-]*\+xml|javascript|ecmascript|x-javascript|x-sh|x-httpd-php|hta)|image\/svg\+xml)\b/i;
const ACTIVE_NAMES = /\.(html?|xht(ml)?|shtml|svgz?|xml|xsl[t]?|m?js|cjs|css|php\d?|phtml|hta|vbs|wsf|jsp|aspx?|sh|bat|cmd|ps1|swf)$/i;

// Markup a browser sniffing HTML or XML would act on, anywhere near the start of a file.
const MARKUP = /<(!doctype|!--|\?xml|html|head|body|script|svg|iframe|frame|object|embed|style|meta|link|img|a\s|div|table|title|xsl|form|base|math)\b/i;

function startsWith(bytes: Buffer, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

/** The names of the entries of a ZIP archive, from its local file headers (enough to tell an office document). */
function zipEntryNames(bytes: Buffer, limit = 200): string[] {
  const names: string[] = [];
  let offset = 0;
  while (names.length < limit && offset + 30 <= bytes.length && bytes.readUInt32LE(offset) === 0x04034b50) {
    const compressedSize = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    const flags = bytes.readUInt16LE(offset + 6);
    names.push(bytes.toString('latin1', offset + 30, Math.min(bytes.length, offset + 30 + nameLength)));
    // With a data descriptor (bit 3) the size is unknown here: stop at what has been read.
    if (flags & 0x08) break;
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

function zipType(bytes: Buffer): string {
  const names = zipEntryNames(bytes);
  if (names[0] === 'mimetype') {
    // OpenDocument: the first entry, stored uncompressed, names the type.
    const start = 30 + bytes.readUInt16LE(26) + bytes.readUInt16LE(28);
    const declared = bytes.toString('latin1', start, start + Math.min(bytes.readUInt32LE(18), 100));
    if (/^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/.test(declared)) return declared;
  }
  if (names.includes('word/document.xml')) return DOCX;
  if (names.includes('xl/workbook.xml')) return XLSX;
  if (names.includes('ppt/presentation.xml')) return PPTX;
  return 'application/zip';
}

/** Whether the bytes read as text: UTF-8 without control characters other than white space. */
function isPlainText(bytes: Buffer): boolean {
  let sample = bytes.subarray(0, 64 * 1024);
  for (const byte of sample) {
    if (byte === 0x7f || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) return false;
  }
  if (sample.length < bytes.length) {
    // The sample may end inside a character: cut back to the start of the last one.
    let end = sample.length;
    while (end > sample.length - 4 && end > 0 && (sample[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && sample[end - 1]! >= 0xc0) end--;
    sample = sample.subarray(0, end);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

function looksLikeMarkup(bytes: Buffer): boolean {
  let text = bytes.subarray(0, 4096).toString('latin1');
  // UTF-16 markup reads as tags separated by NULs.
  if (text.includes('\u0000')) text = text.replace(/\u0000/g, '');
  return MARKUP.test(text) || /^\s*</.test(text.replace(/^\u00ef\u00bb\u00bf/, '')) || /javascript:/i.test(text);
}

/** The real type of a file from its first bytes: the one Candor stores and serves it as. */
export function sniffContentType(bytes: Buffer, hints: { declaredType?: string | null; filename?: string | null } = {}): string {
  if (hints.declaredType && ACTIVE_TYPES.test(hints.declaredType.trim())) return OCTET_STREAM;
  if (hints.filename && ACTIVE_NAMES.test(hints.filename.trim())) return OCTET_STREAM;
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipType(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  if (looksLikeMarkup(bytes)) return OCTET_STREAM;
  // PDF readers accept a header anywhere in the first kilobyte (after a mail gateway's junk, say).
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (bytes.length > 0 && isPlainText(bytes)) return 'text/plain';
  return OCTET_STREAM;
}

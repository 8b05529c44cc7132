import fs from 'node:fs';

/**
 * mbox archives (RFC 4155): messages one after another, each opened by a line that starts with
 * "From " and closed by an empty line. Writers escape a body line starting with "From " as
 * ">From " (and, in the mboxrd variant, ">From " as ">>From "); reading takes one ">" off.
 */

const FROM = Buffer.from('From ');
const ESCAPED = /^>+From /;

/** Whether a file's first bytes open an mbox archive rather than a single message. */
export function isMbox(head: Buffer): boolean {
  return head.subarray(0, FROM.length).equals(FROM);
}

function unescapeLine(line: Buffer): Buffer {
  return line[0] === 0x3e && ESCAPED.test(line.subarray(0, 64).toString('latin1')) ? line.subarray(1) : line;
}

/** A message's bytes from its lines, without the empty line the archive put after it. */
function messageOf(lines: Buffer[]): Buffer {
  const last = lines.at(-1);
  if (last && (last.equals(Buffer.from('\n')) || last.equals(Buffer.from('\r\n')))) lines = lines.slice(0, -1);
  return Buffer.concat(lines);
}

/**
 * Splits an mbox archive, read in chunks of any size, into the original bytes of its messages:
 * every line starting with "From " begins a message (the line itself is the archive's, not the
 * message's), and escaped "From " lines are restored. Holds one message in memory at a time.
 */
export async function* splitMbox(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  // null until the first separator; a closure changes it, so it is held in an object.
  const state: { lines: Buffer[] | null } = { lines: null };
  let partial = Buffer.alloc(0);
  const take = (line: Buffer): Buffer | undefined => {
    if (line.subarray(0, FROM.length).equals(FROM)) {
      const done = state.lines;
      state.lines = [];
      return done && done.length > 0 ? messageOf(done) : undefined;
    }
    // Anything before the first separator is not part of any message of the archive.
    state.lines?.push(unescapeLine(line));
    return undefined;
  };
  for await (const chunk of chunks) {
    let data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
      const message = take(Buffer.from(data.subarray(start, end + 1)));
      if (message) yield message;
      start = end + 1;
    }
    partial = Buffer.from(data.subarray(start));
    data = Buffer.alloc(0);
  }
  if (partial.length > 0) {
    const message = take(partial);
    if (message) yield message;
  }
  if (state.lines && state.lines.length > 0) yield messageOf(state.lines);
}

/** The messages of a file: one for a single message (.eml), each of an mbox archive otherwise. */
export async function* readMailFile(path: string): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  let head: Buffer;
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(FROM.length), 0, FROM.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (isMbox(head)) {
    yield* splitMbox(fs.createReadStream(path, { highWaterMark: 1024 * 1024 }));
  } else {
    yield await fs.promises.readFile(path);
  }
}

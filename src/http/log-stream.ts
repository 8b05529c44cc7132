import fs from 'node:fs';
import type pino from 'pino';

/** The most bytes of lines written at once: what a pipe takes whole (PIPE_BUF on Linux). */
const MOST_BYTES = 4096;

/** How long a write waits before trying again when standard output takes nothing (EAGAIN). */
const FULL_WAIT_MS = 5;
const waitOn = new Int32Array(new SharedArrayBuffer(4));

/**
 * The lines logged during one turn of the event loop, written together at its end (or sooner,
 * when they reach MOST_BYTES). A server answering pages from memory logs tens of thousands of
 * lines a second; written one by one they cost a system call each. Each line is measured once,
 * the batch joined once and written with one write(2), straight from the string.
 *
 * Each write holds whole lines and at most MOST_BYTES (a longer line goes alone), so that lines
 * from several processes sharing one pipe (`serve --workers`) do not interleave. What is held
 * when the process exits is written before it goes.
 *
 * Writes are synchronous, a batch a turn: nothing held is lost when the process ends, whichever
 * way (an asynchronous write still under way at exit is lost). The price: a reader that stops
 * taking standard output holds the server up, where pino's default would hold the lines in
 * memory without bound. Standard output is a file or the service manager's journal.
 */
export class LineBatch implements pino.DestinationStream {
  private lines: string[] = [];
  private bytes = 0;
  private scheduled = false;
  /** Set when standard output can take nothing any more (its reader is gone): lines are then dropped. */
  private broken = false;
  private readonly writeSoon = () => {
    this.scheduled = false;
    this.flushSync();
  };

  constructor(private readonly fd: number) {}

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.bytes + bytes > MOST_BYTES) this.flushSync();
    this.lines.push(line);
    this.bytes += bytes;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.writeSoon);
    }
  }

  /** Writes what is held; `done` (logger.flush's callback) is called once it is written. */
  flush(done?: (error?: Error) => void): void {
    this.flushSync();
    if (done) process.nextTick(done);
  }

  /** Writes everything held now. */
  flushSync(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.length === 1 ? this.lines[0]! : this.lines.join('');
    const bytes = this.bytes;
    this.lines = [];
    this.bytes = 0;
    if (!this.broken) this.writeAll(text, bytes);
  }

  /**
   * One write(2) when it takes the text whole, as it does for a file, a blocking pipe and a
   * non-blocking pipe with room. A non-blocking pipe or socket that is full (EAGAIN) is waited
   * for; one that takes part of the text gets the rest next.
   */
  private writeAll(text: string, bytes: number): void {
    let rest: string | Buffer = text;
    let left = bytes;
    for (;;) {
      let written: number;
      try {
        written = typeof rest === 'string' ? fs.writeSync(this.fd, rest) : fs.writeSync(this.fd, rest);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EBUSY') {
          Atomics.wait(waitOn, 0, 0, FULL_WAIT_MS);
          continue;
        }
        // The reader is gone (EPIPE) or the output unusable: the process goes on without its log.
        this.broken = true;
        try {
          fs.writeSync(2, `the log can no longer be written to standard output (${code ?? String(error)}); further lines are dropped\n`);
        } catch {
          // Standard error is gone too.
        }
        return;
      }
      if (written >= left) return;
      rest = (typeof rest === 'string' ? Buffer.from(rest) : rest).subarray(written);
      left -= written;
    }
  }
}

let stream: LineBatch | undefined;

/** Where the process's structured log goes: standard output, a turn of the event loop's lines at a time (LineBatch). */
export function logStream(): pino.DestinationStream {
  if (!stream) {
    const batch = new LineBatch(1);
    process.once('exit', () => batch.flushSync());
    stream = batch;
  }
  return stream;
}

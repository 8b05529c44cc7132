import pino from 'pino';

/** The most bytes of lines written at once: what a pipe takes whole (PIPE_BUF on Linux). */
const MOST_BYTES = 4096;

/**
 * The lines logged during one turn of the event loop, written together at its end (or sooner,
 * when they reach MOST_BYTES). A server answering pages from memory logs tens of thousands of
 * lines a second; written one by one they cost a system call each, and sonic-boom's own
 * batching measures every line added against all the text it holds (a copy of up to 4 KB per
 * line). Here each line is measured alone and the batch joined once.
 *
 * Each write holds whole lines and at most MOST_BYTES (a longer line goes alone), so that lines
 * from several processes sharing one pipe (`serve --workers`) do not interleave. What is held
 * when the process exits is written before it goes.
 */
class LineBatch implements pino.DestinationStream {
  private lines: string[] = [];
  private bytes = 0;
  private scheduled = false;
  private readonly writeSoon = () => {
    this.scheduled = false;
    this.flush();
  };

  constructor(private readonly out: pino.DestinationStream & { flush(done: (error?: Error) => void): void; flushSync(): void }) {}

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.bytes + bytes > MOST_BYTES) this.flush();
    this.lines.push(line);
    this.bytes += bytes;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.writeSoon);
    }
  }

  /** Writes what is held; `done` (logger.flush's callback) is called once it is written. */
  flush(done?: (error?: Error) => void): void {
    if (this.lines.length > 0) {
      const text = this.lines.length === 1 ? this.lines[0]! : this.lines.join('');
      this.lines = [];
      this.bytes = 0;
      this.out.write(text);
    }
    if (done) this.out.flush(done);
  }

  /** Writes everything now, waiting for it (at exit). */
  flushSync(): void {
    this.flush();
    this.out.flushSync();
  }
}

let stream: LineBatch | undefined;

/** Where the process's structured log goes: standard output, a turn of the event loop's lines at a time (LineBatch). */
export function logStream(): pino.DestinationStream {
  if (!stream) {
    // Written at once, a batch a turn: nothing held is lost when the process ends, whichever way
    // (an asynchronous write still under way at exit is lost). The price: a reader that stops
    // taking standard output holds the server up, where pino's default would hold the lines in
    // memory without bound. Standard output is a file or the service manager's journal.
    const batch = new LineBatch(pino.destination({ dest: 1, sync: true, maxWrite: MOST_BYTES }));
    process.once('exit', () => batch.flushSync());
    stream = batch;
  }
  return stream;
}

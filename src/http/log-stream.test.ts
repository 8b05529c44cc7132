import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const LOG_STREAM = fileURLToPath(new URL('./log-stream.ts', import.meta.url));

/**
 * A process that writes `count` lines through logStream() (from 50 to 400 bytes, and now and
 * then one of 3 KB of two- and three-byte characters, which a count of characters would take for
 * 1.2 KB), in bursts within one turn of the event loop and across turns, then exits with
 * process.exit() while a line is still held.
 */
const writer = (name: string, count: number) => `
import { logStream } from ${JSON.stringify(LOG_STREAM)};
// Writer a looks at process.stdout, as a console.log would: Node.js then makes the shared socket
// non-blocking, and a write to it when it is full fails (EAGAIN) and must be made again.
if (${JSON.stringify(name)} === 'a') process.stdout;
const stream = logStream();
const line = (i) => JSON.stringify({ name: ${JSON.stringify(name)}, i, text: (i % 97 === 0 ? 'ñ€'.repeat(600) : 'x'.repeat(40 + (i % 300))) }) + '\\n';
let i = 0;
const burst = () => {
  for (let k = 0; k < 50 && i < ${count}; k++) stream.write(line(i++));
  if (i < ${count}) setImmediate(burst);
  else { stream.write(line(i++)); process.exit(0); }
};
burst();
`;

describe('the log stream', () => {
  it('keeps lines whole in a pipe shared by two processes, and writes every held line before the process exits', async () => {
    const count = 4000;
    // Both writers share one pipe: the shell starts them side by side on its own standard output.
    const script = (name: string) => `${JSON.stringify(process.execPath)} --import tsx --input-type=module -e '${writer(name, count).replaceAll("'", "'\\''")}'`;
    const child = spawn('/bin/sh', ['-c', `${script('a')} & ${script('b')} & wait`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    // A slow reader: the pipe fills, and a write larger than what a pipe takes whole would be split.
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    // 'close', not 'exit': the shell can be gone while the end of its output is still in the
    // socket, unread (under Node.js 24's test runner, up to 90 KB of it).
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    assert.equal(lines.pop(), '', 'the output ends with a whole line');
    const seen = { a: new Set<number>(), b: new Set<number>() };
    for (const text of lines) {
      const entry = JSON.parse(text) as { name: 'a' | 'b'; i: number; text: string };
      assert.equal(entry.text.length, entry.i % 97 === 0 ? 1200 : 40 + (entry.i % 300), `line ${entry.i} of ${entry.name} arrived whole`);
      seen[entry.name].add(entry.i);
    }
    // count lines in bursts, and the one written just before process.exit().
    assert.equal(seen.a.size, count + 1);
    assert.equal(seen.b.size, count + 1);
  });
});

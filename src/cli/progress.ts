/**
 * A one-line progress bar for long commands, drawn only when the stream is a terminal
 * (a pipe or a file gets no control characters).
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): { update(done: number, total: number): void; finish(): void } {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

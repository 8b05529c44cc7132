import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WORKER_HEAP_GROWING_PERCENT, WORKER_SEMI_SPACE_MB, workerExecArgv } from './serve-workers.ts';

const semiSpace = `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`;
const growing = `--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`;

describe("the workers' Node.js flags", () => {
  it("are the primary's, with the young generation held small and the old one's growth bounded", () => {
    assert.deepEqual(workerExecArgv(['--import', 'tsx']), ['--import', 'tsx', semiSpace, growing]);
    assert.deepEqual(workerExecArgv([], '--max-old-space-size=256'), [semiSpace, growing]);
  });

  it("keep the operator's own size of the young generation, however it is written", () => {
    assert.deepEqual(workerExecArgv(['--max-semi-space-size=8']), ['--max-semi-space-size=8', growing]);
    assert.deepEqual(workerExecArgv(['--max_semi_space_size=2']), ['--max_semi_space_size=2', growing]);
    assert.deepEqual(workerExecArgv(['-max-semi-space-size=2']), ['-max-semi-space-size=2', growing]);
    assert.deepEqual(workerExecArgv([], ' --max-old-space-size=256  --max-semi-space-size=16 '), [growing]);
  });

  it("keep the operator's own growth of the old generation", () => {
    assert.deepEqual(workerExecArgv(['--heap-growing-percent=100']), ['--heap-growing-percent=100', semiSpace]);
    assert.deepEqual(workerExecArgv(['--heap_growing_percent=50']), ['--heap_growing_percent=50', semiSpace]);
    assert.deepEqual(workerExecArgv(['-heap-growing-percent=50', '--import', 'tsx']), ['-heap-growing-percent=50', '--import', 'tsx', semiSpace]);
    assert.deepEqual(workerExecArgv(['--heap-growing-percent=10'], '--max-semi-space-size=1'), ['--heap-growing-percent=10']);
  });
});

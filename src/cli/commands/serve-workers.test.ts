import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WORKER_SEMI_SPACE_MB, workerExecArgv } from './serve-workers.ts';

describe("the workers' Node.js flags", () => {
  it("are the primary's, with the young generation held small", () => {
    assert.deepEqual(workerExecArgv(['--import', 'tsx']), ['--import', 'tsx', `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`]);
    assert.deepEqual(workerExecArgv([], '--max-old-space-size=256'), [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`]);
  });

  it("keep the operator's own size of the young generation, however it is written", () => {
    assert.deepEqual(workerExecArgv(['--max-semi-space-size=8']), ['--max-semi-space-size=8']);
    assert.deepEqual(workerExecArgv(['--max_semi_space_size', '2']), ['--max_semi_space_size', '2']);
    assert.deepEqual(workerExecArgv([], ' --max-old-space-size=256  --max-semi-space-size=16 '), []);
  });
});

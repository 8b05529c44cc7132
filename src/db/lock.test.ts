import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DatabaseInUseError, lockDataDir } from './lock.ts';

function readLockFile(dir: string): { pid: number; holder: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'candor.lock'), 'utf8')) as { pid: number; holder: string };
}

function writeLockFile(dir: string, content: unknown): void {
  fs.writeFileSync(path.join(dir, 'candor.lock'), typeof content === 'string' ? content : JSON.stringify(content));
}

/** The id of a process that has exited: what a crashed server leaves in its lock. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

describe('lockDataDir', () => {
  let dir: string;
  const releases: (() => void)[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-lock-'));
  });
  afterEach(() => {
    for (const release of releases.splice(0)) release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function lock(holder = 'the first test holder', folder = dir): () => void {
    const release = lockDataDir(folder, holder);
    releases.push(release);
    return release;
  }

  it('writes the holding process and its description, and removes the file when given back', () => {
    const release = lock('the candor server');
    assert.deepEqual(readLockFile(dir), { pid: process.pid, holder: 'the candor server' });
    release();
    assert.equal(fs.existsSync(path.join(dir, 'candor.lock')), false);
    release(); // giving back twice is harmless
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing is left behind in the folder');
  });

  it('creates the folder when it does not exist yet', () => {
    const nested = path.join(dir, 'not', 'yet');
    lock('a candor command', nested);
    assert.equal(readLockFile(nested).pid, process.pid);
  });

  it('refuses a second holder in the same process, naming the folder and the first holder', () => {
    lock('the candor server');
    assert.throws(
      () => lockDataDir(dir, 'a candor command'),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseInUseError);
        assert.equal(error.pid, process.pid);
        assert.equal(error.holder, 'the candor server');
        assert.match(error.message, new RegExp(`in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by the candor server \\(process ${process.pid}\\)`));
        return true;
      },
    );
    assert.deepEqual(readLockFile(dir), { pid: process.pid, holder: 'the candor server' }, 'the refused attempt leaves the lock alone');
  });

  it('refuses the same folder reached through another path', () => {
    lock('the candor server');
    const link = `${dir}-link`;
    fs.symlinkSync(dir, link);
    try {
      assert.throws(() => lockDataDir(link, 'a candor command'), DatabaseInUseError);
      assert.throws(() => lockDataDir(path.join(dir, '.', '..', path.basename(dir)), 'a candor command'), DatabaseInUseError);
    } finally {
      fs.rmSync(link);
    }
  });

  it('can be taken again once given back', () => {
    lock('first')();
    lock('second');
    assert.equal(readLockFile(dir).holder, 'second');
  });

  it('refuses a folder held by another live process, and takes it over once that process has died', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => other.once('exit', resolve));
    try {
      writeLockFile(dir, { pid: other.pid, holder: 'the candor server' });
      assert.throws(
        () => lockDataDir(dir, 'a candor command'),
        (error: unknown) => error instanceof DatabaseInUseError && error.pid === other.pid && error.holder === 'the candor server',
      );
      assert.equal(readLockFile(dir).pid, other.pid);
    } finally {
      other.kill('SIGKILL');
      await exited;
    }
    lock('a candor command');
    assert.deepEqual(readLockFile(dir), { pid: process.pid, holder: 'a candor command' });
  });

  it('takes over a lock left by a process that died', () => {
    writeLockFile(dir, { pid: deadPid(), holder: 'the candor server' });
    lock('a candor command');
    assert.deepEqual(readLockFile(dir), { pid: process.pid, holder: 'a candor command' });
  });

  it("takes over a lock bearing this process's id that this process does not hold (an earlier process with the same id)", () => {
    writeLockFile(dir, { pid: process.pid, holder: 'the candor server' });
    lock('a candor command');
    assert.deepEqual(readLockFile(dir), { pid: process.pid, holder: 'a candor command' });
  });

  it('takes over a lock file that is empty or unreadable', () => {
    for (const garbage of ['', '{"pid":', '{"holder":"x"}', 'null']) {
      writeLockFile(dir, garbage);
      const release = lock('a candor command');
      assert.equal(readLockFile(dir).pid, process.pid, JSON.stringify(garbage));
      release();
    }
  });

  it('does not remove, when given back, a lock another process has taken since', () => {
    const release = lock('a candor command');
    writeLockFile(dir, { pid: 999_999_999, holder: 'someone else' });
    release();
    assert.equal(readLockFile(dir).holder, 'someone else');
  });

  it('holds different folders independently', () => {
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-lock-'));
    try {
      lock('one');
      lock('two', second);
      assert.equal(readLockFile(dir).holder, 'one');
      assert.equal(readLockFile(second).holder, 'two');
    } finally {
      for (const release of releases.splice(0)) release();
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  it('lets exactly one of several processes racing for a stale lock take it', async () => {
    writeLockFile(dir, { pid: deadPid(), holder: 'the candor server' });
    // Each racer loads the module, waits for a common start time, tries once, says how it went,
    // and stays alive (holding or not) until the test closes its stdin.
    const script = `
      const { lockDataDir } = await import(${JSON.stringify(new URL('./lock.ts', import.meta.url).href)});
      const start = Number(process.argv.at(-1));
      while (Date.now() < start) {}
      try { lockDataDir(${JSON.stringify(dir)}, 'racer'); console.log('took'); }
      catch (error) { console.log(error.name); }
      process.stdin.resume().on('end', () => process.exit(0));
    `;
    const start = String(Date.now() + 2_000);
    const racers = Array.from({ length: 6 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, start], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const outcomes = await Promise.all(
      racers.map(
        (child) =>
          new Promise<string>((resolve) => {
            let out = '';
            child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
              out += chunk;
              if (out.includes('\n')) resolve(out.trim());
            });
            child.on('close', () => resolve(out.trim()));
          }),
      ),
    );
    await Promise.all(racers.map((child) => new Promise((resolve) => child.on('close', resolve).stdin.end())));
    assert.equal(outcomes.filter((outcome) => outcome === 'took').length, 1, outcomes.join(', '));
    assert.equal(outcomes.filter((outcome) => outcome === 'DatabaseInUseError').length, racers.length - 1, outcomes.join(', '));
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, CANDOR_RUN_SOURCES: '' } });
}

// In a copy of the project, so that the build the other tests run is left alone.
describe('the compiled build (scripts/build.mjs) and bin/candor.js', () => {
  let copy: string;
  before(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-build-'));
    for (const entry of ['package.json', 'tsconfig.json', 'bin', 'scripts', 'src']) fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  });
  after(() => {
    fs.rmSync(copy, { recursive: true, force: true });
  });

  it('compiles every module and copies the files read beside them', () => {
    const build = run(copy, ['scripts/build.mjs']);
    assert.equal(build.status, 0, build.stderr);
    for (const file of ['cli/main.js', 'db/migrations/index.js', 'site/layout.js', 'i18n/messages/en.json', 'auth/breached-passwords/passwords.txt']) {
      assert.ok(fs.existsSync(path.join(copy, 'build', file)), file);
    }
    assert.ok(!fs.existsSync(path.join(copy, 'build', 'config.test.js')), 'tests are not compiled');
  });

  it('runs the build while it was made from the sources as they are', () => {
    const main = path.join(copy, 'build', 'cli', 'main.js');
    const stat = fs.statSync(main);
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('usage: candor COMMAND', 'usage: candor (built) COMMAND'));
    fs.utimesSync(main, stat.atime, stat.mtime);
    const help = run(copy, ['bin/candor.js', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /usage: candor \(built\) COMMAND/);
  });

  it('runs the sources through tsx once one of them has changed since the build', () => {
    const source = path.join(copy, 'src', 'cli', 'main.ts');
    fs.writeFileSync(source, fs.readFileSync(source, 'utf8').replace('usage: candor COMMAND', 'usage: candor (edited) COMMAND'));
    const help = run(copy, ['bin/candor.js', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /usage: candor \(edited\) COMMAND/);
  });

  it('runs the sources when a source file is added since the build', () => {
    const rebuilt = run(copy, ['scripts/build.mjs']);
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    const main = path.join(copy, 'build', 'cli', 'main.js');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('usage: candor (edited) COMMAND', 'usage: candor (built) COMMAND'));
    assert.match(run(copy, ['bin/candor.js', '--help']).stdout, /usage: candor \(built\) COMMAND/);
    fs.writeFileSync(path.join(copy, 'src', 'added.ts'), 'export const added = 1;\n');
    assert.match(run(copy, ['bin/candor.js', '--help']).stdout, /usage: candor \(edited\) COMMAND/);
  });
});

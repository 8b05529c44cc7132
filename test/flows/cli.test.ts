import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('candor (the command line)', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('prints its usage and exits 2 without a command', async () => {
    const result = await runCli([], database.env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: candor COMMAND/);
    assert.match(result.stderr, /import requests FILE\.csv/);
  });

  it('prints its usage and exits 0 with --help', async () => {
    const result = await runCli(['--help'], database.env);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /audit verify/);
  });

  it('refuses an unknown command with exit code 2', async () => {
    const result = await runCli(['frobnicate'], database.env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
  });

  it('names the environment variable that is wrong, with exit code 2 and no stack trace', async () => {
    const result = await runCli(['report', '2025'], { ...database.env, PORT: 'http' });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'candor: PORT: must be a port number between 0 and 65535, got "http"\n');
  });

  it('refuses a malformed period with exit code 2', async () => {
    for (const period of ['2025-H3', '2025-1', 'last-year']) {
      const result = await runCli(['report', period], database.env);
      assert.equal(result.status, 2, period);
      assert.match(result.stderr, new RegExp(`"${period}" is not a reporting period`));
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('refuses a bad --format and a missing period with exit code 2', async () => {
    const format = await runCli(['report', '2025', '--format', 'xml'], database.env);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be json or csv, got "xml"/);
    const missing = await runCli(['report'], database.env);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /report takes one period/);
  });

  it('says clearly when the file to import cannot be read', async () => {
    const result = await runCli(['import', 'requests', '/nonexistent/requests.csv'], database.env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot read \/nonexistent\/requests\.csv: ENOENT/);
  });

  it('migrates an already migrated database without doing anything', async () => {
    const result = await runCli(['migrate'], database.env);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'the database is up to date\n');
  });

  it('seeds the demo once, and reports figures from it', async () => {
    const first = await runCli(['seed', 'demo'], database.env);
    assert.equal(first.status, 0);
    assert.match(first.stdout, /added 605 demo requests/);
    const second = await runCli(['seed', 'demo'], database.env);
    assert.match(second.stdout, /already has requests/);
    const year = new Date().getUTCFullYear() - 1;
    const report = await runCli(['report', String(year)], database.env);
    assert.equal(report.status, 0);
    const json = JSON.parse(report.stdout) as Record<string, { received: number }>;
    const total = ['content_alteration', 'copyright', 'user_data', 'preservation', 'emergency'].reduce((sum, kind) => sum + json[kind]!.received, 0);
    assert.ok(total > 100, `last year has demo figures (${total})`);
    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0);
    // 605 requests created, 404 public notices drafted and published, 3 contact messages received,
    // 29 changes to the demo's news (5 posts created with one translation, 10 more translations
    // added, 11 published, 3 scheduled), 3 images uploaded and published, and 32 survey results added.
    assert.match(verify.stdout, /audit chain intact: 1483 events/);
  });
});

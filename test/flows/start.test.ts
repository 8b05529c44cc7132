import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createTestDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

// What `npm start` does on a fresh checkout: `candor serve --demo` on a database that does not exist yet.
describe('candor serve --demo on a new installation', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('creates and migrates the database, adds the demo data, and serves it', async () => {
    let env: Record<string, string>;
    if (process.env.CANDOR_TEST_TEMPLATE_URL) {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      env = database.env;
    } else {
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-start-')), 'data');
      cleanups.push(async () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
      env = { DATA_DIR: dir };
    }
    const server = await startServer(env, ['--demo']);
    cleanups.unshift(async () => void (await server.stop()));

    const health = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', database: process.env.CANDOR_TEST_TEMPLATE_URL ? 'postgres' : 'pglite', checks: { database: 'ok', jobs: 'ok' } });

    const lastYear = new Date().getUTCFullYear() - 1;
    const report = (await (await fetch(`${server.url}/api/v1/transparency/${lastYear}`)).json()) as Record<string, { received: number }>;
    assert.ok(report.content_alteration!.received > 0, 'the demo data shows in last year\'s report');
    assert.ok(report.copyright!.received > 0);
    assert.ok(report.user_data!.received > 0);

    // The demo's donate link leads to the fictional organisation's own page, in the reader's language.
    for (const lang of ['en', 'es', 'ar']) {
      assert.ok((await (await fetch(`${server.url}/${lang}/`)).text()).includes(`<a class="donate" href="/${lang}/news/donate" rel="noreferrer">`), `${lang}: donate link`);
      assert.equal((await fetch(`${server.url}/${lang}/news/donate`)).status, 200, `${lang}: the donate page`);
    }

    assert.equal(await server.stop(), 0, `the server stopped cleanly:\n${server.stderr.join('\n')}\n${JSON.stringify(server.logs.filter((entry) => Number(entry.level) >= 40))}`);
    if (env.DATA_DIR) assert.ok(!fs.existsSync(path.join(env.DATA_DIR, 'candor.lock')), 'the server gave its folder back');
  });
});

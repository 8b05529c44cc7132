import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TestAuthenticator, linkToken, shownSecret } from '../helpers/sign-in.ts';
import { getPage, postForm } from '../helpers/staff.ts';

/** Waits for the lines the demo prints about its console (standard error, after the server is up). */
async function demoLines(server: RunningServer): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = server.stderr.join('\n');
    if (/Demo console:[\s\S]*(\/console\/welcome\/\S+|\/console\/login as \S+)/.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.stderr.join('\n');
}

describe('the demo console account (candor serve --demo)', () => {
  let database: TestDatabase;
  let server: RunningServer | undefined;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('prints a one-time link for the demo administrator at start-up, a new one at each start until it is set up, then where to sign in', async () => {
    server = await startServer(database.env, ['--demo']);
    const first = await demoLines(server);
    assert.match(first, /Demo console: to set a password and an authenticator app for admin@demo\.candor\.invalid, open/);
    const firstLink = /(http:\/\/127\.0\.0\.1:\d+\/console\/welcome\/[A-Za-z0-9_-]{43})/.exec(first)?.[1];
    assert.ok(firstLink, first);
    assert.ok(firstLink.startsWith(server.url), 'the link points at the address actually served');
    assert.ok(!JSON.stringify(server.logs).includes(linkToken(firstLink)), 'the link is not in the structured log');
    const page = await getPage(firstLink, undefined);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /admin@demo\.candor\.invalid/);
    await server.stop();

    server = await startServer(database.env, ['--demo']);
    const second = await demoLines(server);
    const secondLink = /(http:\/\/127\.0\.0\.1:\d+\/console\/welcome\/[A-Za-z0-9_-]{43})/.exec(second)?.[1];
    assert.ok(secondLink, second);
    assert.notEqual(linkToken(secondLink), linkToken(firstLink));
    assert.equal((await getPage(`${server.url}/console/welcome/${linkToken(firstLink)}`, undefined)).status, 404, 'the earlier link no longer works');

    const token = linkToken(secondLink);
    const password = 'demo desk lantern morning';
    assert.equal((await postForm(`${server.url}/console/welcome/${token}`, undefined, { password, confirmation: password })).status, 303);
    const app = new TestAuthenticator(shownSecret(await (await getPage(`${server.url}/console/welcome/${token}`, undefined)).text()));
    assert.equal((await postForm(`${server.url}/console/welcome/${token}/totp`, undefined, { code: await app.code() })).status, 303);
    await server.stop();

    server = await startServer(database.env, ['--demo']);
    const third = await demoLines(server);
    assert.match(third, new RegExp(`Demo console: sign in at ${server.url.replace(/\./g, '\\.')}/console/login as admin@demo\\.candor\\.invalid`));
    assert.doesNotMatch(third.split('Demo console:').at(-1)!, /\/console\/welcome\//);
    const signedIn = await postForm(`${server.url}/console/login`, undefined, { email: 'admin@demo.candor.invalid', password, code: await app.code() });
    assert.equal(signedIn.status, 303);
    await server.stop();
    server = undefined;
  });

  it('gives a desk with real accounts no demo account', async () => {
    const desk = await createTestDatabase();
    try {
      assert.equal((await runCli(['user', 'add', 'amal@desk.example', '--role', 'admin'], desk.env)).status, 0);
      const running = await startServer(desk.env, ['--demo']);
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.doesNotMatch(running.stderr.join('\n'), /Demo console/);
      } finally {
        await running.stop();
      }
    } finally {
      await desk.drop();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';

describe('the public site in Chromium', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite({
    env: () => ({ DONATE_URL: 'https://give.example.org/' }),
  });

  it('crawls every same-site link from /en/ without JavaScript: no cookie, nothing from elsewhere, no error page, no axe violation', async () => {
    const { context, requested } = await recordingContext(suite.browser, { javaScriptEnabled: false });
    const problems: string[] = [];
    const cookieHeaders: string[] = [];
    context.on('response', async (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      const cookie = await response.headerValue('set-cookie');
      if (cookie) cookieHeaders.push(`${response.url()}: ${cookie}`);
    });
    const page = await context.newPage();
    const origin = new URL(suite.server.url).origin;
    const queue = [`${origin}/en/`];
    const seen = new Set(queue);
    const html: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const response = await page.goto(url);
      assert.ok(response, url);
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      html.push(url);
      const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      for (const link of links) {
        const target = new URL(link);
        target.hash = '';
        if (target.origin !== origin || target.pathname.startsWith('/console') || seen.has(target.href)) continue;
        seen.add(target.href);
        queue.push(target.href);
      }
    }
    await context.close();
    // Every page of the site in every language was reached by following links.
    const expected = ['/', '/litigation', '/stories', '/topics/access-to-knowledge', '/topics/censorship', '/topics/copyright', '/topics/intermediary-liability', '/topics/privacy', '/legal-help', '/requests/new', '/awareness', '/connect', '/contact'];
    for (const lang of ['en', 'es', 'ar']) for (const path of expected) assert.ok(html.includes(`${origin}/${lang}${path}`), `reached /${lang}${path}`);
    assert.deepEqual(problems, [], 'no page or asset answered 4xx or 5xx');
    assert.deepEqual(cookieHeaders, [], 'no response set a cookie');
    assert.deepEqual(requested.filter((url) => !url.startsWith(`${origin}/`)), [], 'every request went to the server under test');

    // axe-core on every page reached, in every language (it needs script, injected past the page's policy).
    const checker = await recordingContext(suite.browser, { bypassCSP: true });
    const axePage = await checker.context.newPage();
    const violations: string[] = [];
    for (const url of html) {
      await axePage.goto(url);
      for (const violation of await axeViolations(axePage)) violations.push(`${url}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
    assert.deepEqual(await checker.context.cookies(), [], 'no cookie in the browser');
    await checker.context.close();
    assert.deepEqual(violations, []);
  });
});

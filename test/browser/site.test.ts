import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, recordingContext, useBrowserSuite, withoutChromium } from '../helpers/browser.ts';
import { LINKED_TEMPLATES, SITE_LANGUAGES, VISITS_PER_TEMPLATE, classify, seedDemoSite, visitKey } from '../helpers/site-pages.ts';

/** What a crawl met: the pages it reached (HTML), what went wrong, the cookies offered and every request the browser made. */
interface Crawl {
  pages: { url: string; template: string; lang: string; content: string[] }[];
  unknown: string[];
  problems: string[];
  cookieHeaders: string[];
  requested: string[];
}

/**
 * Follows every same-site link from /en/, a few URLs per template and language (the demo links
 * to every notice and every download), with or without JavaScript. Each page notes the content
 * it shows that an empty database would not: images, their credits, the chart, posts, links.
 */
async function crawl(browser: Browser, origin: string, javaScriptEnabled: boolean): Promise<Crawl> {
  const { context, requested } = await recordingContext(browser, { javaScriptEnabled });
  const result: Crawl = { pages: [], unknown: [], problems: [], cookieHeaders: [], requested };
  context.on('response', async (response) => {
    if (response.status() >= 400) result.problems.push(`${response.status()} ${response.url()}`);
    const cookie = await response.headerValue('set-cookie');
    if (cookie) result.cookieHeaders.push(`${response.url()}: ${cookie}`);
  });
  const page = await context.newPage();
  const queue = [`${origin}/en/`];
  const seen = new Set(queue);
  const visits = new Map<string, number>();
  while (queue.length > 0) {
    const url = queue.shift()!;
    const kind = classify(new URL(url));
    if ('file' in kind) {
      // A feed or a download, fetched rather than opened: a browser saves it instead of showing it.
      const file = await context.request.get(url);
      if (file.status() >= 400) result.problems.push(`${file.status()} ${url}`);
      if (file.headers()['set-cookie']) result.cookieHeaders.push(`${url}: ${file.headers()['set-cookie']}`);
      continue;
    }
    const response = await page.goto(url);
    assert.ok(response, url);
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    if (kind.template === undefined) {
      result.unknown.push(url);
      continue;
    }
    const content = await page.evaluate(() =>
      Object.entries({ image: 'main img', credits: '[data-credit]', chart: 'svg.chart', posts: '.news-list li', elsewhere: 'main a[href^="https://news.sister.example/"]', periods: '#periods tbody tr', hits: '.hits li' })
        .filter(([, selector]) => document.querySelector(selector) !== null)
        .map(([name]) => name),
    );
    result.pages.push({ url, template: kind.template, lang: kind.lang, content });
    const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      const target = new URL(link);
      target.hash = '';
      if (target.origin !== origin || target.pathname.startsWith('/console') || seen.has(target.href)) continue;
      seen.add(target.href);
      const key = visitKey(target);
      if ((visits.get(key) ?? 0) >= VISITS_PER_TEMPLATE) continue;
      visits.set(key, (visits.get(key) ?? 0) + 1);
      queue.push(target.href);
    }
  }
  await context.close();
  return result;
}

/** Fails unless the crawl reached every template in every language, met only known templates, and stayed private. */
function assertCrawl(result: Crawl, origin: string, how: string) {
  assert.deepEqual(result.unknown, [], `${how}: every page reached is of a template the site's tests know`);
  const reached = new Set(result.pages.map((page) => `${page.lang} ${page.template}`));
  const missing = SITE_LANGUAGES.flatMap((lang) => Object.keys(LINKED_TEMPLATES).filter((template) => !reached.has(`${lang} ${template}`)).map((template) => `${lang} ${template}`));
  assert.deepEqual(missing, [], `${how}: every template was reached in every language`);
  assert.deepEqual(result.problems, [], `${how}: no page or asset answered 4xx or 5xx`);
  assert.deepEqual(result.cookieHeaders, [], `${how}: no response set a cookie`);
  assert.deepEqual(result.requested.filter((url) => !url.startsWith(`${origin}/`)), [], `${how}: every request went to the server under test`);
}

describe('the public site in Chromium, with the demo content', { skip: withoutChromium }, () => {
  const suite = useBrowserSuite({
    prepare: seedDemoSite,
    env: () => ({ DONATE_URL: 'https://give.example.org/' }),
  });
  let withoutScript: Crawl;

  it('crawls every template in every language without JavaScript: no cookie, nothing from elsewhere, no error page', async () => {
    const origin = new URL(suite.server.url).origin;
    withoutScript = await crawl(suite.browser, origin, false);
    assertCrawl(withoutScript, origin, 'without JavaScript');
    // The demo's content was met in every language: the pages an empty database would not show.
    const met = (lang: string, template: string, what: string) => withoutScript.pages.some((page) => page.lang === lang && page.template === template && page.content.includes(what));
    for (const lang of SITE_LANGUAGES) {
      for (const [template, what] of [['home', 'image'], ['home', 'credits'], ['home', 'chart'], ['home', 'posts'], ['home', 'elsewhere'], ['topic', 'image'], ['topic', 'credits'], ['awareness', 'chart'], ['news-list', 'posts'], ['elsewhere', 'elsewhere'], ['transparency-index', 'periods'], ['notice-search', 'hits']] as const) {
        assert.ok(met(lang, template, what), `${lang} ${template} shows ${what}`);
      }
    }
  });

  it('crawls them again with JavaScript: still no cookie, nothing from elsewhere, no error page', async () => {
    const origin = new URL(suite.server.url).origin;
    assertCrawl(await crawl(suite.browser, origin, true), origin, 'with JavaScript');
  });

  it('passes axe-core on every page the crawl reached, every template in every language', async () => {
    assert.ok(withoutScript, 'the crawl ran');
    // axe-core needs script, injected past the page's policy.
    const checker = await recordingContext(suite.browser, { bypassCSP: true });
    const page = await checker.context.newPage();
    const violations: string[] = [];
    const checked = new Set<string>();
    for (const reached of withoutScript.pages) {
      await page.goto(reached.url);
      for (const violation of await axeViolations(page)) violations.push(`${reached.url}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      checked.add(`${reached.lang} ${reached.template}`);
    }
    assert.deepEqual(await checker.context.cookies(), [], 'no cookie in the browser');
    await checker.context.close();
    assert.equal(checked.size, SITE_LANGUAGES.length * Object.keys(LINKED_TEMPLATES).length, 'every template checked in every language');
    assert.deepEqual(violations, []);
  });
});

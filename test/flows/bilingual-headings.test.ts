import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { useServer } from '../helpers/server.ts';
import { LINKED_TEMPLATES, SITE_LANGUAGES, VISITS_PER_TEMPLATE, classify, seedDemoSite, visitKey } from '../helpers/site-pages.ts';

/**
 * The headings that stay in the reader's language alone, each with its reason. Everything else
 * the site heads with an h1 or h2 is a section, headed in two languages ("News — Noticias").
 */
const EXEMPT: { why: string; applies: (heading: Element, template: string) => boolean }[] = [
  { why: 'a form’s error summary, read out as an alert', applies: (heading) => heading.id === 'summary-title' },
  { why: 'the home page’s title, the organisation’s motto rather than a section', applies: (heading, template) => template === 'home' && heading.tagName === 'H1' },
  { why: 'the title of a case, in its author’s words', applies: (heading, template) => template === 'litigation' && heading.parentElement?.classList.contains('case') === true },
  { why: 'the title of a story, in its author’s words', applies: (heading, template) => template === 'stories' && heading.parentElement?.classList.contains('story') === true },
  { why: 'the title of a news post, which exists in the languages it was written in', applies: (heading) => heading.getAttribute('itemprop') === 'headline' || heading.closest('.news-list') !== null },
  { why: 'the title of a notice, from the request it publishes', applies: (heading, template) => template === 'notice' && heading.tagName === 'H1' },
];

const used = new Set<string>();

/** What is wrong with the headings of a page: each h1 and h2 not in two languages and not exempt. */
function headingProblems(html: string, where: string, template: string): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  const headings = [...document.querySelectorAll('h1, h2')].filter((heading) => heading.closest('header, footer') === null);
  if (headings.length === 0) problems.push(`${where}: no heading at all`);
  for (const heading of headings) {
    const exemption = EXEMPT.find((rule) => rule.applies(heading, template));
    if (exemption) {
      used.add(exemption.why);
      continue;
    }
    const second = heading.querySelector('.second');
    if (!heading.classList.contains('bilingual') || !second?.getAttribute('lang') || !second.getAttribute('dir') || !second.textContent?.trim()) {
      problems.push(`${where}: <${heading.tagName.toLowerCase()}${heading.id ? ` id="${heading.id}"` : ''}> ${heading.textContent?.trim()}`);
    } else if (second.getAttribute('lang') === document.documentElement.getAttribute('lang')) {
      problems.push(`${where}: the second language of “${heading.textContent?.trim()}” is the page’s own`);
    }
  }
  return problems;
}

describe('headings in a second language on every public page', () => {
  const suite = useServer({ prepare: seedDemoSite });
  const url = (path: string) => `${suite.server.url}${path}`;
  const problems: string[] = [];

  it('heads every section of every page a reader reaches by links, in every language, in two languages', async () => {
    const origin = new URL(suite.server.url).origin;
    const queue = [new URL(`${origin}/en/`)];
    const seen = new Set([queue[0]!.href]);
    const visits = new Map<string, number>();
    const reached = new Set<string>();
    const unknown: string[] = [];
    while (queue.length > 0) {
      const target = queue.shift()!;
      const response = await fetch(target);
      assert.ok(response.status < 400, `${response.status} ${target.href}`);
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      const kind = classify(target);
      const html = await response.text();
      if ('file' in kind || kind.template === undefined) {
        unknown.push(target.href);
        continue;
      }
      reached.add(`${kind.lang} ${kind.template}`);
      problems.push(...headingProblems(html, target.pathname + target.search, kind.template));
      for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
        const link = new URL(href!.replace(/&amp;/g, '&'), target);
        link.hash = '';
        if (link.origin !== origin || link.pathname.startsWith('/console') || seen.has(link.href)) continue;
        seen.add(link.href);
        const key = visitKey(link);
        if ((visits.get(key) ?? 0) >= VISITS_PER_TEMPLATE) continue;
        visits.set(key, (visits.get(key) ?? 0) + 1);
        queue.push(link);
      }
    }
    assert.deepEqual(unknown, [], 'every page reached is of a template the site’s tests know');
    const missing = SITE_LANGUAGES.flatMap((lang) => Object.keys(LINKED_TEMPLATES).filter((template) => !reached.has(`${lang} ${template}`)).map((template) => `${lang} ${template}`));
    assert.deepEqual(missing, [], 'every template was reached in every language');
    assert.deepEqual(problems.splice(0), []);
  });

  it('heads the pages of a form’s answers, of its errors, of too many tries and of bad addresses in two languages too', async () => {
    const form = (path: string, fields: Record<string, string>) => fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const multipart = (path: string, fields: Record<string, string>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return fetch(url(path), { method: 'POST', body });
    };
    const check = async (where: string, template: string, response: Response, status: number) => {
      assert.equal(response.status, status, where);
      problems.push(...headingProblems(await response.text(), where, template));
    };
    const listed = await (await fetch(url('/en/notices?q=a'))).text();
    const reference = /href="\/en\/notices\/([A-Z]{2,}-\d{4}-\d+)"/.exec(listed)?.[1];
    assert.ok(reference, 'the demo has published notices');
    for (const lang of SITE_LANGUAGES) {
      // A filled honeypot is thanked with the page a person sees once their message is stored.
      await check(`${lang} contact received`, 'contact-received', await form(`/${lang}/contact`, { website: 'x' }), 200);
      await check(`${lang} legal help received`, 'legal-help-received', await form(`/${lang}/legal-help`, { website: 'x' }), 200);
      await check(`${lang} request received`, 'request-received', await multipart(`/${lang}/requests/new/copyright`, { website: 'x' }), 200);
      await check(`${lang} connect sent`, 'connect-sent', await form(`/${lang}/connect`, { website: 'x' }), 200);
      await check(`${lang} contact errors`, 'contact', await form(`/${lang}/contact`, {}), 400);
      await check(`${lang} legal help errors`, 'legal-help', await form(`/${lang}/legal-help`, {}), 400);
      await check(`${lang} request errors`, 'request-form', await multipart(`/${lang}/requests/new/copyright`, {}), 400);
      await check(`${lang} connect errors`, 'connect', await form(`/${lang}/connect`, { email: 'nobody' }), 400);
      await check(`${lang} confirm link`, 'connect-confirm', await fetch(url(`/${lang}/connect/confirm?token=not-a-token`)), 404);
      await check(`${lang} unsubscribe link`, 'connect-unsubscribe', await fetch(url(`/${lang}/connect/unsubscribe?token=not-a-token`)), 404);
      await check(`${lang} notice missing`, 'notice-missing', await fetch(url(`/${lang}/notices/ZZ-1999-000001`)), 404);
      await check(`${lang} notice`, 'notice', await fetch(url(`/${lang}/notices/${reference}`)), 200);
      await check(`${lang} news missing`, 'news-missing', await fetch(url(`/${lang}/news/no-such-post`)), 404);
      await check(`${lang} transparency error`, 'transparency-error', await fetch(url(`/${lang}/transparency/2999`)), 404);
    }
    // Empty contact forms sent without the proof of work, until the limit of an address is reached.
    let status = 0;
    for (let tries = 0; tries < 20 && status !== 429; tries++) status = (await form('/en/contact', {})).status;
    assert.equal(status, 429, 'the contact form’s limit was reached');
    for (const lang of SITE_LANGUAGES) await check(`${lang} too many`, 'too-many', await form(`/${lang}/contact`, {}), 429);
    assert.deepEqual(problems, []);
    assert.deepEqual(EXEMPT.map((rule) => rule.why).filter((why) => !used.has(why)), [], 'every exemption is still needed');
  });
});

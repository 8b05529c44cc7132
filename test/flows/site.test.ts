import assert from 'node:assert/strict';
import { periodsBetween } from '../../src/transparency/periods.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addManyNotices } from '../helpers/notices.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { createStaffLogin, postForm, type StaffLogin } from '../helpers/staff.ts';

const LANGS = [
  ['en', 'ltr'],
  ['es', 'ltr'],
  ['ar', 'rtl'],
] as const;
const TOPICS = ['access-to-knowledge', 'censorship', 'copyright', 'intermediary-liability', 'privacy'];
/** Every public page, without its language. */
const PAGES = ['/', '/litigation', '/stories', ...TOPICS.map((slug) => `/topics/${slug}`), '/legal-help', '/requests/new', '/awareness', '/connect', '/contact', '/elsewhere'];
const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const YEAR = new Date().getUTCFullYear();
const LAST = YEAR - 1;

/** Requests of the last full year and of this one, with the outcomes the home page counts. */
function rows(): string[][] {
  const row = (kind: string, at: string, outcome: string, category = '') => ['', kind, category, at, 'DE', 'company', 'de.wikipedia.org', outcome, '', '', ''];
  const last = `${LAST}-03-10T12:00:00Z`;
  const now = `${YEAR}-01-01T00:00:01Z`;
  return [
    ...['granted', 'partially_granted', 'denied', 'denied', 'denied', 'not_actionable'].map((outcome) => row('content_alteration', last, outcome, 'defamation')),
    ...['granted', 'granted', 'denied'].map((outcome) => row('copyright', last, outcome)),
    ...['partially_granted', 'denied'].map((outcome) => row('user_data', last, outcome, 'civil_subpoena')),
    ...['partially_granted', 'denied'].map((outcome) => row('content_alteration', now, outcome, 'privacy')),
    ...['granted', 'denied', 'denied', 'withdrawn'].map((outcome) => row('copyright', now, outcome)),
    row('user_data', now, 'granted', 'court_order'),
    // Two years ago: never on the home page.
    row('copyright', `${YEAR - 2}-06-01`, 'granted'),
  ];
}

/** What the home page must show, counted from the rows above by hand. */
const EXPECTED: Record<string, [number, number, number]> = {
  [`${LAST}-removal`]: [6, 1, 1],
  [`${LAST}-copyright`]: [3, 2, 0],
  [`${LAST}-user-data`]: [2, 0, 1],
  [`${YEAR}-removal`]: [2, 0, 1],
  [`${YEAR}-copyright`]: [4, 1, 0],
  [`${YEAR}-user-data`]: [1, 1, 0],
};

/** The addresses a sitemap or sitemap index lists, in order. */
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);

/** The received, full and partial numbers shown in one figure of the home page. */
function figure(html: string, name: string): string {
  const match = new RegExp(`<div class="figure" data-figure="${name}">(.*?)</div>`).exec(html);
  assert.ok(match, `figure ${name} is on the page`);
  return match[1]!;
}

describe('the public site', () => {
  let database: TestDatabase;
  let plain: TestDatabase;
  let server: RunningServer;
  let unconfigured: RunningServer;
  let token: string;
  let admin: StaffLogin;
  /** The published notices of the demo database, in reference order. */
  let publishedNotices: string[];

  before(async () => {
    [database, plain] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-site-'));
    const file = path.join(dir, 'requests.csv');
    const header = 'reference,kind,category,received_at,country,requester_type,project,outcome,accounts_potentially_affected,accounts_actually_affected,accounts_notified';
    fs.writeFileSync(file, `${[header, ...rows().map((cells) => cells.join(','))].join('\n')}\n`);
    const imported = await runCli(['import', 'requests', file], database.env);
    assert.equal(imported.status, 0, imported.stderr);
    const handle = await database.open();
    token = (await createApiToken(handle.db, 'site test', 'submit', 'test')).token;
    await handle.close();
    // The demo's content (chart, table, news, images and their credits) and links from elsewhere,
    // then notices enough for several sitemap files, on the database whose figures no test counts.
    const other = await plain.open();
    assert.ok((await seedDemo(other.db)) > 0);
    const feed = await other.db.insertInto('elsewhere_feeds').values({ name: 'Sister Wiki News', url: 'http://127.0.0.1:9/feed.xml' }).returning('id').executeTakeFirstOrThrow();
    const titles = ['A court upholds the right to edit anonymously', 'Volunteers photograph every lighthouse of the coast', 'Un archivo abierto para las lenguas del valle', 'أرشيف مفتوح لمخطوطات المدينة القديمة', 'A new award for translators of the projects', 'Wikimedians map the river delta'];
    await other.db.insertInto('elsewhere_items').values(titles.map((title, i) => ({ feed_id: feed.id, link: `https://news.sister.example/2026/${i + 1}/${'a-long-article-slug'.repeat(2)}`, title, published_at: new Date(Date.now() - i * 86_400_000), fetched_at: new Date() }))).execute();
    await addManyNotices(other.db, 2_500);
    publishedNotices = (await other.db.selectFrom('public_notices').select('reference').where('state', '=', 'published').orderBy('reference').execute()).map((row) => row.reference);
    admin = await createStaffLogin(other.db, 'admin');
    await other.close();
    [server, unconfigured] = await Promise.all([
      startServer({ ...database.env, DONATE_URL: 'https://give.example.org/fkt?from=site' }),
      startServer({ ...plain.env, SECOND_LANGUAGE: 'ar' }),
    ]);
  });
  after(async () => {
    await Promise.all([server?.stop(), unconfigured?.stop()]);
    await Promise.all([database?.drop(), plain?.drop()]);
  });

  it('sends / to the reader’s language by Accept-Language, varying on it', async () => {
    for (const [header, lang] of [
      ['es-AR,es;q=0.9,en;q=0.5', 'es'],
      ['fr-FR, ar;q=0.8', 'ar'],
      ['de', 'en'],
      [undefined, 'en'],
    ] as const) {
      const response = await fetch(`${server.url}/`, { redirect: 'manual', headers: header ? { 'accept-language': header } : {} });
      assert.ok([302, 303].includes(response.status), `${header}: ${response.status}`);
      assert.equal(response.headers.get('location'), `/${lang}/`);
      assert.match(response.headers.get('vary') ?? '', /accept-language/i);
      assert.equal(response.headers.get('set-cookie'), null);
    }
    const bare = await fetch(`${server.url}/es`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/es/');
  });

  it('serves every page in English, Spanish and Arabic with language, direction, alternates, the privacy headers and no cookie', async () => {
    for (const [lang, dir] of LANGS) {
      for (const page of PAGES) {
        const response = await fetch(`${server.url}/${lang}${page}`);
        const where = `/${lang}${page}`;
        assert.equal(response.status, 200, where);
        assert.equal(response.headers.get('set-cookie'), null, where);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer', where);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff', where);
        assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin', where);
        assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', where);
        const csp = response.headers.get('content-security-policy') ?? '';
        // The site's own pages need no script; the forms keep their policy with their script.
        const forms = ['/legal-help', '/requests/new', '/connect', '/contact'];
        if (forms.includes(page)) assert.match(csp, /^default-src 'none';.*frame-ancestors 'none'/, where);
        else assert.equal(csp, SITE_CSP, where);
        const html = await response.text();
        assert.ok(html.startsWith(`<!doctype html>\n<html lang="${lang}" dir="${dir}">`), `${where}: language and direction`);
        for (const [code] of LANGS) assert.ok(html.includes(`<link rel="alternate" hreflang="${code}" href="${server.url}/${code}${page}"/>`), `${where}: alternate ${code}`);
        assert.ok(html.includes(`<link rel="alternate" hreflang="x-default" href="${server.url}${page === '/' ? '/' : `/en${page}`}"/>`), `${where}: x-default`);
        assert.ok(html.includes(`<meta property="og:url" content="${server.url}/${lang}${page}"/>`), `${where}: Open Graph`);
        assert.ok(!/<(script|img|link|iframe)[^>]+(src|href)="(https?:)?\/\/(?!127\.0\.0\.1)/.test(html.replace(/<link rel="(alternate|canonical)"[^>]*>/g, '')), `${where}: nothing loads from elsewhere`);
        assert.ok(html.includes(`<a class="donate" href="https://give.example.org/fkt?from=site" rel="noreferrer">`), `${where}: donate link`);
        assert.ok(html.includes(`<a class="contact-link" href="/${lang}/contact"`), `${where}: contact link in the header`);
        if (!forms.includes(page)) assert.ok(!html.includes('<script'), `${where}: no script`);
      }
    }
  });

  it('answers a missing or malformed page with a page of the site in the path’s or the reader’s language, and the API with JSON', async () => {
    const TITLES = { 404: { en: 'Page not found', es: 'Página no encontrada', ar: 'الصفحة غير موجودة' }, 400: { en: 'This address cannot be answered', es: 'No podemos responder a esta dirección', ar: 'لا يمكننا الإجابة عن هذا العنوان' } } as const;
    for (const [where, status, lang, accept] of [
      ['/en/nothing', 404, 'en'],
      ['/en/topics/x', 404, 'en'],
      ['/ar/topics/nothing', 404, 'ar'],
      ['/es/notices/CR-2099-999999/more', 404, 'es'],
      ['/fr/', 404, 'es', 'es-ES,es;q=0.9'],
      ['/fr/litigation', 404, 'en'],
      ['/xx/', 404, 'ar', 'ar'],
      ['/nothing.php', 404, 'en'],
      ['/es/news?page=1234567890123', 400, 'es'],
      ['/ar/news?page=1&page=2', 400, 'ar'],
      // Escapes that are not UTF-8: the framework refuses the path before any route sees it.
      ['/es/noticias/%FF', 400, 'es'],
      ['/%C3%28', 400, 'ar', 'ar'],
    ] as const) {
      const response = await fetch(`${server.url}${where}`, { headers: accept ? { 'accept-language': accept } : {} });
      assert.equal(response.status, status, where);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', where);
      assert.equal(response.headers.get('content-security-policy'), SITE_CSP, where);
      assert.equal(response.headers.get('cache-control'), 'no-store', where);
      assert.equal(response.headers.get('set-cookie'), null, where);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', where);
      if (accept) assert.match(response.headers.get('vary') ?? '', /accept-language/i, `${where}: the language was the reader's`);
      const html = await response.text();
      const dir = lang === 'ar' ? 'rtl' : 'ltr';
      assert.ok(html.startsWith(`<!doctype html>\n<html lang="${lang}" dir="${dir}">`), `${where}: language and direction`);
      assert.ok(html.includes(`<h1>${TITLES[status][lang]}</h1>`), `${where}: says what went wrong`);
      assert.ok(html.includes('<nav class="wrap main-nav"') && html.includes(`<a href="/${lang}/transparency"`), `${where}: the navigation`);
      for (const [code] of LANGS) if (code !== lang) assert.ok(html.includes(`<a href="/${code}/" hreflang="${code}"`), `${where}: the switcher leads to the ${code} home page`);
      assert.ok(!html.includes('rel="alternate" hreflang'), `${where}: no alternates of a page that does not exist`);
      assert.ok(html.includes(`<a class="contact-link" href="/${lang}/contact"`) && html.includes('<a class="donate" href="https://give.example.org/fkt?from=site"'), `${where}: contact and donate links`);
      assert.ok(html.includes(`<a href="/${lang}/">`), `${where}: the way home`);
      assert.ok(!html.includes('<script'), `${where}: no script`);
    }
    // The path, as asked, in the text of the page; markup in it is text.
    assert.ok((await (await fetch(`${server.url}/en/%3Cb%3Ex`)).text()).includes('There is no page at /en/%3Cb%3Ex.'));
    // The API, its files and the operators' endpoints keep their JSON.
    for (const [where, status, error] of [
      ['/api/v1/nothing', 404, 'not_found'],
      ['/api/v1/notices?limit=many', 400, 'validation'],
      ['/api/v1/transparency/2017-H3', 400, 'invalid_period'],
      ['/healthz/nothing', 404, 'not_found'],
      ['/metrics/nothing', 404, 'not_found'],
      ['/api/v1/notices/%FF', 400, 'bad_request'],
    ] as const) {
      const response = await fetch(`${server.url}${where}`, { headers: { 'accept-language': 'es' } });
      assert.equal(response.status, status, where);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, where);
      assert.equal(((await response.json()) as { error: string }).error, error, where);
    }
    for (const where of ['/assets/nothing.css', '/media/nothing.png']) {
      const response = await fetch(`${server.url}${where}`);
      assert.equal(response.status, 404, where);
      assert.doesNotMatch(response.headers.get('content-type') ?? '', /html/, `${where}: a file's answer, not a page`);
    }
  });

  it('heads sections in two languages, the second marked with its own language and direction', async () => {
    const english = await (await fetch(`${server.url}/en/`)).text();
    assert.ok(english.includes('<h2 id="expression" class="bilingual">Defending free expression<span aria-hidden="true"> — </span><span class="second" lang="es" dir="ltr">En defensa de la libertad de expresión</span></h2>'));
    const arabic = await (await fetch(`${server.url}/ar/`)).text();
    assert.ok(arabic.includes('<h2 id="expression" class="bilingual">الدفاع عن حرية التعبير<span aria-hidden="true"> — </span><span class="second" lang="en" dir="ltr">Defending free expression</span></h2>'));
    // SECOND_LANGUAGE=ar: Arabic beside Spanish, right to left; beside Arabic itself, the default English.
    const spanish = await (await fetch(`${unconfigured.url}/es/stories`)).text();
    assert.ok(spanish.includes('<h1 class="bilingual">Voces de la comunidad<span aria-hidden="true"> — </span><span class="second" lang="ar" dir="rtl">أصوات المجتمع</span></h1>'));
    assert.ok((await (await fetch(`${unconfigured.url}/ar/stories`)).text()).includes('<span class="second" lang="en" dir="ltr">Community voices</span>'));
  });

  it('has no donate link when DONATE_URL is unset', async () => {
    const html = await (await fetch(`${unconfigured.url}/en/`)).text();
    assert.ok(html.includes('<h1>Free knowledge needs defenders</h1>'));
    assert.ok(!html.includes('class="donate"'));
  });

  it('shows the figures of the last full year and of this one, as the transparency report computes them', async () => {
    const pages = Object.fromEntries(await Promise.all(LANGS.map(async ([lang]) => [lang, await (await fetch(`${server.url}/${lang}/`)).text()] as const)));
    for (const [name, [received, full, partial]] of Object.entries(EXPECTED)) {
      for (const [lang] of LANGS) {
        const shown = figure(pages[lang]!, name);
        const number = (n: number) => new Intl.NumberFormat(lang).format(n);
        assert.ok(shown.includes(`<data class="number" value="${received}">${number(received)}</data>`), `${lang} ${name}: received ${received} in ${shown}`);
        const detail = lang === 'en' ? `: ${full}, in part: ${partial}` : lang === 'es' ? `: ${number(full)}, en parte: ${number(partial)}` : `: ${number(full)}، وجزئيًّا: ${number(partial)}`;
        assert.ok(shown.includes(detail), `${lang} ${name}: ${detail} in ${shown}`);
      }
    }
    // The same numbers the published report gives.
    for (const year of [LAST, YEAR]) {
      const report = (await (await fetch(`${server.url}/api/v1/transparency/${year}`)).json()) as { content_alteration: { received: number; granted: number; partially_granted: number }; copyright: { received: number }; user_data: { received: number; produced_full: number } };
      assert.deepEqual([report.content_alteration.received, report.content_alteration.granted, report.content_alteration.partially_granted], EXPECTED[`${year}-removal`]);
      assert.equal(report.copyright.received, EXPECTED[`${year}-copyright`]![0]);
      assert.equal(report.user_data.produced_full, EXPECTED[`${year}-user-data`]![1]);
    }
    assert.ok(pages.en!.includes(`<h3 id="year-${LAST}">In ${LAST}</h3>`) && pages.en!.includes(`<h3 id="year-${YEAR}">${YEAR} so far</h3>`));
    // The figures lead to the report's pages.
    assert.ok(pages.es!.includes('<a href="/es/transparency">'));
  });

  it('serves the home page from memory: a new request does not change it within its time to live, and its validator answers 304', async () => {
    const first = await fetch(`${server.url}/en/`);
    const html = await first.text();
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{22}"$/);
    const submitted = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'copyright', requester: { name: 'A. Rights', email: 'rights@example.org' }, text: 'Please remove my photograph.', targets: [{ url: 'https://de.wikipedia.org/wiki/Beispiel' }] }),
    });
    assert.equal(submitted.status, 201, await submitted.text());
    const report = (await (await fetch(`${server.url}/api/v1/transparency/${YEAR}`)).json()) as { copyright: { received: number } };
    assert.equal(report.copyright.received, EXPECTED[`${YEAR}-copyright`]![0] + 1, 'the report counts the new request at once');
    const again = await fetch(`${server.url}/en/`);
    assert.equal(await again.text(), html, 'the cached page is served');
    assert.ok(figure(html, `${YEAR}-copyright`).includes(`value="${EXPECTED[`${YEAR}-copyright`]![0]}"`));
    const revalidated = await fetch(`${server.url}/en/`, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 304);
  });

  it('keeps the home page with the demo content under 30 KB gzipped in every language, and sends it gzipped to browsers that take it', async (t) => {
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(await (await fetch(`${unconfigured.url}/en/`)).text())![1]!;
    const stylesheet = Buffer.from(await (await fetch(`${unconfigured.url}${css}`)).arrayBuffer());
    for (const [lang] of LANGS) {
      const html = Buffer.from(await (await fetch(`${unconfigured.url}/${lang}/`)).arrayBuffer());
      const text = html.toString('utf8');
      // What weighs most is there: the chart and its table, the latest news, links from elsewhere, image credits.
      for (const [part, marker] of [
        ['the awareness chart', '<svg'],
        ['its table', '<table'],
        ['the news', '<section aria-labelledby="news">'],
        ['the links from elsewhere', '<section aria-labelledby="elsewhere">'],
        ['a link from elsewhere', 'https://news.sister.example/2026/1/'],
        ['the image credits', 'class="wrap credits"'],
        ['a second language beside headings', 'class="second"'],
      ]) assert.ok(text.includes(marker!), `${lang}: ${part} on the page`);
      const size = gzipSync(html).length;
      assert.ok(size <= 30 * 1024, `${lang}: ${size} bytes gzipped`);
      const withStyle = gzipSync(html).length + gzipSync(stylesheet).length;
      assert.ok(withStyle <= 30 * 1024, `${lang}: ${withStyle} bytes gzipped with the stylesheet`);
      t.diagnostic(`${lang}: ${html.length} bytes, ${size} gzipped, ${withStyle} with the stylesheet`);
    }
    const raw = await new Promise<{ encoding: string | undefined; length: number }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${unconfigured.url}/ar/`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          let length = 0;
          response.on('data', (chunk: Buffer) => (length += chunk.length)).on('end', () => resolve({ encoding: response.headers['content-encoding'], length }));
        }).on('error', reject),
      );
    });
    assert.equal(raw.encoding, 'gzip');
    assert.ok(raw.length <= 30 * 1024, `${raw.length} bytes on the wire`);
  });

  it('lists every public page in every language in the sitemap, each with its alternates', async () => {
    const response = await fetch(`${server.url}/sitemap.xml`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
    const index = await response.text();
    assert.ok(index.includes('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'), 'an index of sitemaps');
    assert.deepEqual(locs(index), [`${server.url}/sitemap-pages.xml`], 'the pages alone: no notice is published');
    const pages = await fetch(`${server.url}/sitemap-pages.xml`);
    assert.match(pages.headers.get('content-type') ?? '', /^application\/xml/);
    const xml = await pages.text();
    assert.ok(xml.includes('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'));
    const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((match) => match[1]!);
    // The site's own pages and the other sections' public pages without parameters.
    // Periods with figures: from the oldest row (June two years back) to now, each year and half-year.
    const periods = periodsBetween(new Date(`${YEAR - 2}-06-01T00:00:00Z`)).map((period) => `/transparency/${period.id}`);
    const forms = ['content', 'copyright', 'user-data', 'preservation', 'emergency'].map((kind) => `/requests/new/${kind}`);
    const listed = [...PAGES, '/transparency', '/notices', '/news', ...periods, ...forms];
    assert.equal(entries.length, listed.length * LANGS.length, 'one entry per page and language, no more');
    for (const page of listed) {
      for (const [lang] of LANGS) {
        const entry = entries.find((text) => text.includes(`<loc>${server.url}/${lang}${page}</loc>`));
        assert.ok(entry, `${lang}${page} is listed`);
        for (const [code] of LANGS) assert.ok(entry.includes(`<xhtml:link rel="alternate" hreflang="${code}" href="${server.url}/${code}${page}"/>`), `${lang}${page}: alternate ${code}`);
        assert.ok(entry.includes(`hreflang="x-default" href="${server.url}${page === '/' ? '/' : `/en${page}`}"`), `${lang}${page}: x-default`);
      }
    }
    for (const page of forms) assert.equal((await fetch(`${server.url}/es${page}`)).status, 200, `${page} is a page`);
  });

  it('lists the published notices in child sitemaps of at most 3,000 addresses, kept in memory and listed again once a notice is withdrawn', async () => {
    const index = await (await fetch(`${unconfigured.url}/sitemap.xml`)).text();
    const children = locs(index);
    const published = publishedNotices;
    const files = Math.ceil(published.length / 1000);
    assert.ok(files >= 3, `${published.length} published notices fill several files`);
    assert.deepEqual(children, [`${unconfigured.url}/sitemap-pages.xml`, ...Array.from({ length: files }, (_, i) => `${unconfigured.url}/sitemap-notices-${i + 1}.xml`)]);
    /** The notices a child lists, each in every language with its alternates. */
    const notices = async (child: string) => {
      const xml = await (await fetch(child)).text();
      const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((match) => match[1]!);
      assert.ok(entries.length <= 3_000 && entries.length <= 50_000, `${child}: ${entries.length} addresses`);
      const references: string[] = [];
      for (const entry of entries) {
        const [, lang, reference] = /<loc>[^<]*\/(en|es|ar)\/notices\/([^<]+)<\/loc>/.exec(entry) ?? [];
        assert.ok(reference, `${child}: a notice's page`);
        for (const [code] of LANGS) assert.ok(entry.includes(`hreflang="${code}" href="${unconfigured.url}/${code}/notices/${reference}"`), `${child} ${lang} ${reference}: alternate ${code}`);
        if (lang === 'en') references.push(reference);
      }
      assert.equal(entries.length, references.length * LANGS.length, `${child}: each notice in each language`);
      return references;
    };
    const listed = (await Promise.all(children.slice(1).map(notices))).flat();
    assert.deepEqual(listed, published, 'every published notice once, in reference order, and no draft or withdrawn one');
    const pages = await (await fetch(`${unconfigured.url}/sitemap-pages.xml`)).text();
    assert.ok(pages.includes(`<loc>${unconfigured.url}/ar/notices</loc>`) && !pages.includes('/notices/GN-') && !pages.includes(`/notices/${published[0]}<`), 'the notices page is a page; the notices are in their own files');
    assert.equal((await fetch(`${unconfigured.url}/sitemap-notices-${files + 1}.xml`)).status, 404);
    assert.equal((await fetch(`${unconfigured.url}/sitemap-notices-0.xml`)).status, 404);

    // Kept: the same document, and its validator answers 304.
    const first = await fetch(children[1]!);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{22}"$/);
    assert.equal((await fetch(children[1]!, { headers: { 'if-none-match': etag } })).status, 304);
    // A withdrawal through the console drops what lists it.
    const withdrawn = published[0]!;
    const answer = await postForm(`${unconfigured.url}/console/notices/${withdrawn}/withdraw`, admin, {});
    assert.equal(answer.status, 303, await answer.text());
    const after = (await Promise.all(locs(await (await fetch(`${unconfigured.url}/sitemap.xml`)).text()).slice(1).map(notices))).flat();
    assert.deepEqual(after, published.filter((reference) => reference !== withdrawn));
  });

  it('lists cases with court, status and dates, in the reader\u2019s language', async () => {
    const english = await (await fetch(`${server.url}/en/litigation`)).text();
    for (const text of ['<h2 id="harbour-bank">A bank against the article on its own history</h2>', '<dd>Commercial Court of the Capital District</dd>', '<span class="status status-on_appeal">On appeal</span>', '<time datetime="2025-11-18">November 18, 2025</time>']) assert.ok(english.includes(text), text);
    const arabic = await (await fetch(`${server.url}/ar/litigation`)).text();
    // Every case is written in Arabic; the English fallback for a case left untranslated is held by src/site/content/localize.test.ts.
    assert.ok(arabic.includes('<h2 id="harbour-bank">مصرف في مواجهة مقالة عن تاريخه</h2>'), 'the case in Arabic');
    assert.ok(arabic.includes('<dd>المحكمة التجارية في دائرة العاصمة</dd>'), 'its court too');
    assert.doesNotMatch(arabic, /<article class="case">[^]*?lang="en"/, 'nothing of it marked English');
    assert.ok(arabic.includes('<article class="case"><h2 id="registry-transparency">فتح سجلّ العقود العامة</h2>'), 'a translated case carries the page’s language');
    const spanish = await (await fetch(`${server.url}/es/topics/privacy`)).text();
    assert.ok(spanish.includes('Privacidad') && spanish.includes('<a href="/es/litigation#editor-identity">La exigencia de desenmascarar a un editor voluntario</a>'));
  });
});

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { demoImages } from '../../src/demo/demo-images.ts';
import { DEMO_AUTHOR, seedDemoImages } from '../../src/demo/demo-site-content.ts';
import { createPost, publishTranslation, type NewsEditor } from '../../src/news/edit-posts.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HOSTILE = [
  'Fine words with a [reference](https://elsewhere.example/source) and [our report](/en/transparency).',
  '',
  '<script>document.title = "owned"</script>',
  '',
  '<img src="https://tracker.example/pixel.gif"> ![a tracking pixel](https://tracker.example/p.png) ![our icon](/assets/icon.svg)',
  '',
  '[click me](javascript:alert(1)) <a href="https://x.example" onclick="steal()" style="color:red">styled</a>',
].join('\n');

// A published image of the media library (the demo's, credited to the demo organisation under CC BY 4.0), as an editor names it.
const LIBRARY_IMAGE = `/media/demo-reading-room.${crypto.createHash('sha256').update(demoImages()[0]!.content).digest('hex').slice(0, 12)}.png`;
/** The hostile text with its images replaced by a library image: what the console lets an editor save. */
const HOSTILE_SAVED = HOSTILE.replace(/^<img src=.*$/m, `<img src="https://tracker.example/pixel.gif"> ![Our reading room](${LIBRARY_IMAGE})`);

describe('news, from the console to the site', () => {
  const logins = {} as Record<'editor' | 'reviewer' | 'admin', StaffLogin>;
  let imageId = 0;
  const suite = useServer({
    prepare: async (db) => {
      for (const role of ['editor', 'reviewer', 'admin'] as const) logins[role] = await createStaffLogin(db, role);
      await seedDemoImages(db, new Date());
      imageId = Number((await db.selectFrom('media_images').select('id').where('slug', '=', 'demo-reading-room').executeTakeFirstOrThrow()).id);
    },
  });
  const url = (path: string) => `${suite.server.url}${path}`;
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url(path), { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const post = (path: string, fields: Record<string, string>, login = logins.editor, headers: Record<string, string> = {}) => postForm(url(path), login, fields, { headers });
  let postId = 0;
  const edit = (lang: string) => `/console/news/${postId}/${lang}`;
  const events = async () => {
    const response = await getPage(url('/console/audit/export.json?subject_type=news_post'), logins.admin);
    assert.equal(response.status, 200);
    return ((await response.json()) as { events: { action: string; actor: string; payload: Record<string, unknown> }[] }).events;
  };

  it('refuses the news console to visitors without a session and to roles without site:edit', async () => {
    const anonymous = await getPage(url('/console/news'), undefined);
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location') ?? '', /^\/console\/login\?next=/);
    for (const path of ['/console/news', '/console/news/new']) assert.equal((await getPage(url(path), logins.reviewer)).status, 403, path);
    const refused = await post('/console/news', { lang: 'en', title: 'T', slug: 't', body: 'b' }, logins.reviewer);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /Your role does not allow this/);
    const list = await getPage(url('/console/news'), logins.editor);
    assert.equal(list.status, 200);
    assert.ok((await list.text()).includes('<a href="/console/news" aria-current="page">News</a>'), 'the console’s navigation leads editors to news');
  });

  it('shows bad input again with every problem in the reader’s language, and stores nothing', async () => {
    const response = await post('/console/news', { lang: 'en', title: '  ', slug: 'Not a slug!', summary: '', body: '' }, logins.editor, { 'accept-language': 'es' });
    assert.equal(response.status, 400);
    const html = await response.text();
    for (const text of ['Ponga un título a la noticia.', 'La dirección solo puede contener letras minúsculas', 'Escriba el texto de la noticia.']) assert.ok(html.includes(text), text);
    assert.ok(html.includes('value="Not a slug!"'), 'what was typed is kept');
    assert.ok((await (await getPage(url('/console/news'), logins.editor)).text()).includes('No post yet.'));
  });

  it('creates a post as a draft that readers cannot see, and previews hostile Markdown safely without saving it', async () => {
    const created = await post('/console/news', { lang: 'en', title: 'Our first report', slug: 'our-first-report', summary: 'What we did this year.', body: 'We published **everything**.' });
    assert.equal(created.status, 303);
    const match = /^\/console\/news\/(\d+)\/en\?done=created$/.exec(created.headers.get('location') ?? '');
    assert.ok(match, created.headers.get('location') ?? '');
    postId = Number(match[1]);
    const editPage = await (await getPage(url(created.headers.get('location')!), logins.editor)).text();
    assert.ok(editPage.includes('The post was created as a draft.'));
    assert.ok(editPage.includes('<span class="badge" data-status="draft">Draft</span>'));
    assert.ok(editPage.includes('<strong>everything</strong>'), 'the saved text is previewed');

    const preview = await post(edit('en'), { intent: 'preview', title: 'Our first report', slug: 'our-first-report', summary: '', body: HOSTILE });
    assert.equal(preview.status, 400, 'the preview names the images the post may not show');
    const previewPage = await preview.text();
    assert.ok(previewPage.includes('&quot;https://tracker.example/p.png&quot; is not a published image of the media library.') || previewPage.includes('"https://tracker.example/p.png" is not a published image of the media library.'), 'the image from elsewhere');
    assert.ok(previewPage.includes('/assets/icon.svg') && /&quot;\/assets\/icon.svg&quot; is not a published image|"\/assets\/icon.svg" is not a published image/.test(previewPage), 'a path of this site that is not a library image');
    const previewed = /<div class="post-preview"[\s\S]*?<\/section>/.exec(previewPage)![0];
    assert.ok(previewed.includes('<a href="https://elsewhere.example/source" rel="noopener noreferrer">reference</a>'));
    assert.ok(!/<img[^>]+src="(https?:)?\/\//.test(previewed), 'no image from elsewhere in the preview');
    assert.ok(previewed.includes('<span class="image-elsewhere">a tracking pixel</span>'));
    assert.ok(previewed.includes('<span class="image-elsewhere">our icon</span>'), 'no image the library cannot credit');
    const library = await post(edit('en'), { intent: 'preview', title: 'Our first report', slug: 'our-first-report', summary: '', body: HOSTILE_SAVED });
    assert.equal(library.status, 200);
    assert.ok((await library.text()).includes(`<img src="${LIBRARY_IMAGE}" width="640" height="360" alt="Our reading room" loading="lazy" decoding="async" />`), 'a library image is previewed as the site shows it');
    const revisions = (await (await getPage(url(edit('en')), logins.editor)).text()).match(/data-revision="/g) ?? [];
    assert.equal(revisions.length, 1, 'a preview saves nothing');

    assert.equal((await page('/en/news/our-first-report')).status, 404);
    assert.ok(!(await page('/en/news')).text.includes('our-first-report'));
    assert.ok(!(await page('/en/feed.atom')).text.includes('<entry>'));
  });

  it('publishes: the list, the post, the feed and the home page show it at once, though they were cached', async () => {
    // Rendered and kept in memory before the change.
    for (const path of ['/en/news', '/en/', '/en/feed.atom']) assert.equal((await page(path)).status, 200);
    assert.equal((await post(`${edit('en')}/publish`, {})).status, 303);
    const list = await page('/en/news');
    assert.equal(list.headers.get('content-security-policy'), SITE_CSP);
    assert.equal(list.headers.get('set-cookie'), null);
    assert.ok(list.text.includes('<a href="/en/news/our-first-report">Our first report</a>'));
    assert.ok(list.text.includes('<link rel="alternate" type="application/atom+xml" title="Free Knowledge Trust news" href="'));
    const home = await page('/en/');
    assert.ok(home.text.includes('<h2 id="news" class="bilingual">News<span aria-hidden="true"> — </span><span class="second" lang="es" dir="ltr">Noticias</span></h2>'));
    assert.ok(home.text.includes('<a href="/en/news/our-first-report">Our first report</a>'));
    assert.ok(!(await page('/es/')).text.includes('our-first-report'), 'the home page shows posts in the reader’s language only');
    const feed = await page('/en/feed.atom');
    assert.match(feed.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    assert.equal(feed.text.match(/<entry>/g)?.length, 1);
    const published = await page('/en/news/our-first-report');
    assert.equal(published.status, 200);
    assert.ok(published.text.includes('<h1 itemprop="headline">Our first report</h1>'));
  });

  it('refuses to save a text that shows an image the library cannot credit, saying which in the editor’s language', async () => {
    const refused = await post(edit('en'), { intent: 'save', title: 'Our first report', slug: 'our-first-report', summary: 'What we did this year.', body: HOSTILE }, logins.editor, { 'accept-language': 'es' });
    assert.equal(refused.status, 400);
    const html = await refused.text();
    for (const src of ['https://tracker.example/p.png', '/assets/icon.svg']) assert.ok(html.includes(`«${src}» no es una imagen publicada de la biblioteca de medios.`), src);
    assert.ok(!html.includes('«https://tracker.example/pixel.gif»'), 'raw HTML is text, not an image');
    const arabic = await post(edit('en'), { intent: 'save', title: 'Our first report', slug: 'our-first-report', summary: '', body: '![draft](/media/no-such-image.0123456789ab.png)' }, logins.editor, { 'accept-language': 'ar' });
    assert.equal(arabic.status, 400);
    assert.ok((await arabic.text()).includes('«/media/no-such-image.0123456789ab.png» ليست صورة منشورة في مكتبة الوسائط.'));
    assert.ok((await page('/en/news/our-first-report')).text.includes('We published <strong>everything</strong>.'), 'nothing was saved');
  });

  it('renders hostile Markdown on the public page without script, styles or requests to other hosts; a library image with its size and credit', async () => {
    assert.equal((await post(edit('en'), { intent: 'save', title: 'Our first report', slug: 'our-first-report', summary: 'What we did this year.', body: HOSTILE_SAVED })).status, 303);
    const { text, status } = await page('/en/news/our-first-report');
    assert.equal(status, 200);
    const body = /<div class="post-body" itemprop="articleBody">([\s\S]*?)<\/div>/.exec(text)![1]!;
    assert.ok(!/<script/i.test(text), 'no script anywhere on the page');
    assert.ok(!/<[a-z][^>]*\s(style|onclick)=/i.test(body), body);
    assert.ok(!/href="javascript:/i.test(body), body);
    assert.ok(!/<img[^>]+src="(https?:)?\/\//.test(text), 'no image from another host');
    assert.ok(body.includes(`<img src="${LIBRARY_IMAGE}" width="640" height="360" alt="Our reading room" loading="lazy" decoding="async" />`), body);
    assert.equal(text.match(/<img /g)?.length, 1, 'the library image is the only image');
    assert.ok(body.includes('&lt;script&gt;document.title = &quot;owned&quot;&lt;/script&gt;') || body.includes('&lt;script&gt;document.title = "owned"&lt;/script&gt;'), 'raw HTML is shown as text');
    assert.ok(body.includes('<a href="https://elsewhere.example/source" rel="noopener noreferrer">reference</a>'));
    assert.ok(body.includes('<a href="/en/transparency">our report</a>'));
    // The post page lists the image's credit, generated from the library, as every page does.
    assert.match(text, /<h2 id="image-credits"[^>]*>Image credits</);
    const credit = /<li data-credit="demo-reading-room">(.*?)<\/li>/.exec(text)?.[1];
    assert.ok(credit, 'the credit of the image the post shows');
    assert.ok(credit.includes(`Author: ${DEMO_AUTHOR}`), credit);
    assert.match(credit, /<a href="https:\/\/creativecommons.org\/licenses\/by\/4.0\/" rel="license noreferrer" dir="ltr">CC BY 4.0<\/a>/);
    assert.match(credit, /<a href="https:\/\/free-knowledge-trust.example\/media\/demo-reading-room" rel="noreferrer">source<\/a>/);
    const fetched = await fetch(url(LIBRARY_IMAGE));
    assert.equal(fetched.status, 200, 'the address the post names is served');
    await fetched.arrayBuffer();
    // The list shows no image of a post, so it lists no credit. (The home page shows this image of its own.)
    assert.ok(!(await page('/en/news')).text.includes('data-credit='));
    const feed = (await page('/en/feed.atom')).text;
    assert.ok(feed.includes('<content type="html">&lt;p&gt;Fine words'), 'the feed carries the sanitised HTML, escaped');
    assert.ok(feed.includes(`&lt;img src=&quot;${LIBRARY_IMAGE}&quot; width=&quot;640&quot; height=&quot;360&quot;`), 'the feed shows the image');
    assert.ok(feed.includes('&lt;li data-credit=&quot;demo-reading-room&quot;&gt;'), 'and carries its credit with it');
    assert.ok(!feed.includes('<script'));
  });

  it('shows no image once the library withdraws it, and no credit for it: its description instead', async () => {
    assert.equal((await post(`/console/media/${imageId}/withdraw`, {})).status, 303);
    const { text } = await page('/en/news/our-first-report');
    assert.ok(!text.includes('<img '), 'the withdrawn image is not shown');
    assert.ok(text.includes('<span class="image-elsewhere">Our reading room</span>'));
    assert.ok(!text.includes('data-credit='), 'nor credited');
    assert.ok(!(await page('/en/feed.atom')).text.includes('&lt;img '));
    assert.equal((await post(`/console/media/${imageId}/publish`, {})).status, 303);
    assert.ok((await page('/en/news/our-first-report')).text.includes('<li data-credit="demo-reading-room">'), 'published again, it is shown and credited again');
  });

  it('lets each language have its own address and status: alternates, sitemap and switcher only for what is published', async () => {
    assert.equal((await post(edit('es'), { intent: 'save', title: 'Nuestro primer informe', slug: 'nuestro-primer-informe', summary: 'Lo que hicimos este año.', body: 'Lo publicamos **todo**.' })).status, 303);
    assert.equal((await post(`${edit('es')}/publish`, {})).status, 303);
    assert.equal((await post(edit('ar'), { intent: 'save', title: 'تقريرنا الأول', slug: 'taqriruna-al-awwal', summary: '', body: 'مسودة.' })).status, 303);

    const english = (await page('/en/news/our-first-report')).text;
    assert.ok(english.includes(`<link rel="alternate" hreflang="es" href="${suite.server.url}/es/news/nuestro-primer-informe"/>`));
    assert.ok(!english.includes('hreflang="ar" href'), 'no alternate for the Arabic draft');
    assert.ok(english.includes(`<link rel="alternate" hreflang="x-default" href="${suite.server.url}/en/news/our-first-report"/>`));
    assert.ok(english.includes('<meta property="og:type" content="article"/>'));
    assert.ok(english.includes('<meta property="og:locale:alternate" content="es_ES"/>') && !english.includes('content="ar_AR"'));
    assert.match(english, /<meta property="article:published_time" content="\d{4}-\d\d-\d\dT[\d:.]+Z"\/>/);
    assert.ok(english.includes('itemscope itemtype="https://schema.org/NewsArticle"'));
    // The switcher: to the Spanish post, and to the Arabic news list (the Arabic translation is a draft).
    assert.ok(english.includes('<a href="/es/news/nuestro-primer-informe" hreflang="es" lang="es" dir="ltr">español</a>'));
    assert.ok(english.includes('<a href="/ar/news" hreflang="ar" lang="ar" dir="rtl">العربية</a>'));
    assert.equal((await page('/ar/news')).status, 200);

    const arabic = await page('/ar/news/taqriruna-al-awwal');
    assert.equal(arabic.status, 404);
    assert.ok(arabic.text.startsWith('<!doctype html>\n<html lang="ar" dir="rtl">'));
    assert.ok(arabic.text.includes('لا يوجد خبر منشور على هذا العنوان بهذه اللغة'));
    // An English address asked for in Spanish leads to the Spanish one.
    const moved = await page('/es/news/our-first-report');
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.get('location'), '/es/news/nuestro-primer-informe');

    const sitemap = (await page('/sitemap-pages.xml')).text;
    const entries = [...sitemap.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]!).filter((entry) => entry.includes('/news/'));
    assert.equal(entries.length, 2, 'the post in English and in Spanish, not in Arabic');
    for (const entry of entries) {
      assert.ok(entry.includes(`hreflang="en" href="${suite.server.url}/en/news/our-first-report"`));
      assert.ok(entry.includes(`hreflang="es" href="${suite.server.url}/es/news/nuestro-primer-informe"`));
      assert.ok(!entry.includes('hreflang="ar"'));
    }
    const list = (await (await getPage(url('/console/news'), logins.editor)).text()).replace(/\n/g, '');
    assert.match(list, new RegExp(`<tr data-post="${postId}">.*data-lang="ar".*data-status="draft".*</tr>`));
  });

  it('gives each language its own feed: its own published posts only, in its language, without drafts', async () => {
    const spanish = (await page('/es/feed.atom')).text;
    assert.ok(spanish.includes('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es"'), 'the Spanish feed says it is in Spanish');
    assert.equal(spanish.match(/<entry>/g)?.length, 1);
    assert.ok(spanish.includes('<title type="text">Nuestro primer informe</title>'));
    assert.ok(spanish.includes(`hreflang="es" href="${suite.server.url}/es/news/nuestro-primer-informe"`));
    assert.ok(spanish.includes(`<link rel="self" type="application/atom+xml" href="${suite.server.url}/es/feed.atom"/>`));
    assert.ok(!spanish.includes('Our first report') && !spanish.includes('تقرير'), 'nothing of the other languages');
    const english = (await page('/en/feed.atom')).text;
    assert.ok(english.includes('xml:lang="en"'));
    assert.equal(english.match(/<entry>/g)?.length, 1);
    assert.ok(!english.includes('Nuestro primer informe'));

    let arabic = (await page('/ar/feed.atom')).text;
    assert.ok(arabic.includes('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"'));
    assert.ok(!arabic.includes('<entry>'), 'the Arabic draft stays out of the feed');
    assert.ok(arabic.includes('<title type="text">أخبار'), arabic.slice(0, 600));
    // A post published in Arabic alone: in the Arabic feed, beside the draft that stays out, and in no other.
    const created = await post('/console/news', { lang: 'ar', title: 'خبر بالعربية وحدها', slug: 'khabar-bil-arabiyya', summary: '', body: 'نص **الخبر**.' });
    assert.equal(created.status, 303);
    const arabicOnly = /^\/console\/news\/(\d+)\/ar\?/.exec(created.headers.get('location') ?? '')![1];
    assert.equal((await post(`/console/news/${arabicOnly}/ar/publish`, {})).status, 303);
    arabic = (await page('/ar/feed.atom')).text;
    assert.equal(arabic.match(/<entry>/g)?.length, 1);
    assert.ok(arabic.includes('<title type="text">خبر بالعربية وحدها</title>'));
    assert.ok(arabic.includes(`hreflang="ar" href="${suite.server.url}/ar/news/khabar-bil-arabiyya"`));
    assert.ok(!arabic.includes('taqriruna-al-awwal') && !arabic.includes('تقريرنا الأول'), 'the draft still stays out');
    for (const lang of ['en', 'es']) assert.ok(!(await page(`/${lang}/feed.atom`)).text.includes('khabar-bil-arabiyya'), lang);
  });

  it('refuses an address another post has in the same language', async () => {
    const taken = await post('/console/news', { lang: 'es', title: 'Otra', slug: 'nuestro-primer-informe', summary: '', body: 'Texto.' }, logins.editor, { 'accept-language': 'es' });
    assert.equal(taken.status, 400);
    assert.ok((await taken.text()).includes('Otra noticia en este idioma ya tiene la dirección «nuestro-primer-informe».'));
    const renamed = await post(edit('ar'), { intent: 'save', title: 'تقريرنا الأول', slug: 'our-first-report', summary: '', body: 'مسودة.' });
    assert.equal(renamed.status, 303, 'the same slug in another language is another address');
    // A published translation whose address changes keeps answering at the old one.
    assert.equal((await post(edit('es'), { intent: 'save', title: 'Nuestro primer informe', slug: 'primer-informe', summary: 'Lo que hicimos este año.', body: 'Lo publicamos **todo**.' })).status, 303);
    const old = await page('/es/news/nuestro-primer-informe');
    assert.equal(old.status, 302);
    assert.equal(old.headers.get('location'), '/es/news/primer-informe');
    assert.equal((await post(edit('es'), { intent: 'save', title: 'Nuestro primer informe', slug: 'nuestro-primer-informe', summary: 'Lo que hicimos este año.', body: 'Lo publicamos **todo**.' })).status, 303);
    assert.equal((await page('/es/news/nuestro-primer-informe')).status, 200, 'and changed back, answers there again');
  });

  it('schedules a translation: a bad or past time is refused with its reason; a future one waits', async () => {
    const bad = await post(`${edit('ar')}/schedule`, { publish_at: 'next tuesday' }, logins.editor, { 'accept-language': 'ar' });
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    assert.ok(badHtml.includes('«next tuesday» ليس تاريخًا ووقتًا'), 'the reason in Arabic');
    assert.ok(badHtml.includes('value="next tuesday"'));
    const past = await post(`${edit('ar')}/schedule`, { publish_at: '2020-01-01T09:00' });
    assert.equal(past.status, 400);
    assert.ok((await past.text()).includes('That time has passed'));
    const impossible = await post(`${edit('ar')}/schedule`, { publish_at: '2031-02-30T09:00' });
    assert.equal(impossible.status, 400);
    assert.ok((await (await getPage(url(edit('ar')), logins.editor)).text()).includes('data-status="draft"'), 'still a draft');

    assert.equal((await post(`${edit('ar')}/schedule`, { publish_at: '2031-06-01T09:00' })).status, 303);
    const editPage = await (await getPage(url(edit('ar')), logins.editor)).text();
    assert.ok(editPage.includes('<span class="badge" data-status="scheduled">Scheduled</span> <time dateTime="2031-06-01T09:00:00.000Z">') || editPage.includes('data-status="scheduled"'));
    assert.equal((await page('/ar/news/our-first-report')).status, 404, 'not before its time');
    assert.equal((await post(`${edit('ar')}/unpublish`, {})).status, 303);
    assert.ok((await (await getPage(url(edit('ar')), logins.editor)).text()).includes('data-status="draft"'), 'a cancelled schedule is a draft again');
  });

  it('keeps every save as a revision, and restores an earlier one as a new revision', async () => {
    const before = await (await getPage(url(edit('en')), logins.editor)).text();
    assert.equal(before.match(/data-revision="/g)?.length, 2);
    assert.ok(before.includes(`${logins.editor.email}`), 'who saved it');
    const restored = await post(`${edit('en')}/restore`, { revision: '1' });
    assert.equal(restored.status, 303);
    const after = await (await getPage(url(edit('en')), logins.editor)).text();
    assert.equal(after.match(/data-revision="/g)?.length, 3);
    assert.ok(after.includes('(restores 1)'));
    const body = (await page('/en/news/our-first-report')).text;
    assert.ok(body.includes('We published <strong>everything</strong>.'), 'the site shows the restored text at once');
    assert.ok(!body.includes('tracker.example'));
    assert.ok(!body.includes('data-credit='), 'no image, no credit');
    assert.equal((await post(`${edit('en')}/restore`, { revision: '99' })).status, 404);
    assert.equal((await post(`${edit('en')}/restore`, { revision: 'x' })).status, 400);
  });

  it('needs the session’s CSRF token for every change', async () => {
    const forged = await postForm(url(`${edit('en')}/unpublish`), logins.editor, {}, { csrf: null });
    assert.equal(forged.status, 403);
    assert.equal((await page('/en/news/our-first-report')).status, 200, 'still published');
  });

  it('unpublishes: the post is gone from its page, the list, the feed and the home page at once', async () => {
    assert.equal((await post(`${edit('en')}/unpublish`, {})).status, 303);
    assert.equal((await page('/en/news/our-first-report')).status, 404);
    assert.ok(!(await page('/en/news')).text.includes('our-first-report'));
    assert.ok(!(await page('/en/feed.atom')).text.includes('our-first-report'));
    assert.ok(!(await page('/en/')).text.includes('our-first-report'));
    assert.equal((await page('/es/news/nuestro-primer-informe')).status, 200, 'the Spanish translation stays');
    const spanishFeed = (await page('/es/feed.atom')).text;
    assert.ok(spanishFeed.includes('/es/news/nuestro-primer-informe') && spanishFeed.match(/<entry>/g)?.length === 1, 'and stays in the Spanish feed');
    const again = await post(`${edit('en')}/unpublish`, {});
    assert.equal(again.status, 400, 'a taken-down translation cannot be taken down again');
    assert.ok((await again.text()).includes('Only a published or scheduled translation can be taken off the site.'));
  });

  it('records an audit event for every change, with who made it', async () => {
    const recorded = await events();
    const actions = recorded.map((event) => event.action).sort();
    assert.deepEqual(actions, [
      'news.post_created',
      'news.post_created',
      'news.published',
      'news.published',
      'news.published',
      'news.revision_restored',
      'news.schedule_cancelled',
      'news.scheduled',
      'news.translation_added',
      'news.translation_added',
      'news.translation_saved',
      'news.translation_saved',
      'news.translation_saved',
      'news.translation_saved',
      'news.unpublished',
    ]);
    assert.ok(recorded.every((event) => event.actor === `staff:${logins.editor.email}`));
  });
});

describe('the news list, a page at a time', () => {
  const suite = useServer({
    prepare: async (db) => {
      const editor: NewsEditor = { userId: null, email: 'system:test' };
      for (let n = 1; n <= 21; n++) {
        const at = new Date(Date.UTC(2026, 0, n, 9));
        const postId = await createPost(db, editor, 'en', { title: `Post number ${n}`, slug: `post-${n}`, summary: '', body: `Text ${n}.` }, at);
        await publishTranslation(db, editor, postId, 'en', at);
      }
    },
  });
  const get = async (path: string) => {
    const response = await fetch(`${suite.server.url}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('shows twenty posts a page, newest first, with links between the pages; a page past the end is a 404', async () => {
    const first = await get('/en/news');
    assert.equal(first.text.match(/<li data-slug="/g)?.length, 20);
    assert.ok(first.text.indexOf('post-21') < first.text.indexOf('post-20'), 'newest first');
    assert.ok(!first.text.includes('"/en/news/post-1"'));
    assert.ok(first.text.includes('<a href="/en/news?page=2" rel="next">Older posts</a>'));
    const second = await get('/en/news?page=2');
    assert.equal(second.status, 200);
    assert.equal(second.text.match(/<li data-slug="/g)?.length, 1);
    assert.ok(second.text.includes('<a href="/en/news/post-1">Post number 1</a>'));
    assert.ok(second.text.includes('<a href="/en/news" rel="prev">Newer posts</a>'));
    assert.ok(second.text.includes('<title>News, page 2 — Free Knowledge Trust</title>'));
    assert.ok(second.text.includes('<a href="/es/news" hreflang="es"'), 'the switcher leads to the first page of the other languages');
    for (const path of ['/en/news?page=3', '/en/news?page=0', '/en/news?page=abc', '/es/news?page=2']) assert.equal((await get(path)).status, 404, path);
    assert.equal((await get('/en/feed.atom')).text.match(/<entry>/g)?.length, 21);
  });
});

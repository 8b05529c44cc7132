import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { demoImages } from '../../src/demo/demo-images.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const staff = {} as Record<'admin' | 'editor' | 'reviewer', StaffLogin>;
const png = demoImages()[0]!.content;
const fingerprint = crypto.createHash('sha256').update(png).digest('hex').slice(0, 12);
// The home page shows the image named demo-reading-room when the library has it published.
const SLUG = 'demo-reading-room';
const publicPath = `/media/${SLUG}.${fingerprint}.png`;

/** Sends the console's upload form as a browser would: multipart, with the session and its CSRF token. */
function upload(url: string, login: StaffLogin, file: { name: string; type: string; content: Buffer } | null, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set('_csrf', login.csrf);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  if (file) form.set('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie: login.cookie, ...headers }, body: form });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').replace(/ : /g, ': ');

describe('the media library, from upload to the credits of the page that shows the image', () => {
  const suite = useServer({
    prepare: async (db) => {
      staff.admin = await createStaffLogin(db, 'admin');
      staff.editor = await createStaffLogin(db, 'editor');
      staff.reviewer = await createStaffLogin(db, 'reviewer');
    },
  });
  let imageUrl = '';

  it('refuses an upload from a role without site:edit or from another site, an SVG, a file that is not an image and one too large, saying why in the reader’s language', async () => {
    const { url } = suite.server;
    const denied = await upload(`${url}/console/media`, staff.reviewer, { name: 'a.png', type: 'image/png', content: png }, { slug: 'denied' });
    assert.equal(denied.status, 403);
    await denied.arrayBuffer();
    const svg = await upload(`${url}/console/media`, staff.editor, { name: 'logo.png', type: 'image/png', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, { slug: 'logo' }, { 'accept-language': 'es' });
    assert.equal(svg.status, 400);
    assert.match(text(await svg.text()), /file: no es una imagen PNG, JPEG ni WebP/);
    const none = await upload(`${url}/console/media`, staff.editor, null, { slug: 'nothing' }, { 'accept-language': 'ar' });
    assert.equal(none.status, 400);
    assert.match(text(await none.text()), /اختر صورة لرفعها/);
    const huge = await upload(`${url}/console/media`, staff.editor, { name: 'huge.png', type: 'image/png', content: Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]) }, { slug: 'huge' });
    assert.equal(huge.status, 400);
    assert.match(text(await huge.text()), /larger than 5 MB/);
    const forged = await upload(`${url}/console/media`, staff.editor, { name: 'a.png', type: 'image/png', content: png }, { slug: 'forged' }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(forged.status, 403);
    await forged.arrayBuffer();
    const list = await (await getPage(`${url}/console/media`, staff.editor)).text();
    assert.match(list, /The library has no image yet\./);
  });

  it('uploads an image as a draft that the public cannot fetch, with its size read from the file', async () => {
    const { url } = suite.server;
    const response = await upload(`${url}/console/media`, staff.editor, { name: 'Reading room.png', type: 'image/png', content: png }, { slug: SLUG, alt_en: 'Shelves of books' });
    assert.equal(response.status, 303);
    imageUrl = response.headers.get('location')!.replace(/\?.*$/, '');
    assert.match(imageUrl, /^\/console\/media\/\d+$/);
    const page = await (await getPage(`${url}${imageUrl}`, staff.editor)).text();
    assert.match(page, /640 × 360 px/);
    assert.match(page, /data-state="draft"/);
    const preview = await getPage(`${url}${imageUrl}/file`, staff.editor);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await preview.arrayBuffer()), png);
    const draft = await fetch(`${url}${publicPath}`);
    assert.equal(draft.status, 404);
    await draft.arrayBuffer();
    const home = await (await fetch(`${url}/en/`)).text();
    assert.doesNotMatch(home, /<img/);
    assert.doesNotMatch(home, /Image credits/);
  });

  it('refuses to publish while the author, licence and source are missing, naming each in the reader’s language', async () => {
    const { url } = suite.server;
    const refused = await postForm(`${url}${imageUrl}/publish`, staff.editor, {}, { headers: { 'accept-language': 'es' } });
    assert.equal(refused.status, 400);
    const body = text(await refused.text());
    assert.match(body, /author: es necesaria para publicar: indique la autoría/);
    assert.match(body, /licence: es necesaria para publicar: elija la licencia/);
    assert.match(body, /source_url: es necesaria para publicar: indique la dirección de origen/);
    const still = await fetch(`${url}${publicPath}`);
    assert.equal(still.status, 404);
    await still.arrayBuffer();
  });

  it('refuses a licence it does not know and a source that is not a web address, and keeps what was stored', async () => {
    const { url } = suite.server;
    const bad = await postForm(`${url}${imageUrl}`, staff.editor, { slug: SLUG, alt_en: 'Changed', author: 'Someone', licence: 'All-Rights-Reserved', source_url: 'javascript:alert(1)' }, { headers: { 'accept-language': 'ar' } });
    assert.equal(bad.status, 400);
    const body = text(await bad.text());
    assert.match(body, /«All-Rights-Reserved» ليس ترخيصًا تعرفه المكتبة/);
    assert.match(body, /source_url: يجب أن يكون عنوانًا يبدأ بـ/);
    const page = await (await getPage(`${url}${imageUrl}`, staff.editor)).text();
    assert.match(page, /value="Shelves of books"/);
    assert.doesNotMatch(page, /value="Someone"/);
  });

  it('publishes a credited image: served at its fingerprinted address, shown on the home page with its credit generated from the metadata', async () => {
    const { url } = suite.server;
    // The home page is rendered and cached before the image is published.
    const before = await (await fetch(`${url}/en/`)).text();
    assert.doesNotMatch(before, /data-credit=/);
    const saved = await postForm(`${url}${imageUrl}`, staff.editor, { slug: SLUG, alt_en: 'Shelves of books', alt_es: 'Estantes de libros', author: 'Ana Test Ruiz', licence: 'CC-BY-SA-4.0', source_url: 'https://photos.example.org/shelves' });
    assert.equal(saved.status, 303);
    const published = await postForm(`${url}${imageUrl}/publish`, staff.editor, {});
    assert.equal(published.status, 303);
    assert.equal(published.headers.get('location'), `${imageUrl}?done=publish`);

    const file = await fetch(`${url}${publicPath}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(file.headers.get('set-cookie'), null);
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
    const wrong = await fetch(`${url}/media/${SLUG}.000000000000.png`);
    assert.equal(wrong.status, 404);
    await wrong.arrayBuffer();

    const home = await (await fetch(`${url}/es/`)).text();
    assert.match(home, new RegExp(`<img src="${publicPath.replace(/\./g, '\\.')}" width="640" height="360" alt="Estantes de libros" loading="lazy"`));
    const credit = /<li data-credit="demo-reading-room">(.*?)<\/li>/.exec(home)?.[1];
    assert.ok(credit, 'the home page lists the credit of the image it shows');
    assert.match(credit, /Autoría: Ana Test Ruiz/);
    assert.match(credit, /href="https:\/\/creativecommons.org\/licenses\/by-sa\/4.0\/"[^>]*>CC BY-SA 4.0</);
    assert.match(credit, /href="https:\/\/photos.example.org\/shelves"[^>]*>origen</);
    assert.match(home, /<h2 id="image-credits" class="bilingual">Créditos de las imágenes<span aria-hidden="true"> — <\/span><span class="second" lang="en" dir="ltr">Image credits<\/span><\/h2>/);
  });

  it('keeps a published image’s credit complete, and withdraws it from the site and its address', async () => {
    const { url } = suite.server;
    const emptied = await postForm(`${url}${imageUrl}`, staff.editor, { slug: SLUG, alt_en: 'Shelves of books', author: '', licence: 'CC-BY-SA-4.0', source_url: 'https://photos.example.org/shelves' });
    assert.equal(emptied.status, 400);
    assert.match(text(await emptied.text()), /author: is needed to publish: name the author/);
    const withdrawn = await postForm(`${url}${imageUrl}/withdraw`, staff.editor, {});
    assert.equal(withdrawn.status, 303);
    const gone = await fetch(`${url}${publicPath}`);
    assert.equal(gone.status, 404);
    await gone.arrayBuffer();
    const home = await (await fetch(`${url}/en/`)).text();
    assert.doesNotMatch(home, /<img/);
    assert.doesNotMatch(home, /Ana Test Ruiz/);
  });

  it('records each step in the audit log', async () => {
    const audit = text(await (await getPage(`${suite.server.url}/console/audit`, staff.admin)).text());
    for (const action of ['media.uploaded', 'media.edited', 'media.published', 'media.withdrawn']) assert.match(audit, new RegExp(action.replace('.', '\\.')), action);
  });
});

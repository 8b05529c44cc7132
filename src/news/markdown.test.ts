import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSources, librarySlug, plainText, renderPostMarkdown, sanitizePostHtml, type PostImageLookup } from './markdown.ts';

const SITE = 'https://trust.example';

describe('the Markdown of news posts', () => {
  it('renders the usual Markdown, headings one level down under the page title', () => {
    const html = renderPostMarkdown('# Big\n\n## Smaller\n\nSome **bold**, *italic* and `code`.\n\n- one\n- two\n\n> quoted', SITE);
    for (const part of ['<h2>Big</h2>', '<h3>Smaller</h3>', '<strong>bold</strong>', '<em>italic</em>', '<code>code</code>', '<li>one</li>', '<blockquote>']) assert.ok(html.includes(part), part);
    assert.ok(!html.includes('<h1'));
  });

  it('shows raw HTML as text: no script, no style, no event handler, no iframe', () => {
    const html = renderPostMarkdown('<script>alert(1)</script>\n\n<b style="color:red" onclick="x()">b</b> <iframe src="https://evil.example"></iframe>', SITE);
    assert.ok(!/<(script|b|iframe)[\s>]/i.test(html), html);
    assert.ok(!/<[a-z][^>]*\s(style|onclick)=/i.test(html), html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('keeps only http, https and mailto links, and marks links to other sites noopener noreferrer', () => {
    const html = renderPostMarkdown('[a](javascript:alert(1)) [b](data:text/html,x) [c](https://other.example/x) [d](/en/news) [e](https://trust.example/en/) [f](mailto:desk@trust.example) [g](vbscript:x)', SITE);
    assert.ok(!/href="(javascript|data|vbscript):/i.test(html), html);
    assert.ok(html.includes('<a href="https://other.example/x" rel="noopener noreferrer">c</a>'));
    assert.ok(html.includes('<a href="/en/news">d</a>'));
    assert.ok(html.includes('<a href="https://trust.example/en/">e</a>'));
    assert.ok(html.includes('<a href="mailto:desk@trust.example">f</a>'));
  });

  const LIBRARY = '/media/reading-room.0123456789ab.png';
  const library: PostImageLookup = (src) => (librarySlug(src) === 'reading-room' ? { url: '/media/reading-room.ba9876543210.png', width: 640, height: 360, alt: { text: 'Shelves', lang: 'en' } } : undefined);

  it('shows a library image at its current address with its size, lazily; its own description unless the editor wrote one', () => {
    const html = renderPostMarkdown(`![Our reading room](${LIBRARY} "The room") ![](${LIBRARY})`, SITE, library);
    assert.ok(html.includes('<img src="/media/reading-room.ba9876543210.png" width="640" height="360" alt="Our reading room" title="The room" loading="lazy" decoding="async" />'), html);
    assert.ok(html.includes('<img src="/media/reading-room.ba9876543210.png" width="640" height="360" alt="Shelves" lang="en" loading="lazy" decoding="async" />'), html);
  });

  it('replaces every other image by its description: from elsewhere, a path of this site, a library image the lookup does not have', () => {
    const html = renderPostMarkdown('![ours](/assets/icon.svg) ![theirs](https://tracker.example/pixel.png) ![rel](//tracker.example/p.png) ![](http://tracker.example/q.png) ![gone](/media/withdrawn.0123456789ab.png)', SITE, library);
    assert.ok(!html.includes('<img'), html);
    assert.ok(!html.includes('tracker.example'), html);
    for (const alt of ['ours', 'theirs', 'rel', 'gone']) assert.ok(html.includes(`<span class="image-elsewhere">${alt}</span>`), alt);
    assert.ok(!renderPostMarkdown(`![x](${LIBRARY})`, SITE).includes('<img'), 'no lookup, no image');
  });

  it('still refuses what raw HTML would smuggle if it reached the sanitiser', () => {
    const html = sanitizePostHtml('<p style="x" onmouseover="y">p</p><img src="https://tracker.example/a.png"><img src="//tracker.example/b.png"><img src="/\\tracker.example/c.png"><img src="/ok.png"><img src="/media/a.0123456789ab.png" onerror="z"><a href="https://other.example" target="_blank" rel="opener">l</a><script>s()</script><style>p{}</style>', SITE);
    assert.equal(html, '<p>p</p><img src="/media/a.0123456789ab.png" /><a href="https://other.example" rel="noopener noreferrer">l</a>');
  });

  it('finds the library image an address names, and every image a text names', () => {
    assert.equal(librarySlug(LIBRARY), 'reading-room');
    for (const bad of ['/media/reading-room.png', '/media/x/reading-room.0123456789ab.png', '//x.example/media/a.0123456789ab.png', 'https://x.example/media/a.0123456789ab.png', '/assets/x.svg', '']) assert.equal(librarySlug(bad), undefined, bad);
    assert.deepEqual(imageSources(`Text ![a](/a.png)\n\n- [![b](https://x.example/b.png)](/x)\n\n<img src="/raw.png">`), ['/a.png', 'https://x.example/b.png']);
  });

  it('gives the plain text of a post, cut to length', () => {
    assert.equal(plainText('# Title\n\nSome **bold** [link](https://x.example).'), 'Title Some bold link.');
    assert.equal(plainText('word '.repeat(100), 20).length, 20);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeFeed, xmlEscape } from './atom.ts';
import type { NoticeView } from './presenter.ts';

const notice: NoticeView = {
  reference: 'CR-2026-000001',
  title: 'Rights & <Wrongs> "quoted"',
  kind: 'copyright',
  category: null,
  outcome: 'denied',
  requester: { type: 'company', country: 'GB', organization: 'A & B' },
  country: 'GB',
  projects: ['en.wikipedia.org'],
  targets: ['[not actioned]'],
  received_on: '2026-01-02',
  decided_on: '2026-01-05',
  published_at: '2026-01-06T10:00:00.000Z',
  body: 'Text with a control character \u0001 and </content> inside.',
};

describe('the Atom feed of notices', () => {
  it('escapes markup and drops characters XML does not allow', () => {
    assert.equal(xmlEscape('a & <b> "c" \'d\' \u0000\u0008'), 'a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; ');
  });
  it('is an Atom 1.0 document with the elements RFC 4287 requires', () => {
    const xml = noticeFeed([notice], { lang: 'en', title: 'New notices', subtitle: 'Sub', author: 'Trust', selfUrl: 'http://x/en/notices/feed.atom', pageUrl: 'http://x/en/notices', noticeUrl: (reference) => `http://x/en/notices/${reference}`, summary: () => 'copyright — denied' });
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'));
    for (const element of ['<id>http://x/en/notices/feed.atom</id>', '<updated>2026-01-06T10:00:00.000Z</updated>', '<author><name>Trust</name></author>', '<link rel="self" type="application/atom+xml"']) assert.ok(xml.includes(element), element);
    assert.ok(xml.includes('<title type="text">CR-2026-000001: Rights &amp; &lt;Wrongs&gt; &quot;quoted&quot;</title>'));
    assert.ok(xml.includes('&lt;/content&gt; inside.</content>'));
    assert.ok(!xml.includes('\u0001'));
    assert.equal(xml.match(/<entry>/g)?.length, 1);
  });
  it('has an updated time even when nothing is published yet', () => {
    assert.match(noticeFeed([], { lang: 'ar', title: 't', subtitle: 's', author: 'a', selfUrl: 'u', pageUrl: 'p', noticeUrl: () => '', summary: () => '' }), /<updated>1970-01-01T00:00:00.000Z<\/updated>/);
  });
});

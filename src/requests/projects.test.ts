import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isProjectName, projectOfUrl } from './projects.ts';

describe('projectOfUrl', () => {
  it('counts the mobile front door as the project it serves', () => {
    assert.equal(projectOfUrl('https://en.m.wikipedia.org/wiki/X'), 'en.wikipedia.org');
    assert.equal(projectOfUrl('https://de.m.wiktionary.org/wiki/Haus?action=history'), 'de.wiktionary.org');
  });

  it('keeps the plain host of a project as it is', () => {
    assert.equal(projectOfUrl('https://en.wikipedia.org/wiki/X'), 'en.wikipedia.org');
    assert.equal(projectOfUrl('https://ar.wikipedia.org/wiki/%D9%85'), 'ar.wikipedia.org');
  });

  it('knows Commons on the desktop and the mobile host', () => {
    assert.equal(projectOfUrl('https://commons.wikimedia.org/wiki/File:Example.jpg'), 'commons.wikimedia.org');
    assert.equal(projectOfUrl('https://commons.m.wikimedia.org/wiki/File:Example.jpg'), 'commons.wikimedia.org');
  });

  it('keeps www where the project lives on it', () => {
    assert.equal(projectOfUrl('https://www.wikidata.org/wiki/Q42'), 'www.wikidata.org');
    assert.equal(projectOfUrl('https://www.mediawiki.org/wiki/MediaWiki'), 'www.mediawiki.org');
  });

  it('ignores case, port, credentials, query and a trailing dot of the host', () => {
    assert.equal(projectOfUrl('HTTPS://EN.M.Wikipedia.ORG/wiki/X'), 'en.wikipedia.org');
    assert.equal(projectOfUrl('https://en.wikipedia.org.:443/wiki/X?oldid=1#top'), 'en.wikipedia.org');
    assert.equal(projectOfUrl('https://user:secret@fr.wikipedia.org/wiki/X'), 'fr.wikipedia.org');
  });

  it('takes only the second label for the mobile marker', () => {
    assert.equal(projectOfUrl('https://m.example.org/page'), 'm.example.org');
    assert.equal(projectOfUrl('https://en.mobile.example.org/page'), 'en.mobile.example.org');
  });

  it('throws on something that is not a URL', () => {
    assert.throws(() => projectOfUrl('en.wikipedia.org/wiki/X'), TypeError);
  });

  it('gives a name isProjectName accepts', () => {
    for (const url of ['https://en.m.wikipedia.org/wiki/X', 'https://commons.wikimedia.org/', 'https://www.wikidata.org/wiki/Q1']) {
      assert.ok(isProjectName(projectOfUrl(url)), url);
    }
  });
});

describe('isProjectName', () => {
  it('accepts host names with at least two labels', () => {
    assert.ok(isProjectName('en.wikipedia.org'));
    assert.ok(isProjectName('zh-min-nan.wikipedia.org'));
    assert.ok(isProjectName('wikipedia.org'));
  });

  it('refuses what is not a lower-case host name', () => {
    for (const value of ['', 'wikipedia', 'EN.wikipedia.org', 'en..wikipedia.org', '-en.wikipedia.org', 'en.wikipedia.org/wiki', 'https://en.wikipedia.org', 'en wikipedia.org']) {
      assert.equal(isProjectName(value), false, JSON.stringify(value));
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import type { Facets } from '../../notices/facets.ts';
import { pageContext, renderPage } from '../layout.tsx';
import { NoticeSearchPage, type NoticeResults } from './notices.tsx';

const facets: Facets = { kind: [{ key: 'copyright', count: 700 }, { key: 'content_alteration', count: 300 }], country: [{ key: null, count: 1000 }], year: [], outcome: [], project: [] };

function page(lang: string, exact: boolean): string {
  const results: NoticeResults = { hits: [], total: 1000, exact, facets, nextCursor: null, continued: false };
  return renderPage(h(NoticeSearchPage, { context: pageContext(lang, '/notices'), form: { q: 'image' }, issues: [], results }) as preact.VNode);
}

describe('the counts on the notice search page', () => {
  it('gives exact counts plainly', () => {
    const html = page('en', true);
    assert.match(html, /<h2 id="results-title" class="bilingual">1000 notices<span aria-hidden="true"> — <\/span><span class="second" lang="es" dir="ltr">1000 /);
    assert.match(html, /<span class="count">\(700\)<\/span>/);
    assert.ok(!html.includes('at least'));
  });

  it('says when the counts are lower bounds, in the heading, in a note and at every facet value', () => {
    const html = page('en', false);
    assert.match(html, /<h2 id="results-title" class="bilingual">At least 1000 notices<span aria-hidden="true"> — /);
    assert.match(html, /the figures here are of the first 1000 found/);
    assert.match(html, /<span class="count">\(at least 700\)<\/span>/);
    assert.match(page('es', false), /Al menos 1000 avisos/);
    assert.match(page('ar', false), /على الأقل/);
  });
});

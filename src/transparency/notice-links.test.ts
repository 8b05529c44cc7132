import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticesHref } from './notice-links.ts';

describe('noticesHref', () => {
  it("uses the notice database's facets for each breakdown and measure", () => {
    assert.equal(noticesHref('en', '2026-H1', 'copyright', 'country', 'US', 'full'), '/en/notices?period=2026-H1&kind=copyright&country=US&outcome=granted');
    assert.equal(noticesHref('ar', '2026', 'content_alteration', 'country', null, 'received'), '/ar/notices?period=2026&kind=content_alteration&country=unknown');
    assert.equal(noticesHref('es', '2026', 'user_data', 'instrument', 'search_warrant', 'partial'), '/es/notices?period=2026&kind=user_data&category=search_warrant&outcome=partially_granted');
    assert.equal(noticesHref('en', '2026', 'emergency', 'threat', 'violence', 'received'), '/en/notices?period=2026&kind=emergency&category=violence');
    assert.equal(noticesHref('en', '2026', 'content_alteration', 'requester_type', null, 'received'), '/en/notices?period=2026&kind=content_alteration&requester_type=unknown');
    assert.equal(noticesHref('en', '2026', 'copyright', 'project', 'commons.wikimedia.org', 'received'), '/en/notices?period=2026&kind=copyright&project=commons.wikimedia.org');
  });

  it('counts counter-notices as copyright notices of their own category, and every kind without a kind facet', () => {
    assert.equal(noticesHref('en', '2026', 'counter_notice', 'kind', null, 'received'), '/en/notices?period=2026&kind=copyright&category=counter_notice');
    assert.equal(noticesHref('en', '2026', 'all', 'country', 'GB', 'received'), '/en/notices?period=2026&country=GB');
  });

  it('escapes what it puts in the query', () => {
    assert.equal(noticesHref('en', '2026', 'copyright', 'project', 'a&b=c', 'received'), '/en/notices?period=2026&kind=copyright&project=a%26b%3Dc');
  });
});

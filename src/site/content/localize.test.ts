import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASES, STORY_IDS } from './facts.ts';
import { homeText, localize } from './localize.ts';
import { TOPIC_SLUGS } from './types.ts';

describe('localized content', () => {
  it('gives the reader’s language when it has the piece, and says so', () => {
    assert.deepEqual(localize('es', (content) => content.topics.privacy?.title), { value: 'Privacidad', lang: 'es' });
    assert.equal(homeText('ar').lang, 'ar');
  });

  it('falls back to English, marked as English, when the language lacks the piece', () => {
    assert.deepEqual(localize('fr', (content) => content.cases['harbour-bank']?.court), { value: 'Commercial Court of the Capital District', lang: 'en' });
    assert.equal(homeText('xx').lang, 'en');
  });

  it('has nothing for an id English lacks', () => {
    assert.equal(localize('es', (content) => content.topics['nothing' as 'privacy']), undefined);
  });

  it('has every topic, case and story in English', () => {
    for (const slug of TOPIC_SLUGS) assert.ok(localize('en', (content) => content.topics[slug])?.lang === 'en', slug);
    for (const facts of CASES) assert.ok(localize('en', (content) => content.cases[facts.id])?.lang === 'en', facts.id);
    for (const id of STORY_IDS) assert.ok(localize('en', (content) => content.stories[id])?.lang === 'en', id);
  });

  it('has every topic, case and story of the demo in Spanish and Arabic too', () => {
    for (const lang of ['es', 'ar']) {
      for (const slug of TOPIC_SLUGS) assert.equal(localize(lang, (content) => content.topics[slug])?.lang, lang, `${lang} ${slug}`);
      for (const facts of CASES) assert.equal(localize(lang, (content) => content.cases[facts.id])?.lang, lang, `${lang} ${facts.id}`);
      for (const id of STORY_IDS) assert.equal(localize(lang, (content) => content.stories[id])?.lang, lang, `${lang} ${id}`);
      assert.equal(homeText(lang).lang, lang);
    }
  });
});

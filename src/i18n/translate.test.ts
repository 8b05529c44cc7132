import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import qqq from './messages/qqq.json' with { type: 'json' };
import { negotiateLanguage, translator } from './translate.ts';

const keys = (catalog: Record<string, unknown>) => Object.keys(catalog).filter((key) => key !== '@metadata').sort();

describe('message catalogs', () => {
  it('translate every English message into Spanish and Arabic, and document each one', () => {
    assert.deepEqual(keys(es), keys(en));
    assert.deepEqual(keys(ar), keys(en));
    assert.deepEqual(keys(qqq), keys(en));
  });

  it('fill placeholders and plural forms per language', () => {
    assert.equal(translator('en')('error-validation', 1), 'The input has one problem.');
    assert.equal(translator('en')('error-validation', 4), 'The input has 4 problems.');
    assert.equal(translator('es')('error-validation', 2), 'Los datos tienen 2 problemas.');
    assert.equal(translator('ar')('error-validation', 2), 'في المدخلات مشكلتان.');
    assert.match(translator('es')('error-invalid-period', 'x'), /^«x» no es un periodo/);
  });

  it('fall back to English for a language without a catalog', () => {
    assert.equal(translator('xx')('error-validation', 1), 'The input has one problem.');
  });
});

describe('negotiateLanguage', () => {
  it('takes the best supported language by weight, then by order', () => {
    assert.equal(negotiateLanguage('fr-CH, fr;q=0.9, ar;q=0.8, es;q=0.7'), 'ar');
    assert.equal(negotiateLanguage('es-MX'), 'es');
    assert.equal(negotiateLanguage('de, en;q=0.1'), 'en');
    assert.equal(negotiateLanguage('es;q=0, ar;q=0.5'), 'ar');
  });

  it('defaults to English for a missing or useless header', () => {
    assert.equal(negotiateLanguage(undefined), 'en');
    assert.equal(negotiateLanguage(''), 'en');
    assert.equal(negotiateLanguage('*;q=abc'), 'en');
    assert.equal(negotiateLanguage('de, fr'), 'en');
  });
});

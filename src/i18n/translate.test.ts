import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { catalogFolders } from './catalogs.ts';
import { negotiateLanguage, translator } from './translate.ts';

const keys = (catalog: Record<string, unknown>) => Object.keys(catalog).filter((key) => key !== '@metadata').sort();

describe('message catalogs', () => {
  for (const folder of catalogFolders()) {
    it(`translate every English message of ${path.basename(folder)}/ into Spanish and Arabic, and document each one`, () => {
      const read = (code: string) => JSON.parse(fs.readFileSync(path.join(folder, `${code}.json`), 'utf8')) as Record<string, unknown>;
      const en = keys(read('en'));
      assert.deepEqual(keys(read('es')), en, 'es');
      assert.deepEqual(keys(read('ar')), en, 'ar');
      assert.deepEqual(keys(read('qqq')), en, 'qqq');
    });
  }

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

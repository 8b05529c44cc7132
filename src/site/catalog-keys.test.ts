import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogs } from '../i18n/catalogs.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The site's code: its own folder and its route section. */
const FILES = [
  ...fs.readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' }).map((name) => path.join(import.meta.dirname, name)),
  path.join(ROOT, 'http', 'routes', 'site.tsx'),
].filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'));

/**
 * Message keys written out in the code: the argument of `t('…')` or `message('…')`, and any
 * string literal with the site's prefix (keys handed to components or kept in tables).
 */
function keysIn(source: string): string[] {
  const keys = new Set<string>();
  for (const match of source.matchAll(/\b(?:t|message)\(\s*['"]([a-z][a-z0-9-]*)['"]/g)) keys.add(match[1]!);
  for (const match of source.matchAll(/['"`](site-[a-z0-9-]+)['"`]/g)) keys.add(match[1]!);
  return [...keys];
}

describe('the site’s message keys', () => {
  const catalogs = loadCatalogs();

  it('finds the keys it is meant to find', () => {
    assert.deepEqual(keysIn(`t('site-a'); message("x-b"); const k = { key: 'site-c' }; label="site-d"; t(other)`).sort(), ['site-a', 'site-c', 'site-d', 'x-b']);
    assert.ok(FILES.some((file) => file.endsWith('layout.tsx')) && FILES.some((file) => file.endsWith('site.tsx')));
  });

  it('every key the site’s code names exists in English, Spanish and Arabic', () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of FILES) {
      for (const key of keysIn(fs.readFileSync(file, 'utf8'))) {
        count++;
        for (const lang of ['en', 'es', 'ar', 'qqq']) if (!(key in catalogs[lang]!)) missing.push(`${path.relative(ROOT, file)}: ${key} (${lang})`);
      }
    }
    assert.ok(count > 40, `only ${count} keys found: the scan is broken`);
    assert.deepEqual(missing, []);
  });
});

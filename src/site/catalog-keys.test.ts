import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogs } from '../i18n/catalogs.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** All of the program's code, tests left out. */
const FILES = fs
  .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
  .map((name) => path.join(ROOT, name));

/** The shape of a message key: lower-case words joined by hyphens, at least two of them. */
const KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

/**
 * The places where the code names a message key in a string literal: the key handed to a
 * translator (`t('…')`, `context.t('…')`) or to a heading (`message('…')`), a field issue's or a
 * table row's `code:` and `key:`, a domain error's code (`super('…')` in its class,
 * `new NotFoundError('…')`), a variable or property named `…Key`, and a component's `label`.
 */
const NAMED = [/\bcode:\s*(['"])(.*?)\1/g, /\bkey:\s*(['"])(.*?)\1/g, /\bsuper\(\s*(['"])(.*?)\1/g, /\bnew [A-Z]\w*Error\(\s*(['"])(.*?)\1/g, /\w+Key\s*[:=]\s*(['"])(.*?)\1/g, /\blabel=(['"])(.*?)\1/g];
/** A string literal with the site's prefix anywhere in the site's own folder (keys kept in tables). */
const SITE_LITERAL = /(['"`])(site-[a-z0-9-]+)\1/g;

/**
 * The first argument of every call to a translator or to `message`: the whole expression, so
 * that both keys of `t(exact ? 'a' : 'b', n)` are found, and a template literal is kept whole.
 */
function firstArguments(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\b(?:t|message)\(/g)) {
    let depth = 0;
    let quote = '';
    let end = match.index + match[0].length;
    for (; end < source.length; end++) {
      const char = source[end]!;
      if (quote) {
        if (char === '\\') end++;
        else if (char === quote) quote = '';
      } else if (char === "'" || char === '"' || char === '`') quote = char;
      else if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) break;
        depth--;
      } else if (char === ',' && depth === 0) break;
    }
    found.push(source.slice(match.index + match[0].length, end));
  }
  return found;
}

/**
 * Message keys written out in the code, and key patterns: a template literal such as
 * `form-title-${kind}` stands for the keys it can make, of which the catalogs must have at least one.
 */
function keysIn(source: string, siteFolder: boolean): { keys: string[]; patterns: string[] } {
  const keys = new Set<string>();
  const patterns = new Set<string>();
  for (const argument of firstArguments(source)) {
    for (const literal of argument.matchAll(/(['"])(.*?)\1/g)) if (KEY.test(literal[2]!)) keys.add(literal[2]!);
    for (const literal of argument.matchAll(/`([^`]*)`/g)) {
      if (!literal[1]!.includes('${')) {
        if (KEY.test(literal[1]!)) keys.add(literal[1]!);
      } else if (/^[a-z][a-z0-9-]*-\$\{/.test(literal[1]!)) patterns.add(literal[1]!);
    }
  }
  for (const pattern of NAMED) for (const match of source.matchAll(pattern)) if (KEY.test(match[2]!)) keys.add(match[2]!);
  if (siteFolder) for (const match of source.matchAll(SITE_LITERAL)) keys.add(match[2]!);
  return { keys: [...keys], patterns: [...patterns] };
}

/** A template literal's keys as a regular expression: each `${…}` stands for a word or more. */
function patternRegExp(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[a-z0-9_-]+')}$`);
}

describe('the message keys the code names', () => {
  const catalogs = loadCatalogs();
  const codes = Object.keys(catalogs);

  it('finds the keys it is meant to find', () => {
    const source = `t('site-a'); message("x-b"); context.t(exact ? 'y-c' : 'y-d', n); const k = { key: 'site-c' }; label="site-d"; t(other);
      issues.push({ field: 'email', code: 'z-e' }); super('z-f', [x]); throw new NotFoundError('z-g'); const titleKey = 'z-h'; t(\`form-title-\${kind}\`); t('not a key')`;
    const found = keysIn(source, true);
    assert.deepEqual(found.keys.sort(), ['site-a', 'site-c', 'site-d', 'x-b', 'y-c', 'y-d', 'z-e', 'z-f', 'z-g', 'z-h']);
    assert.deepEqual(found.patterns, ['form-title-${kind}']);
    assert.ok(patternRegExp('form-title-${kind}').test('form-title-copyright') && !patternRegExp('form-title-${kind}').test('form-intro-copyright'));
    assert.ok(FILES.some((file) => file.endsWith(path.join('site', 'layout.tsx'))) && FILES.some((file) => file.endsWith(path.join('connect', 'mail.ts'))) && FILES.some((file) => file.endsWith(path.join('news', 'edit-posts.ts'))));
    assert.ok(codes.includes('en') && codes.includes('es') && codes.includes('ar') && codes.includes('qqq'));
  });

  it('every key anywhere in src exists in every catalog, and every key pattern matches at least one key', () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of FILES) {
      const where = path.relative(ROOT, file);
      const { keys, patterns } = keysIn(fs.readFileSync(file, 'utf8'), where.startsWith(`site${path.sep}`) || where === path.join('http', 'routes', 'site.tsx'));
      count += keys.length;
      for (const key of keys) for (const code of codes) if (!(key in catalogs[code]!)) missing.push(`${where}: ${key} (${code})`);
      for (const pattern of patterns) {
        const regexp = patternRegExp(pattern);
        for (const code of codes) if (!Object.keys(catalogs[code]!).some((key) => regexp.test(key))) missing.push(`${where}: \`${pattern}\` (${code})`);
      }
    }
    assert.ok(count > 600, `only ${count} keys found: the scan is broken`);
    assert.deepEqual(missing, []);
  });
});

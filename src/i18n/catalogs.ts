import fs from 'node:fs';
import path from 'node:path';

/** A banana catalog: message keys to texts, and `@metadata`. */
export type Catalog = Record<string, string>;

const ROOT = path.join(import.meta.dirname, 'messages');

/**
 * The message folders: `messages/` itself and one subfolder per area of the product
 * (`messages/console/`, …), each with `en.json`, `qqq.json` and a file per language, as
 * translatewiki.net lays out a project with several components.
 */
export function catalogFolders(): string[] {
  return [ROOT, ...fs.readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(ROOT, entry.name)).sort()];
}

/** Every language code (and `qqq`, the documentation) with a file in any folder. */
function codesIn(folder: string): string[] {
  return fs.readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5));
}

/**
 * Reads and merges every folder's catalog for each language. A key defined in two folders is a
 * mistake that would make one text silently win, so it stops the program.
 */
export function loadCatalogs(): Record<string, Catalog> {
  const merged: Record<string, Catalog> = {};
  const origin = new Map<string, string>();
  for (const folder of catalogFolders()) {
    for (const code of codesIn(folder)) {
      const file = path.join(folder, `${code}.json`);
      const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const target = (merged[code] ??= {});
      for (const [key, text] of Object.entries(messages)) {
        if (key === '@metadata') continue;
        if (typeof text !== 'string') throw new Error(`${file}: message ${key} is not a string`);
        const seen = origin.get(`${code}:${key}`);
        if (seen) throw new Error(`message ${key} is defined twice: in ${seen} and in ${file}`);
        origin.set(`${code}:${key}`, file);
        target[key] = text;
      }
    }
  }
  return merged;
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A static file served from memory under a name that changes with its content. */
export interface Asset {
  name: string;
  url: string;
  contentType: string;
  body: Buffer;
}

const FOLDER = path.join(import.meta.dirname, 'assets');
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

function load(file: string): Asset {
  const body = fs.readFileSync(path.join(FOLDER, file));
  const ext = path.extname(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const name = `${path.basename(file, ext)}.${hash}${ext}`;
  return { name, url: `/assets/${name}`, contentType: TYPES[ext] ?? 'application/octet-stream', body };
}

/**
 * The site's assets, read once at start-up and fingerprinted: a name is forever tied to its
 * bytes, so browsers may keep them for a year.
 */
export const ASSETS = {
  css: load('site.css'),
  consoleCss: load('console.css'),
  pow: load('pow.js'),
  icon: load('icon.svg'),
};

const BY_NAME = new Map(Object.values(ASSETS).map((asset) => [asset.name, asset]));

/** The asset with a fingerprinted name, if there is one. */
export function findAsset(name: string): Asset | undefined {
  return BY_NAME.get(name);
}

// The fingerprint of the sources under src/ and of tsconfig.json, which says how they compile:
// every file's path, size, modification and change times.
// scripts/build.mjs records it in build/SOURCES; bin/candor.js compares it at each start (a few
// milliseconds), so that an edited, added or removed source is never run from a stale build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, relative to it, in a stable order. */
export function sourceFiles(dir, prefix = '') {
  const found = [];
  const entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...sourceFiles(dir, relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found;
}

export function sourcesFingerprint(dir) {
  const hash = crypto.createHash('sha256');
  // The compiler's settings count too; the change time, which no copying tool can carry over,
  // catches a file replaced by one of the same size and modification time.
  const files = [...sourceFiles(dir).map((file) => [file, path.join(dir, file)]), ['../tsconfig.json', path.join(dir, '..', 'tsconfig.json')]];
  for (const [name, full] of files) {
    if (!fs.existsSync(full)) continue;
    const stat = fs.statSync(full);
    hash.update(`${name}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\n`);
  }
  return hash.digest('hex');
}

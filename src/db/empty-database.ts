import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * A new embedded database, created and migrated once by `npm ci` (scripts/empty-database.mjs),
 * which `candor serve` copies when it starts on a folder without a database, instead of creating
 * one in a child process and migrating it: creating one runs PostgreSQL's initdb inside
 * WebAssembly (3–5 s of CPU and about 700 MB that the process never gives back), copying its
 * 40 MB takes a fraction of a second. It is copied only while it is what creating and migrating
 * would give here: made by the installed PGlite, with the same migrations, which its MADE-FOR
 * file records. Otherwise the database is created as before. Other commands (`migrate`,
 * `restore`…) create a new database as PGlite does: they may want it at another schema.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
export const EMPTY_DATABASE_DIR = path.join(root, 'build', 'empty-database');
const MARKER = 'MADE-FOR';

/**
 * What a copy must have been made for: the PGlite release, and the migrations, in order, by name
 * and by a digest of their sources (a migration edited under the same name makes it stale).
 */
let marker: string | undefined;

export function emptyDatabaseMarker(): string {
  // Read and hashed once a process: a first start asks before and after copying.
  marker ??= makeMarker();
  return marker;
}

function makeMarker(): string {
  const pglite = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  const folder = path.join(root, 'src', 'db', 'migrations');
  const digest = crypto.createHash('sha256');
  for (const name of Object.keys(MIGRATIONS)) digest.update(name).update('\0').update(fs.readFileSync(path.join(folder, `${name}.ts`))).update('\0');
  return `${JSON.stringify({ pglite, migrations: Object.keys(MIGRATIONS), sources: digest.digest('hex') }, null, 1)}\n`;
}

/** Whether the empty database is there and still what a new database would be. */
export function emptyDatabaseAvailable(dir = EMPTY_DATABASE_DIR): boolean {
  try {
    return fs.readFileSync(path.join(dir, MARKER), 'utf8') === emptyDatabaseMarker();
  } catch {
    return false;
  }
}

/**
 * Puts a copy of the empty database at `pgdata`, unless something is there already, and says
 * whether it did; the caller holds the folder's lock. The copy is made beside it under another
 * name and renamed into place, so that a copy cut short is never taken for a database.
 */
export function copyEmptyDatabase(pgdata: string, dir = EMPTY_DATABASE_DIR): boolean {
  // A folder there already (a creation cut short, say) is left to PGlite, which creates the database in it.
  if (fs.existsSync(pgdata) || !emptyDatabaseAvailable(dir)) return false;
  const folder = path.dirname(pgdata);
  fs.mkdirSync(folder, { recursive: true });
  // The caller holds the folder's lock: a partial copy there is what a process killed while copying left.
  for (const entry of fs.readdirSync(folder)) if (entry.startsWith(`${path.basename(pgdata)}.partial-`)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
  const partial = `${pgdata}.partial-${process.pid}`;
  try {
    fs.cpSync(path.join(dir, 'pgdata'), partial, { recursive: true });
    // Still the same one after the copy: a build replacing it meanwhile could have given half of it.
    if (!emptyDatabaseAvailable(dir)) return false;
    fs.renameSync(partial, pgdata);
    return true;
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * Makes the empty database with `create` (which creates and migrates a database at the folder
 * it is given), unless one made for this installation is there already. Built beside and renamed
 * into place, like the copies.
 */
export async function makeEmptyDatabase(create: (dataDir: string) => Promise<void>, dir = EMPTY_DATABASE_DIR): Promise<'made' | 'kept'> {
  if (emptyDatabaseAvailable(dir)) return 'kept';
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    await create(partial);
    // Only the database: the lock file and the control socket belong to whoever had it open.
    for (const entry of fs.readdirSync(partial)) if (entry !== 'pgdata') fs.rmSync(path.join(partial, entry), { recursive: true, force: true });
    fs.writeFileSync(path.join(partial, MARKER), emptyDatabaseMarker());
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    return 'made';
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

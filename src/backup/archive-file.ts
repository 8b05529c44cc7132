import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { isAlive } from '../db/lock.ts';
import { readArchive, type ArchiveHeader } from './archive.ts';

/** What reading an archive through found: its header, how much it holds, and the SHA-256 of the file's bytes. */
export interface ArchiveContents {
  header: ArchiveHeader;
  tables: number;
  rows: number;
  /** The SHA-256 of the file as it lies on disk (what `sha256sum FILE` prints), in lowercase hex. */
  sha256: string;
}

/** A stream of the file's bytes and the SHA-256 of every byte it has given so far. */
export function hashedReadStream(file: string): { stream: Readable; digest(): string } {
  const hash = crypto.createHash('sha256');
  const source = fs.createReadStream(file);
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  source.on('error', (error) => stream.destroy(error));
  source.pipe(stream);
  return { stream, digest: () => hash.digest('hex') };
}

/** Reads an archive file to its end and checks its checksum; throws BackupIntegrityError if it is not sound. */
export async function verifyArchiveFile(file: string, shownAs = file): Promise<ArchiveContents> {
  let header: ArchiveHeader | undefined;
  let tables = 0;
  let rows = 0;
  const input = hashedReadStream(file);
  for await (const entry of readArchive(input.stream, shownAs)) {
    if (entry.kind === 'header') header = entry.header;
    else if (entry.kind === 'end') ({ tables, rows } = entry);
  }
  return { header: header!, tables, rows, sha256: input.digest() };
}

/**
 * Writes an archive to `file` so that a crash at any moment leaves either the previous file or
 * the complete new one: the bytes go to a partial copy beside it (`file.PID-RANDOM.tmp`, created
 * anew, owner-only), which is flushed to disk, read back and checked, and only then renamed over
 * `file` (the folder is flushed too, so the rename lasts). Two backups to the same file at once
 * each write their own copy, and the one that finishes last is the file. Partial copies left by
 * backups whose process has died are removed first.
 */
export async function writeArchiveFile<T>(file: string, produce: (out: Writable) => Promise<T>): Promise<{ result: T; contents: ArchiveContents }> {
  const target = path.resolve(file);
  const temporary = `${target}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await removeAbandonedCopies(target);
    const out = fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    closed.catch(() => {});
    const result = await produce(out);
    await closed;
    // Flushed through a descriptor of its own: fsync applies to the file, whichever descriptor wrote it.
    const handle = await fs.promises.open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const contents = await verifyArchiveFile(temporary, file);
    await fs.promises.rename(temporary, target);
    await syncFolder(path.dirname(target));
    return { result, contents };
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}

/** The partial copies beside `target` that backups have left, with the process that wrote each (none for the older `target.tmp`). */
export function partialCopies(target: string): { file: string; pid: number | undefined }[] {
  const folder = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const copies: { file: string; pid: number | undefined }[] = [];
  for (const name of names) {
    if (name === `${base}.tmp`) copies.push({ file: path.join(folder, name), pid: undefined });
    if (!name.startsWith(`${base}.`) || !name.endsWith('.tmp')) continue;
    const match = /^(\d{1,10})-[0-9a-f]{8}$/.exec(name.slice(base.length + 1, -'.tmp'.length));
    if (match) copies.push({ file: path.join(folder, name), pid: Number(match[1]) });
  }
  return copies;
}

/** Removes the partial copies of backups to `target` whose process is no longer running: a backup killed half-way cannot remove its own. */
async function removeAbandonedCopies(target: string): Promise<void> {
  for (const copy of partialCopies(target)) {
    if (copy.pid === undefined || !isAlive(copy.pid)) await fs.promises.rm(copy.file, { force: true });
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(folder, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot flush a folder; the rename itself has still happened.
  } finally {
    await handle?.close();
  }
}

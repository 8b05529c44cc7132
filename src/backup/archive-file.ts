import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
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
 * the complete new one: the bytes go to `file.tmp`, which is flushed to disk, read back and
 * checked, and only then renamed over `file` (the folder is flushed too, so the rename lasts).
 * A `file.tmp` left by a backup that was killed is removed first: it is created anew, owner-only.
 */
export async function writeArchiveFile<T>(file: string, produce: (out: Writable) => Promise<T>): Promise<{ result: T; contents: ArchiveContents }> {
  const target = path.resolve(file);
  const temporary = `${target}.tmp`;
  try {
    await fs.promises.rm(temporary, { force: true });
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

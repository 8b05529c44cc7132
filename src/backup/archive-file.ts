import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { readArchive, type ArchiveHeader } from './archive.ts';

/** What reading an archive through found: its header and how much it holds. */
export interface ArchiveContents {
  header: ArchiveHeader;
  tables: number;
  rows: number;
}

/** Reads an archive file to its end and checks its checksum; throws BackupIntegrityError if it is not sound. */
export async function verifyArchiveFile(file: string, shownAs = file): Promise<ArchiveContents> {
  let header: ArchiveHeader | undefined;
  let tables = 0;
  let rows = 0;
  for await (const entry of readArchive(fs.createReadStream(file), shownAs)) {
    if (entry.kind === 'header') header = entry.header;
    else if (entry.kind === 'end') ({ tables, rows } = entry);
  }
  return { header: header!, tables, rows };
}

/**
 * Writes an archive to `file` so that a crash at any moment leaves either the previous file or
 * the complete new one: the bytes go to `file.tmp`, which is flushed to disk, read back and
 * checked, and only then renamed over `file` (the folder is flushed too, so the rename lasts).
 */
export async function writeArchiveFile<T>(file: string, produce: (out: Writable) => Promise<T>): Promise<{ result: T; contents: ArchiveContents }> {
  const target = path.resolve(file);
  const temporary = `${target}.tmp`;
  try {
    const out = fs.createWriteStream(temporary, { flags: 'w', mode: 0o600 });
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

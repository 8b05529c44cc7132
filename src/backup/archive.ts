import crypto from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { DomainError } from '../errors.ts';

/**
 * The archive's container: gzip-compressed lines of JSON. Each line is hashed as written; the
 * last line carries the SHA-256 of every byte before it, so a cut or altered archive is known
 * before anything of it is restored. docs/backup-format.md describes the lines themselves.
 */

export const FORMAT_NAME = 'candor-backup';
export const FORMAT_VERSION = 1;

/** The first line: what made the archive and at which schema. */
export interface ArchiveHeader {
  format: typeof FORMAT_NAME;
  version: number;
  created_at: string;
  backend: 'pglite' | 'postgres';
  candor: string;
  /** The migrations applied to the database backed up, oldest first. */
  migrations: string[];
  /** Tables deliberately left out. */
  excluded: string[];
}

/** The line that opens a table's rows. */
export interface TableLine {
  table: string;
  columns: { name: string; type: string }[];
  primary_key: string[];
}

/** One parsed element of an archive, in file order. */
export type ArchiveEntry =
  | { kind: 'header'; header: ArchiveHeader }
  | { kind: 'table'; table: TableLine }
  /** A row as its raw JSON array text, never parsed in JavaScript (so no number loses precision). */
  | { kind: 'row'; text: string }
  | { kind: 'end-table'; table: string; rows: number }
  | { kind: 'sequences'; sequences: { name: string; last_value: string | null }[] }
  | { kind: 'end'; tables: number; rows: number };

/** The archive is damaged, cut short, altered, or not a Candor backup at all. */
export class BackupIntegrityError extends DomainError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super('error-backup-integrity', [file, reason], `${file} is not a sound Candor backup: ${reason}; nothing was restored`);
  }
}

/** The reader of a backup took nothing for too long, and the backup was given up so that what it held is freed. */
export class BackupStalledError extends Error {
  constructor(readonly stallMs: number) {
    super(`the reader of the backup took nothing for ${stallMs / 1000} seconds; the backup was stopped`);
  }
}

/** How an archive is written: `stallMs` bounds each wait for a destination that has stopped reading. */
export interface ArchiveWriterOptions {
  stallMs?: number;
}

/** Writes an archive's lines through gzip into `out`, hashing them; `finish()` adds the checksum line. */
export class ArchiveWriter {
  private readonly hash = crypto.createHash('sha256');
  private readonly gzip = zlib.createGzip({ level: 6 });
  private failure: Error | undefined;
  readonly done: Promise<void>;

  constructor(
    out: Writable,
    private readonly options: ArchiveWriterOptions = {},
  ) {
    this.gzip.pipe(out);
    let finished = false;
    const failed = (error: Error) => (this.failure ??= error);
    this.gzip.on('error', failed);
    this.done = new Promise<void>((resolve, reject) => {
      out.on('finish', () => {
        finished = true;
        resolve();
      });
      out.on('error', (error) => reject(failed(error)));
      out.on('close', () => {
        if (!finished) reject(failed(new Error('the destination of the backup was closed before the backup ended')));
      });
    });
    this.done.catch(() => {});
  }

  /** Writes one line (JSON text without its line break), waiting when the destination is behind. */
  async line(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    this.hash.update(bytes);
    if (!this.gzip.write(bytes)) await this.drained();
  }

  /** Writes a line holding a JSON value. */
  json(value: unknown): Promise<void> {
    return this.line(JSON.stringify(value));
  }

  private async drained(): Promise<void> {
    // A destination that goes away (a killed client) must not leave the writer waiting forever.
    // One that stays but takes nothing (a stopped process) must not hold the snapshot, and on
    // PGlite the only connection, for ever: past `stallMs` without a drain the backup fails.
    const controller = new AbortController();
    const check = setInterval(() => this.failure && controller.abort(), 50);
    const { stallMs } = this.options;
    const stall =
      stallMs === undefined
        ? undefined
        : setTimeout(() => {
            this.failure ??= new BackupStalledError(stallMs);
            controller.abort();
          }, stallMs);
    try {
      await once(this.gzip, 'drain', { signal: controller.signal });
    } catch {
      throw this.failure ?? new Error('the backup could not be written');
    } finally {
      clearInterval(check);
      clearTimeout(stall);
    }
  }

  /** Adds the checksum line, ends the stream and waits until the destination has everything; returns the checksum. */
  async finish(): Promise<string> {
    if (this.failure) throw this.failure;
    const sha256 = this.hash.digest('hex');
    this.gzip.end(`${JSON.stringify({ sha256 })}\n`);
    await this.done;
    if (this.failure) throw this.failure;
    return sha256;
  }
}

/** Splits a byte stream into lines (without their line break). */
async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer[] = [];
  for await (const chunk of input) {
    let start = 0;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, at);
      yield rest.length > 0 ? Buffer.concat([...rest, piece]) : piece;
      rest = [];
      start = at + 1;
    }
    if (start < chunk.length) rest.push(chunk.subarray(start));
  }
  if (rest.length > 0) yield Buffer.concat(rest);
}

function parseControl(text: string, file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BackupIntegrityError(file, 'a line is not valid JSON');
}

/**
 * Reads an archive entry by entry. The checksum is checked when the last line is reached: a
 * consumer must treat nothing as restored until the generator has ended without throwing.
 */
export async function* readArchive(input: Readable, file: string): AsyncGenerator<ArchiveEntry> {
  const hash = crypto.createHash('sha256');
  const gunzip = zlib.createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let first = true;
  let checksum: string | undefined;
  let ended = false;
  try {
    for await (const raw of lines(gunzip)) {
      if (checksum !== undefined) throw new BackupIntegrityError(file, 'there is data after the checksum');
      const text = raw.toString('utf8');
      if (text.startsWith('{"sha256":')) {
        const value = parseControl(text, file).sha256;
        if (typeof value !== 'string') throw new BackupIntegrityError(file, 'the checksum line is malformed');
        checksum = value;
        continue;
      }
      hash.update(raw).update('\n');
      if (first) {
        first = false;
        const header = parseControl(text, file);
        if (header.format !== FORMAT_NAME) throw new BackupIntegrityError(file, 'it does not begin with a Candor backup header');
        if (header.version !== FORMAT_VERSION) {
          throw new BackupIntegrityError(file, `it is in format version ${String(header.version)}, and this build reads version ${FORMAT_VERSION}`);
        }
        if (!Array.isArray(header.migrations)) throw new BackupIntegrityError(file, 'its header lists no migrations');
        yield { kind: 'header', header: header as unknown as ArchiveHeader };
        continue;
      }
      if (ended) throw new BackupIntegrityError(file, 'there is data after its end');
      if (text.startsWith('[')) {
        yield { kind: 'row', text };
        continue;
      }
      const line = parseControl(text, file);
      if (typeof line.table === 'string') yield { kind: 'table', table: line as unknown as TableLine };
      else if (typeof line.end_table === 'string') yield { kind: 'end-table', table: line.end_table, rows: Number(line.rows) };
      else if (Array.isArray(line.sequences)) yield { kind: 'sequences', sequences: line.sequences as { name: string; last_value: string | null }[] };
      else if (line.end && typeof line.end === 'object') {
        ended = true;
        const end = line.end as { tables?: unknown; rows?: unknown };
        yield { kind: 'end', tables: Number(end.tables), rows: Number(end.rows) };
      } else throw new BackupIntegrityError(file, 'a line is of no known kind');
    }
  } catch (error) {
    if (error instanceof BackupIntegrityError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'Z_STREAM_ERROR') {
      throw new BackupIntegrityError(file, 'its compressed data is damaged or cut short');
    }
    throw error;
  }
  if (first) throw new BackupIntegrityError(file, 'it is empty');
  if (checksum === undefined) throw new BackupIntegrityError(file, 'it was cut short (the checksum at its end is missing)');
  if (!ended) throw new BackupIntegrityError(file, 'it was cut short (its end line is missing)');
  if (hash.digest('hex') !== checksum) throw new BackupIntegrityError(file, 'its checksum does not match its content (altered or damaged)');
}

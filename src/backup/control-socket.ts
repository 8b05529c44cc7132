import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Backend } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { writeBackup } from './write-backup.ts';

/**
 * How `candor backup` reaches a running server that holds the embedded database's folder (PGlite
 * has one owner, so the command may not open the folder itself): a Unix socket inside DATA_DIR,
 * readable and writable by its owner only. Whoever can use it can already read the database's
 * files in that folder, so it grants nothing new; it is not on the network, so no token or
 * password is needed and none can leak. It answers one thing: `POST /backup`, with the archive.
 */

const SOCKET_NAME = 'candor.sock';
/** sun_path holds 108 bytes on Linux (104 on macOS); a longer path cannot be a socket. */
const MAX_SOCKET_PATH = 100;

/** The server that holds the folder offers no backup socket (an older build, or a path too long for one). */
export class ServerBackupUnavailableError extends DomainError {
  constructor(readonly dataDir: string, readonly holder: string, readonly pid: number, reason: string) {
    super(
      'error-backup-server-unavailable',
      [dataDir, holder, pid, reason],
      `the database in ${dataDir} is held by ${holder} (process ${pid}), which could not make the backup (${reason}); ` +
        'stop it and run the backup again, or use a PostgreSQL server',
    );
  }
}

/** Where the control socket of the server holding `dataDir` is. */
export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, SOCKET_NAME);
}

/** A running control socket; `close()` stops it and removes the socket file. */
export interface ControlSocket {
  path: string | undefined;
  close(): Promise<void>;
}

interface Log {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * How long the server waits for a backup's reader that takes nothing (a `candor backup` that was
 * stopped, or whose disk hangs). PGlite runs one query at a time, so every request waits as long
 * as the backup does: past this, the backup is given up and the database is the server's again.
 */
export const BACKUP_STALL_MS = 30_000;

/**
 * Starts the control socket of a server that holds the embedded database. The folder's lock
 * is held already, so a socket file found there was left by a server that died, and is replaced.
 */
export async function startControlSocket(
  dataDir: string,
  db: Kysely<any>,
  backend: Backend,
  log: Log,
  options: { stallMs?: number } = {},
): Promise<ControlSocket> {
  const stallMs = options.stallMs ?? BACKUP_STALL_MS;
  const socketPath = controlSocketPath(fs.realpathSync(dataDir));
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    log.warn({ socketPath }, 'DATA_DIR is too long a path for the backup socket: candor backup needs the server stopped');
    return { path: undefined, close: async () => {} };
  }
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/backup') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only POST /backup is served here\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/gzip' });
    writeBackup(db, backend, response, { stallMs }).then(
      (summary) => log.info({ ...summary }, 'backup sent through the control socket'),
      (error: unknown) => log.error({ err: error }, 'backup through the control socket failed'),
    );
  });
  fs.rmSync(socketPath, { force: true });
  // Created owner-only from the start, so that no one else can connect in between.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

/** Asks the server holding `dataDir` for a backup and writes the archive it streams into `out`. */
export async function backupThroughServer(dataDir: string, holder: { pid: number; holder: string }, out: Writable): Promise<void> {
  const socketPath = controlSocketPath(fs.realpathSync(dataDir));
  const unavailable = (reason: string) => new ServerBackupUnavailableError(dataDir, holder.holder, holder.pid, reason);
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request({ socketPath, method: 'POST', path: '/backup' }, resolve);
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? unavailable('it has no backup socket') : error),
    );
    request.end();
  });
  if (response.statusCode !== 200) {
    response.resume();
    throw unavailable(`its backup socket answered ${response.statusCode}`);
  }
  try {
    await pipeline(response, out);
  } catch {
    throw unavailable("the backup stopped before its end; the server's log says why");
  }
}

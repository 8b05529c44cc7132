import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startControlSocket, type ControlSocket } from '../../src/backup/control-socket.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The server's backup socket against a reader that connects, asks for a backup and then takes
 * nothing (a `candor backup` stopped with SIGSTOP, a hung disk). On PGlite the backup holds the
 * only connection, so the server must give up on such a reader rather than wait for ever.
 */
describe('the backup socket and a reader that stalls', { skip: !!process.env.CANDOR_TEST_TEMPLATE_URL && 'the embedded database only' }, () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let socket: ControlSocket;
  const errors: { object: Record<string, unknown>; message: string }[] = [];
  let failed: () => void;
  const failure = new Promise<void>((resolve) => (failed = resolve));

  before(async () => {
    database = await createTestDatabase();
    handle = await database.open();
    await sql`INSERT INTO requests (reference, kind, channel, received_at) VALUES ('CR-2026-000001', 'copyright', 'post', now())`.execute(handle.db);
    for (let i = 0; i < 4; i++) {
      // Incompressible, so that the archive is far larger than every buffer between the server and the reader.
      const bytes = crypto.randomBytes(2 * 1024 * 1024);
      await sql`INSERT INTO request_attachments (request_id, filename, content_type, size_bytes, sha256, content)
                SELECT id, ${`scan-${i}.bin`}, 'application/octet-stream', ${bytes.length}, 'x', ${bytes} FROM requests`.execute(handle.db);
    }
    const log = {
      info() {},
      warn() {},
      error(object: object, message: string) {
        errors.push({ object: object as Record<string, unknown>, message });
        failed();
      },
    };
    socket = await startControlSocket(database.config.dataDir, handle.db, handle.backend, log, { stallMs: 500 });
  });

  after(async () => {
    await socket?.close();
    await handle?.close();
    await database?.drop();
  });

  it('gives the backup up, closes the connection and frees the database', { timeout: 60_000 }, async () => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request({ socketPath: socket.path, method: 'POST', path: '/backup' }, resolve);
      request.on('error', reject);
      request.end();
    });
    assert.equal(response.statusCode, 200);
    // Read the first bytes, then nothing more.
    await new Promise((resolve) => response.once('data', resolve));
    response.pause();

    await failure;
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.message, 'backup through the control socket failed');
    assert.match(String((errors[0]!.object.err as Error).message), /^the reader of the backup took nothing for 0\.5 seconds; the backup was stopped$/);
    // Reading again, the reader finds the connection cut before the archive's end.
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    response.on('error', () => {});
    response.resume();
    await closed;
    assert.equal(response.complete, false, 'the archive was not sent to its end');
    // The backup's transaction is over: the database answers again, and takes writes.
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM request_attachments`.execute(handle.db);
    assert.equal(after.rows[0]!.n, 4);
    await sql`INSERT INTO settings (key, value) VALUES ('after-the-stall', 'yes')`.execute(handle.db);
  });
});

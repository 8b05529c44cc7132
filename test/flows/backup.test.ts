import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { appendEvents } from '../../src/audit/append-events.ts';
import { partialCopies } from '../../src/backup/archive-file.ts';
import { runCli } from '../helpers/cli.ts';
import { CLI, createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-backup-'));
const cleanups: (() => Promise<void>)[] = [];
const fileIn = (name: string) => path.join(work, name);
const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const quoted = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The archive's lines without the header (which says when and where it was made) and the checksum (which covers the header). */
function content(file: string): string {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  assert.equal(lines.at(-1), '', 'the archive ends with a line break');
  assert.match(lines.at(-2)!, /^\{"sha256":"[0-9a-f]{64}"\}$/);
  return lines.slice(1, -2).join('\n');
}

function header(file: string): Record<string, unknown> {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0]!) as Record<string, unknown>;
}

/** The tables the archive holds, in its order, whether they have rows or not. */
function archiveTables(file: string): string[] {
  return content(file)
    .split('\n')
    .filter((line) => line.startsWith('{"table"'))
    .map((line) => (JSON.parse(line) as { table: string }).table);
}

/** Rows per table, as the archive's end-of-table lines count them. */
function rowCounts(file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of content(file).split('\n')) {
    if (line.startsWith('{"end_table"')) {
      const end = JSON.parse(line) as { end_table: string; rows: number };
      counts[end.end_table] = end.rows;
    }
  }
  return counts;
}

/** Writes an archive with its lines changed by `change`, with a correct checksum when `rehash`. */
function rewrite(from: string, to: string, change: (lines: string[]) => void, rehash: boolean): void {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString('utf8').split('\n').slice(0, -2);
  const original = lines.join('\n') + '\n';
  change(lines);
  const body = lines.join('\n') + '\n';
  const sha256 = crypto.createHash('sha256').update(rehash ? body : original).digest('hex');
  fs.writeFileSync(to, zlib.gzipSync(`${body}${JSON.stringify({ sha256 })}\n`));
}

async function withHandle<T>(database: { env: Record<string, string> }, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await openDatabase(loadConfig(database.env), { holder: 'a test' });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function testDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database;
}

const postgresTemplate = process.env.CANDOR_TEST_TEMPLATE_URL;

/** A database with nothing in it, not even the schema: an empty folder, or a new PostgreSQL database. */
async function blankDatabase(backend: 'pglite' | 'postgres'): Promise<{ env: Record<string, string> }> {
  if (backend === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-blank-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dir } };
  }
  const admin = Object.assign(new URL(postgresTemplate!), { pathname: '/postgres' }).toString();
  const name = `candor_blank_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  cleanups.push(async () => {
    const drop = new pg.Client({ connectionString: admin });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  });
  return { env: { DATABASE_URL: Object.assign(new URL(postgresTemplate!), { pathname: `/${name}` }).toString() } };
}

/** Every byte value, so that binary content is seen to come back exactly. */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), crypto.randomBytes(4096)]);

/**
 * Puts rows in the tables the demo leaves empty, with the awkward values: bytes, numerics,
 * dates, arrays, json, intervals, a reference to a row further on in the same table, and rows
 * in the tables that are deliberately not backed up.
 */
async function fillEveryTable(db: Kysely<Database>): Promise<void> {
  await sql`INSERT INTO staff_users (email, display_name, role, password_hash, activated_at) VALUES
    ('nadia@desk.example', 'Nadia Haddad', 'counsel', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', now())`.execute(db);
  const staff = Number((await sql<{ id: number }>`SELECT id FROM staff_users LIMIT 1`.execute(db)).rows[0]!.id);
  const first = Number((await sql<{ id: number }>`SELECT min(id) AS id FROM requests`.execute(db)).rows[0]!.id);
  const last = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM requests`.execute(db)).rows[0]!.id);
  const notice = Number((await sql<{ id: number }>`SELECT min(id) AS id FROM public_notices`.execute(db)).rows[0]!.id);
  await sql`UPDATE requests SET duplicate_of_id = ${last}, assignee_id = ${staff}, deadline_paused = '2 days 03:04:05.678901',
              laws_cited = ARRAY['Art. 17 GDPR', 'Ley "34/2002"', E'line\\nbreak'] WHERE id = ${first}`.execute(db);
  await sql`INSERT INTO api_tokens (name, scope, token_hash, prefix) VALUES ('intake robot', 'submit', ${'a'.repeat(64)}, 'cand_abc')`.execute(db);
  await sql`INSERT INTO settings (key, value) VALUES ('totp-key', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ')`.execute(db);
  await sql`INSERT INTO request_messages (request_id, direction, message_id, "references", subject, from_address, to_addresses, body_text, raw)
            VALUES (${first}, 'inbound', '<m1@example.org>', ARRAY['<m0@example.org>'], 'Takedown', 'a@example.org', ARRAY['legal@example.org'], 'Please', ${BINARY})`.execute(db);
  await sql`INSERT INTO request_attachments (request_id, message_id, filename, content_type, size_bytes, sha256, content)
            SELECT ${first}, id, 'order.pdf', 'application/pdf', ${BINARY.length}, ${crypto.createHash('sha256').update(BINARY).digest('hex')}, ${BINARY}
              FROM request_messages LIMIT 1`.execute(db);
  await sql`INSERT INTO mail_quarantine (source, reason, envelope_to, raw) VALUES ('smtp', 'no request matched', ARRAY['legal@example.org'], ${BINARY})`.execute(db);
  await sql`INSERT INTO outbox (request_id, to_address, subject, body_text, language, headers)
            VALUES (${first}, 'a@example.org', 'Acknowledgement', 'Received — تم الاستلام', 'ar', ${JSON.stringify({ 'Message-ID': '<ack@candor>', n: 12345678901234567890 })}::jsonb)`.execute(db);
  await sql`INSERT INTO request_notes (request_id, author_id, body) VALUES (${first}, ${staff}, 'Check the jurisdiction first.')`.execute(db);
  await sql`INSERT INTO request_evaluations (request_id, valid_and_complete, must_act, harms_rights, authority_competent, evaluated_by)
            VALUES (${first}, 'yes', 'no', 'yes', 'not_applicable', ${staff})`.execute(db);
  await sql`INSERT INTO request_notifications (request_id, account, status, outbox_id, created_by)
            SELECT ${first}, 'Example', 'queued', id, ${staff} FROM outbox LIMIT 1`.execute(db);
  await sql`INSERT INTO assistance_cases (reference, language, threat_kind, threat_description, country, project, contributor_role, court_case,
              court_deadline, related_urls, contact_name, contact_email, funding_amount, funding_currency, funding_approved_on)
            VALUES ('LA-2026-000001', 'es', 'lawsuit', 'Demanda por un artículo', 'ES', 'es.wikipedia.org', 'editor', true,
              '2027-02-28', ARRAY['https://es.wikipedia.org/wiki/X'], 'Lucía', 'lucia@example.org', 12345678901234.5678, 'EUR', '2026-11-30')`.execute(db);
  await sql`INSERT INTO assistance_case_requests (case_id, request_id, linked_by) SELECT id, ${first}, 'user:1' FROM assistance_cases`.execute(db);
  await sql`INSERT INTO dsa_statement_exports (request_id, puid, statement) VALUES (${first}, 'candor-x', '{"decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"]}')`.execute(db);
  await sql`INSERT INTO lumen_exports (notice_id, state, location) VALUES (${notice}, 'sent', 'https://lumen.example/notices/1')`.execute(db);
  await sql`INSERT INTO transparency_snapshots (period_id, version, report, sha256, published_by) VALUES ('2026-H1', 1, '{}', ${'b'.repeat(64)}, ${staff})`.execute(db);
  await sql`INSERT INTO elsewhere_feeds (name, url, last_status) VALUES ('Sister Wiki News', 'https://news.sister.example/feed.xml', 'ok')`.execute(db);
  await sql`INSERT INTO elsewhere_items (feed_id, link, title, fetched_at) SELECT id, 'https://news.sister.example/1', 'A court upholds anonymous editing', now() FROM elsewhere_feeds`.execute(db);
  await sql`INSERT INTO retention_periods (record_kind, months, updated_by) VALUES ('copyright', 48, 'staff:counsel@example.org')`.execute(db);
  await sql`INSERT INTO staff_sessions (token_hash, user_id, csrf_token) VALUES (${'c'.repeat(64)}, ${staff}, 'csrf')`.execute(db);
  await sql`INSERT INTO rate_limits (bucket, window_start, hits) VALUES ('form:x', now(), 3)`.execute(db);
  await sql`INSERT INTO staff_sign_in_failures (bucket) VALUES ('x')`.execute(db);
  await sql`SELECT nextval('request_reference_seq')`.execute(db);
}

const EXCLUDED = ['rate_limits', 'staff_sessions', 'staff_sign_in_failures', 'staff_sign_in_links'];
/** Left out too: the migrations' bookkeeping, which the header's list of migrations stands for. */
const BOOKKEEPING = ['kysely_migration', 'kysely_migration_lock'];

/** A database with a single request and 48 MB of incompressible attachments, so that writing its archive takes a while. */
async function bigDatabase(): Promise<TestDatabase> {
  const big = await testDatabase();
  await withHandle(big, async (db) => {
    await sql`INSERT INTO requests (reference, kind, channel, received_at) VALUES ('CR-2026-000001', 'copyright', 'post', now())`.execute(db);
    for (let i = 0; i < 24; i++) {
      const bytes = crypto.randomBytes(2 * 1024 * 1024);
      await sql`INSERT INTO request_attachments (request_id, filename, content_type, size_bytes, sha256, content)
                SELECT id, ${`scan-${i}.bin`}, 'application/octet-stream', ${bytes.length}, 'x', ${bytes} FROM requests`.execute(db);
    }
  });
  return big;
}

/** Starts `candor backup FILE` and kills it with SIGKILL once its new archive is well under way. */
async function killBackupHalfWay(file: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'backup', file], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const underWay = () => partialCopies(file).some((copy) => copy.pid === child.pid && fs.existsSync(copy.file) && fs.statSync(copy.file).size > 4 * 1024 * 1024);
  while (running && !underWay()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(running, 'the backup was still being written when it was killed');
  child.kill('SIGKILL');
  assert.equal(await exited, null);
}

describe('candor backup and restore', () => {
  let source: TestDatabase;
  let first: string;
  let printedSha256: string;

  before(async () => {
    source = await testDatabase();
    const seeded = await runCli(['seed', 'demo'], source.env);
    assert.equal(seeded.status, 0, seeded.stderr);
    await withHandle(source, fillEveryTable);
    first = fileIn('first.candor.gz');
    const backup = await runCli(['backup', first], source.env);
    assert.equal(backup.status, 0, backup.stderr);
    const printed = new RegExp(`^backup written to ${quoted(first)}: \\d+ tables, \\d+ rows, \\d+ migrations, from ${source.backend}\\nsha256 ([0-9a-f]{64})\\n$`).exec(backup.stdout);
    assert.ok(printed, backup.stdout);
    printedSha256 = printed[1]!;
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes every table with rows, leaves out sessions and sign-in counters, and records the schema', async () => {
    const counts = rowCounts(first);
    for (const [table, rows] of Object.entries(counts)) assert.ok(rows > 0, `${table} has rows in the archive`);
    for (const table of EXCLUDED) assert.equal(counts[table], undefined, `${table} is left out`);
    assert.ok(counts.request_attachments === 1 && counts.audit_events! > 600);
    const top = header(first);
    assert.equal(top.format, 'candor-backup');
    assert.equal(top.version, 1);
    assert.equal(top.backend, source.backend);
    const applied = await withHandle(source, async (db) => (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((row) => row.name));
    assert.deepEqual(top.migrations, applied);
    assert.equal(fs.statSync(first).mode & 0o777, 0o600, 'the archive holds secrets: only its owner reads it');
    assert.deepEqual(partialCopies(first), []);
  });

  it('holds every table of the schema but the excluded ones, and says which it left out', async () => {
    const catalog = await withHandle(source, async (db) =>
      (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)).rows.map((row) => row.name));
    const held = archiveTables(first);
    const excluded = header(first).excluded as string[];
    assert.deepEqual([...excluded].sort(), [...EXCLUDED, ...BOOKKEEPING].sort(), 'the tables left out are the documented ones');
    assert.deepEqual(held.filter((table) => excluded.includes(table)), [], 'no excluded table is in the archive');
    assert.deepEqual([...held, ...excluded].sort(), catalog, 'the archive and the tables left out are every table of the schema');
  });

  it('prints the SHA-256 of the file it wrote, and a restore can insist on it', async () => {
    assert.equal(printedSha256, sha256Of(first));
    const target = await testDatabase();
    const wrong = await runCli(['restore', '--expect-sha256', 'ab'.repeat(32), first], target.env);
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.equal(wrong.stdout, '');
    assert.equal(wrong.stderr, `candor: ${first} has SHA-256 ${printedSha256}, not the expected ${'ab'.repeat(32)}: it is not the backup you meant; nothing was restored\n`);

    // An archive rewritten with a checksum of its own is sound, but it is not the file the backup printed.
    const forged = fileIn('forged.candor.gz');
    rewrite(first, forged, (lines) => {
      const at = lines.findIndex((line) => line.startsWith('[') && line.includes('CR-'));
      lines[at] = lines[at]!.replace(/CR-(\d{4})-(\d+)/, 'CR-$1-999999');
    }, true);
    const refused = await runCli(['restore', forged, '--expect-sha256', printedSha256.toUpperCase()], target.env);
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, new RegExp(`^candor: ${quoted(forged)} has SHA-256 ${sha256Of(forged)}, not the expected ${printedSha256}: .*nothing was restored\\n$`));

    const malformed = await runCli(['restore', first, '--expect-sha256', 'not-hex'], target.env);
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /^candor: restore: --expect-sha256 takes the 64 hexadecimal digits candor backup printed, not "not-hex"\n$/);
    const missing = await runCli(['restore', first, '--expect-sha256'], target.env);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^candor: restore: .*--expect-sha256/);
    const events = await withHandle(target, async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(db)).rows[0]!.n);
    assert.equal(events, 0, 'nothing was restored');

    const accepted = await runCli(['restore', '--expect-sha256', printedSha256, first], target.env);
    assert.equal(accepted.status, 0, accepted.stderr);
    assert.match(accepted.stdout, /audit chain intact/);
  });

  it('refuses an archive whose audit chain is broken, naming the first broken event, and stores nothing', async () => {
    const broken = fileIn('broken-chain.candor.gz');
    let alteredId = 0;
    rewrite(first, broken, (lines) => {
      const start = lines.findIndex((line) => line.startsWith('{"table":"audit_events"'));
      const columns = (JSON.parse(lines[start]!) as { columns: { name: string }[] }).columns.map((column) => column.name);
      const at = start + 5;
      const row = JSON.parse(lines[at]!) as unknown[];
      alteredId = Number(row[columns.indexOf('id')]);
      row[columns.indexOf('actor')] = 'user:999';
      lines[at] = JSON.stringify(row);
    }, true);
    assert.equal(alteredId, 5);

    const empty = await testDatabase();
    const refused = await runCli(['restore', broken], empty.env);
    assert.equal(refused.status, 1, refused.stderr);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, `candor: the audit chain in ${broken} is broken at event 5: its content was altered (4 events before it are intact); nothing was restored\n`);
    const counts = async (database: TestDatabase) =>
      withHandle(database, async (db) => (await sql<{ events: number; requests: number; kept: number }>`
        SELECT (SELECT count(*)::int FROM audit_events) AS events, (SELECT count(*)::int FROM requests) AS requests,
               (SELECT count(*)::int FROM settings WHERE key = 'kept') AS kept`.execute(db)).rows[0]!);
    assert.deepEqual(await counts(empty), { events: 0, requests: 0, kept: 0 });

    // With --force the database's own content is what would be lost: it stays as it was.
    const used = await testDatabase();
    await withHandle(used, (db) => sql`INSERT INTO settings (key, value) VALUES ('kept', 'yes')`.execute(db));
    const forced = await runCli(['restore', '--force', broken], used.env);
    assert.equal(forced.status, 1, forced.stderr);
    assert.match(forced.stderr, /broken at event 5: its content was altered/);
    assert.deepEqual(await counts(used), { events: 0, requests: 0, kept: 1 });
    const verify = await runCli(['audit', 'verify'], used.env);
    assert.equal(verify.status, 0, verify.stderr);
  });

  it('round trips: restored into a fresh database and backed up again, the content is identical', async () => {
    const fresh = await testDatabase();
    const restored = await runCli(['restore', first], fresh.env);
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /^restored .* \d+ tables, \d+ rows\naudit chain intact: \d+ events, head [0-9a-f]{64}\n$/);
    const again = fileIn('again.candor.gz');
    assert.equal((await runCli(['backup', again], fresh.env)).status, 0);
    assert.equal(content(again), content(first));
    await withHandle(fresh, async (db) => {
      const attachment = await db.selectFrom('request_attachments').select(['content', 'sha256']).executeTakeFirstOrThrow();
      assert.ok(attachment.content.equals(BINARY), 'the attachment comes back byte for byte');
      const linked = await sql<{ duplicate_of_id: number; last: number; deadline_paused: string; laws_cited: string[] }>`
        SELECT duplicate_of_id, (SELECT max(id) FROM requests) AS last, deadline_paused::text AS deadline_paused, laws_cited
          FROM requests WHERE duplicate_of_id IS NOT NULL`.execute(db);
      assert.equal(linked.rows.length, 1);
      assert.equal(Number(linked.rows[0]!.duplicate_of_id), Number(linked.rows[0]!.last), 'a link to a later row of the same table is kept');
      assert.equal(linked.rows[0]!.deadline_paused, '2 days 03:04:05.678901');
      assert.deepEqual(linked.rows[0]!.laws_cited, ['Art. 17 GDPR', 'Ley "34/2002"', 'line\nbreak']);
      const funding = await sql<{ amount: string }>`SELECT funding_amount::text AS amount FROM assistance_cases`.execute(db);
      assert.equal(funding.rows[0]!.amount, '12345678901234.5678');
      for (const table of EXCLUDED) {
        const rows = await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`).execute(db);
        assert.equal(rows.rows[0]!.n, 0, `${table} is not restored`);
      }
      // New rows take ids after the restored ones: the sequences were set too.
      const created = await sql<{ id: number }>`
        INSERT INTO request_notes (request_id, author_id, body) SELECT min(r.id), min(s.id), 'after' FROM requests r, staff_users s
        RETURNING id`.execute(db);
      assert.equal(Number(created.rows[0]!.id), 2);
    });
  });

  it('moves between PostgreSQL and PGlite both ways with identical content', { skip: !postgresTemplate && 'needs a PostgreSQL run (DATABASE_URL)' }, async () => {
    const embedded = await blankDatabase('pglite');
    const toEmbedded = await runCli(['restore', first], embedded.env);
    assert.equal(toEmbedded.status, 0, toEmbedded.stderr);
    const fromEmbedded = fileIn('from-pglite.candor.gz');
    assert.equal((await runCli(['backup', fromEmbedded], embedded.env)).status, 0);
    assert.equal(header(fromEmbedded).backend, 'pglite');
    assert.equal(content(fromEmbedded), content(first));

    const server = await blankDatabase('postgres');
    const toServer = await runCli(['restore', fromEmbedded], server.env);
    assert.equal(toServer.status, 0, toServer.stderr);
    assert.match(toServer.stdout, /audit chain intact/);
    const back = fileIn('back-on-postgres.candor.gz');
    assert.equal((await runCli(['backup', back], server.env)).status, 0);
    assert.equal(header(back).backend, 'postgres');
    assert.equal(content(back), content(first));
  });

  it('restores into a database with nothing in it, not even the schema', async () => {
    const blank = await blankDatabase(source.backend);
    const restored = await runCli(['restore', first], blank.env);
    assert.equal(restored.status, 0, restored.stderr);
    const again = fileIn('blank-again.candor.gz');
    assert.equal((await runCli(['backup', again], blank.env)).status, 0);
    assert.equal(content(again), content(first));
  });

  it('refuses a database that holds data unless --force is given, and then replaces it', async () => {
    const target = await testDatabase();
    await withHandle(target, (db) => sql`INSERT INTO settings (key, value) VALUES ('kept', 'yes')`.execute(db));
    const refused = await runCli(['restore', first], target.env);
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^candor: the database is not empty \(rows in settings\); .*add --force/);
    assert.equal(await withHandle(target, async (db) => (await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

    const forced = await runCli(['restore', '--force', first], target.env);
    assert.equal(forced.status, 0, forced.stderr);
    const after = fileIn('forced.candor.gz');
    assert.equal((await runCli(['backup', after], target.env)).status, 0);
    assert.equal(content(after), content(first), 'what was there before is gone, the archive is all there is');
  });

  it('refuses an altered, a cut-short and a foreign archive, and changes nothing', async () => {
    const target = await testDatabase();
    const altered = fileIn('altered.candor.gz');
    rewrite(first, altered, (lines) => {
      const at = lines.findIndex((line) => line.startsWith('[') && line.includes('CR-'));
      lines[at] = lines[at]!.replace(/CR-(\d{4})-(\d+)/, 'CR-$1-999999');
    }, false);
    const cut = fileIn('cut.candor.gz');
    fs.writeFileSync(cut, fs.readFileSync(first).subarray(0, Math.floor(fs.statSync(first).size / 2)));
    const foreign = fileIn('foreign.gz');
    fs.writeFileSync(foreign, zlib.gzipSync('{"hello":"world"}\n'));
    for (const [file, reason] of [
      [altered, /its checksum does not match its content/],
      [cut, /damaged or cut short/],
      [foreign, /does not begin with a Candor backup header/],
    ] as const) {
      const result = await runCli(['restore', file], target.env);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`^candor: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a sound Candor backup: `));
      assert.match(result.stderr, reason);
      assert.match(result.stderr, /nothing was restored\n$/);
    }
    const nowhere = await runCli(['backup', path.join(work, 'no-such-folder', 'x.gz')], target.env);
    assert.equal(nowhere.status, 2);
    assert.match(nowhere.stderr, /^candor: backup: the folder .*no-such-folder does not exist\n$/);
    const missing = await runCli(['restore', fileIn('none.gz')], target.env);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /is not a file/);
    const events = await withHandle(target, async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(db)).rows[0]!.n);
    assert.equal(events, 0);
  });

  it('refuses an archive made by a newer build, naming the migrations it does not know', async () => {
    const target = await testDatabase();
    const newer = fileIn('newer.candor.gz');
    rewrite(first, newer, (lines) => {
      const top = JSON.parse(lines[0]!) as { migrations: string[] };
      top.migrations.push('29991231000000-from-the-future');
      lines[0] = JSON.stringify(top);
    }, true);
    const result = await runCli(['restore', newer], target.env);
    assert.equal(result.status, 3);
    assert.match(result.stderr, /made by a newer Candor .*29991231000000-from-the-future.*nothing was changed/);
  });

  it('a backup killed with SIGKILL half-way leaves the previous backup and the database intact', async () => {
    const big = await bigDatabase();
    const file = fileIn('nightly.candor.gz');
    assert.equal((await runCli(['backup', file], big.env)).status, 0);
    const before = sha256Of(file);
    const previous = content(file);

    await killBackupHalfWay(file, big.env);
    assert.equal(sha256Of(file), before, 'the previous backup is untouched');
    const verify = await runCli(['audit', 'verify'], big.env);
    assert.equal(verify.status, 0, verify.stderr);
    const next = fileIn('nightly-next.candor.gz');
    assert.equal((await runCli(['backup', next], big.env)).status, 0);
    assert.equal(content(next), previous, 'the database holds what it held');

    // The killed backup's partial copy is replaced by the next backup to the same file, and gone once it is done.
    const left = partialCopies(file);
    assert.equal(left.length, 1, 'a killed process cannot clean up after itself');
    fs.chmodSync(left[0]!.file, 0o644);
    // A partial copy that a running backup is writing is left alone.
    const live = `${file}.${process.pid}-0badc0de.tmp`;
    fs.writeFileSync(live, 'being written');
    const again = await runCli(['backup', file], big.env);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(partialCopies(file).map((copy) => copy.file), [live], 'the killed backup’s copy is gone, the running one’s kept, and no copy of its own is left');
    fs.rmSync(live);
    assert.equal(content(file), previous);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('two backups to the same file at once both finish, each from its own partial copy, and the file is a whole archive',
    { skip: !postgresTemplate && 'PostgreSQL only: on the embedded database a second command is refused while the first holds the folder' }, async () => {
      const big = await bigDatabase();
      const file = fileIn('overlapping.candor.gz');
      const copiesSeen = new Set<string>();
      const watching = setInterval(() => partialCopies(file).forEach((copy) => copiesSeen.add(copy.file)), 5);
      try {
        const [one, two] = await Promise.all([runCli(['backup', file], big.env), runCli(['backup', file], big.env)]);
        assert.equal(one.status, 0, one.stderr);
        assert.equal(two.status, 0, two.stderr);
      } finally {
        clearInterval(watching);
      }
      assert.ok(copiesSeen.size >= 2, `each backup wrote a copy of its own (seen: ${[...copiesSeen].join(', ')})`);
      assert.deepEqual(partialCopies(file), [], 'no partial copy is left');
      const check = await runCli(['restore', file, '--expect-sha256', sha256Of(file)], (await testDatabase()).env);
      assert.equal(check.status, 0, check.stderr);
    });

  it('a backup through the running server killed with SIGKILL half-way leaves the previous backup, the database and the server intact',
    { skip: !!postgresTemplate && 'the embedded database only: on PostgreSQL the command reads the database itself' }, async () => {
      const big = await bigDatabase();
      const server = await startServer(big.env);
      cleanups.push(async () => void (await server.stop()));
      const file = fileIn('through-server.candor.gz');
      const made = await runCli(['backup', file], big.env);
      assert.equal(made.status, 0, made.stderr);
      assert.match(made.stdout, /made by the running server/);
      const before = sha256Of(file);
      const previous = content(file);

      await killBackupHalfWay(file, big.env);
      assert.equal(sha256Of(file), before, 'the previous backup is untouched');
      // The server noticed its reader went away, gave the database back and goes on serving.
      const page = await fetch(`${server.url}/healthz`);
      assert.equal(page.status, 200, await page.text());
      const kept = fileIn('through-server-kept.candor.gz');
      fs.copyFileSync(file, kept);

      const again = await runCli(['backup', file], big.env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /made by the running server/);
      assert.deepEqual(partialCopies(file), [], 'no partial copy is left');
      assert.equal(content(file), previous, 'the database holds what it held');
      assert.ok(server.logs.some((entry) => entry.msg === 'backup through the control socket failed'), 'the server logged the backup it could not finish');
      assert.equal(server.process.exitCode, null, 'the server is still running');
      assert.equal(await server.stop(), 0);

      const fresh = await testDatabase();
      const restored = await runCli(['restore', '--expect-sha256', before, kept], fresh.env);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, /audit chain intact/);
    });

  it('restores an archive made at an older schema into an empty database, and brings it to the latest', async () => {
    const names = Object.keys(MIGRATIONS).sort();
    // Before requests carried their targets' projects: that migration fills the new column from the targets.
    const older = names.slice(0, names.indexOf('20261201130200-request-projects'));
    assert.ok(older.length > 0 && older.length < names.length);
    const old = await blankDatabase(source.backend);
    await withHandle(old, async (db) => {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      const { error } = await migrator.migrateTo(older.at(-1)!);
      assert.equal(error, undefined);
      await db.transaction().execute(async (trx) => {
        const request = await sql<{ id: number }>`
          INSERT INTO requests (reference, kind, channel, received_at) VALUES ('CR-2026-000042', 'copyright', 'post', '2026-11-02T09:00:00Z')
          RETURNING id`.execute(trx);
        const id = Number(request.rows[0]!.id);
        await sql`INSERT INTO request_targets (request_id, target_type, url, project) VALUES
                    (${id}, 'page', 'https://fr.wikipedia.org/wiki/X', 'fr.wikipedia.org'),
                    (${id}, 'page', 'https://de.wikipedia.org/wiki/Y', 'de.wikipedia.org')`.execute(trx);
        await appendEvents(trx, [
          { actor: 'system:import', action: 'request.created', subjectType: 'request', subjectId: id, payload: { reference: 'CR-2026-000042' } },
          { actor: 'user:1', action: 'request.note_added', subjectType: 'request', subjectId: id, payload: { length: 12 } },
        ]);
      });
    });
    const file = fileIn('older.candor.gz');
    const made = await runCli(['backup', file], old.env);
    assert.equal(made.status, 0, made.stderr);
    assert.deepEqual(header(file).migrations, older);
    const requestsLine = content(file).split('\n').find((line) => line.startsWith('{"table":"requests"'))!;
    assert.equal(requestsLine.includes('"name":"projects"'), false, 'the archive has the older schema');

    const blank = await blankDatabase(source.backend);
    const restored = await runCli(['restore', file], blank.env);
    assert.equal(restored.status, 0, restored.stderr);
    const newer = names.slice(older.length);
    assert.match(restored.stdout, new RegExp(`\\nthen applied ${newer.length} newer migration\\(s\\): ${newer.map(quoted).join(', ')}\\naudit chain intact: 2 events, head [0-9a-f]{64}\\n$`));
    await withHandle(blank, async (db) => {
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
      assert.deepEqual(applied.rows.map((row) => row.name), names, 'the database is at the latest schema');
      const rows = await sql<{ reference: string; projects: string[]; received_at: Date; targets: number }>`
        SELECT reference, projects, received_at, (SELECT count(*)::int FROM request_targets) AS targets FROM requests`.execute(db);
      assert.deepEqual(rows.rows, [{ reference: 'CR-2026-000042', projects: ['de.wikipedia.org', 'fr.wikipedia.org'], received_at: new Date('2026-11-02T09:00:00Z'), targets: 2 }]);
    });
    const verify = await runCli(['audit', 'verify'], blank.env);
    assert.equal(verify.status, 0, verify.stderr);
    const pending = await runCli(['migrate'], blank.env);
    assert.equal(pending.status, 0, pending.stderr);
  });

  it('says so when the process holding the embedded database cannot make the backup', { skip: !!postgresTemplate && 'the embedded database only' }, async () => {
    const held = await testDatabase();
    // A live process that holds the folder but offers no backup socket (as an older server would).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(held.env.DATA_DIR!, 'candor.lock'), JSON.stringify({ pid: holder.pid, holder: 'the candor server' }));
      const file = fileIn('unmade.candor.gz');
      const result = await runCli(['backup', file], held.env);
      assert.equal(result.status, 3);
      assert.match(result.stderr, new RegExp(`held by the candor server \\(process ${holder.pid}\\), which could not make the backup \\(it has no backup socket\\); stop it`));
      assert.equal(fs.existsSync(file), false);
      assert.deepEqual(partialCopies(file), []);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('backs up while the server runs and takes requests, and the archive restores with an intact audit chain', async () => {
    const live = await testDatabase();
    const token = await runCli(['token', 'create', 'load', '--scope', 'submit'], live.env);
    assert.equal(token.status, 0, token.stderr);
    const server = await startServer(live.env);
    cleanups.push(async () => void (await server.stop()));
    let writing = true;
    let created = 0;
    let failure: unknown;
    const writer = (async () => {
      while (writing) {
        const response = await fetch(`${server.url}/api/v1/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
          body: JSON.stringify({ kind: 'user_data', category: 'court_order', requester: { type: 'court', country: 'DE' }, text: 'Order to disclose', targets: [{ account: 'Example', project: 'de.wikipedia.org' }] }),
        });
        if (response.status !== 201) throw new Error(`request refused: ${response.status} ${await response.text()}`);
        created += 1;
      }
    })().catch((error: unknown) => {
      failure = error;
      writing = false;
    });
    const until = async (enough: () => boolean) => {
      while (!enough() && failure === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      if (failure !== undefined) throw failure;
    };
    await until(() => created >= 3);
    const file = fileIn('live.candor.gz');
    const backup = await runCli(['backup', file], live.env);
    const atBackup = created;
    await until(() => created >= atBackup + 3);
    writing = false;
    await writer;
    assert.equal(backup.status, 0, backup.stderr);
    if (live.backend === 'pglite') assert.match(backup.stdout, /made by the running server, process \d+/);
    const counts = rowCounts(file);
    assert.ok(counts.requests! >= 3 && counts.requests! < created, `the archive holds a moment of the stream (${counts.requests} of ${created})`);

    const fresh = await testDatabase();
    const restored = await runCli(['restore', file], fresh.env);
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /audit chain intact: \d+ events/);
    const created_events = await withHandle(fresh, async (db) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'request'`.execute(db)).rows[0]!.n);
    assert.ok(created_events >= counts.requests!, 'every request in the archive has its audit event there too');

    if (live.backend === 'pglite') {
      // The server holds the folder: a restore cannot replace the database under it.
      const busy = await runCli(['restore', '--force', file], live.env);
      assert.equal(busy.status, 3);
      assert.match(busy.stderr, /in use by the candor server/);
    } else {
      // Another process is connected to the database (a server would be): the restore waits for it to stop.
      const empty = await testDatabase();
      const handle = await empty.open();
      try {
        await sql`SELECT 1`.execute(handle.db);
        const busy = await runCli(['restore', file], empty.env);
        assert.equal(busy.status, 3);
        assert.match(busy.stderr, /other connection\(s\) to this database are open/);
      } finally {
        await handle.close();
      }
    }
    await server.stop();
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { copyEmptyDatabase, emptyDatabaseAvailable, emptyDatabaseMarker, makeEmptyDatabase } from './empty-database.ts';

/** A stand-in for `candor migrate`: a folder with a database's first file, a lock file and a control socket's name. */
async function fakeCreate(dataDir: string): Promise<void> {
  fs.mkdirSync(path.join(dataDir, 'pgdata', 'base'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'pgdata', 'PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(dataDir, 'pgdata', 'base', 'table'), 'rows');
  fs.writeFileSync(path.join(dataDir, 'candor.lock'), 'someone');
}

describe('the empty database made once and copied', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-empty-db-'));
  const dir = path.join(scratch, 'empty-database');

  it('is made once, with what it was made for and without the lock file of whoever made it', async () => {
    assert.equal(emptyDatabaseAvailable(dir), false);
    assert.equal(await makeEmptyDatabase(fakeCreate, dir), 'made');
    assert.equal(emptyDatabaseAvailable(dir), true);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['MADE-FOR', 'pgdata']);
    assert.equal(fs.readFileSync(path.join(dir, 'MADE-FOR'), 'utf8'), emptyDatabaseMarker());
    const marker = JSON.parse(emptyDatabaseMarker()) as { pglite: string; migrations: string[] };
    assert.match(marker.pglite, /^\d+\.\d+\.\d+/);
    assert.ok(marker.migrations.includes('20261124080000-requests-and-audit'));
    let created = 0;
    assert.equal(await makeEmptyDatabase(async (dataDir) => void (created++, await fakeCreate(dataDir)), dir), 'kept');
    assert.equal(created, 0, 'not made again while it is up to date');
    assert.deepEqual(fs.readdirSync(scratch), ['empty-database'], 'nothing left beside it');
  });

  it('is copied whole to a new database folder', () => {
    const pgdata = path.join(scratch, 'data', 'pgdata');
    assert.equal(copyEmptyDatabase(pgdata, dir), true);
    assert.equal(fs.readFileSync(path.join(pgdata, 'base', 'table'), 'utf8'), 'rows');
    assert.deepEqual(fs.readdirSync(path.dirname(pgdata)), ['pgdata'], 'no partial copy left');
    assert.equal(copyEmptyDatabase(pgdata, dir), false, 'never over a folder that is there');
    const cutShort = path.join(scratch, 'cut-short', 'pgdata');
    fs.mkdirSync(cutShort, { recursive: true });
    assert.equal(copyEmptyDatabase(cutShort, dir), false, 'a creation cut short is left to PGlite');
    assert.deepEqual(fs.readdirSync(cutShort), []);
  });

  it('is not copied once it no longer matches (other migrations, another PGlite), and is made again', async () => {
    fs.writeFileSync(path.join(dir, 'MADE-FOR'), emptyDatabaseMarker().replace('20261124080000-requests-and-audit', '20261124080000-something-else'));
    assert.equal(emptyDatabaseAvailable(dir), false);
    const pgdata = path.join(scratch, 'other', 'pgdata');
    assert.equal(copyEmptyDatabase(pgdata, dir), false);
    assert.equal(fs.existsSync(pgdata), false);
    assert.equal(await makeEmptyDatabase(fakeCreate, dir), 'made');
    assert.equal(emptyDatabaseAvailable(dir), true);
  });

  it('leaves nothing when making it fails, and keeps no half-made one', async () => {
    const other = path.join(scratch, 'failing');
    await assert.rejects(
      makeEmptyDatabase(async (dataDir) => {
        await fakeCreate(dataDir);
        throw new Error('initdb failed');
      }, other),
      /initdb failed/,
    );
    assert.equal(fs.existsSync(other), false);
    assert.equal(emptyDatabaseAvailable(other), false);
    assert.deepEqual(fs.readdirSync(scratch).filter((entry) => entry.startsWith('failing')), []);
  });
});

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'bin', 'candor.js');

/** A database of a test's own, cloned from the migrated template, on the backend the run uses. */
export interface TestDatabase {
  backend: 'pglite' | 'postgres';
  /** Environment that points a `candor` process (or loadConfig) at this database. */
  env: Record<string, string>;
  config: Config;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

function templateDir(): string {
  const given = process.env.CANDOR_TEST_TEMPLATE_DIR;
  if (given) return given;
  // Running one file directly, outside scripts/run-tests.mjs: build a template for this process.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-template-'));
  const migrate = spawnSync(process.execPath, [CLI, 'migrate'], { env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrating the template failed: ${migrate.stderr}`);
  process.env.CANDOR_TEST_TEMPLATE_DIR = dir;
  return dir;
}

async function clonePostgres(templateUrl: string): Promise<TestDatabase> {
  const url = new URL(templateUrl);
  const template = url.pathname.slice(1);
  // Named after the template, so that a run can clean up what its interrupted tests left behind.
  const name = `${template.slice(0, 40)}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: Object.assign(new URL(templateUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    // Cloning needs the template to have no other session; tests start at once, so retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt > 50 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  return {
    backend: 'postgres',
    env,
    config: loadConfig({ ...env, LOG_LEVEL: 'warn' }),
    open() {
      return openDatabase(loadConfig({ ...env }), { holder: 'a test' });
    },
    async drop() {
      const client = new pg.Client({ connectionString: Object.assign(new URL(templateUrl), { pathname: '/postgres' }).toString() });
      await client.connect();
      try {
        // Connections the test closed may take a moment to leave the server: wait for them rather
        // than cut them off, which would make their clients report an error after the test ended.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS "${name}"${attempt >= 30 ? ' WITH (FORCE)' : ''}`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '55006' || attempt >= 30) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

function cloneEmbedded(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-test-'));
  fs.cpSync(path.join(templateDir(), 'pgdata'), path.join(dir, 'pgdata'), { recursive: true });
  const env = { DATA_DIR: dir };
  return {
    backend: 'pglite',
    env,
    config: loadConfig({ ...env, LOG_LEVEL: 'warn' }),
    open() {
      return openDatabase(loadConfig({ ...env }), { holder: 'a test' });
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database for one test, on PostgreSQL when the run has DATABASE_URL, else on PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = process.env.CANDOR_TEST_TEMPLATE_URL;
  return templateUrl ? clonePostgres(templateUrl) : cloneEmbedded();
}

/**
 * Inside a describe block: a fresh database, opened before its tests and closed and dropped after
 * them. The returned object is filled in by the time the tests run.
 */
export function useTestDatabase(): { database: TestDatabase; handle: DatabaseHandle } {
  const suite = {} as { database: TestDatabase; handle: DatabaseHandle };
  before(async () => {
    suite.database = await createTestDatabase();
    suite.handle = await suite.database.open();
  });
  after(async () => {
    await suite.handle?.close();
    await suite.database?.drop();
  });
  return suite;
}

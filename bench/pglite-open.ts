// Child process of the footprint benchmark: opens (or creates) one embedded database and prints
// how long that took and the process's resident memory, as one JSON line.
import { PGlite } from '@electric-sql/pglite';
import { pgliteStartParams } from '../src/db/connect.ts';

const [dir, sharedBuffers] = process.argv.slice(2);
const started = performance.now();
const db = new PGlite(dir, sharedBuffers ? { startParams: pgliteStartParams(sharedBuffers) } : {});
await db.waitReady;
await db.query('SELECT 1');
const openMs = performance.now() - started;
console.log(JSON.stringify({ openMs, rssMb: process.memoryUsage().rss / 1_048_576 }));
await db.close();
